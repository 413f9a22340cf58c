/** The pack example posts (jurisdictions/<code>/examples/*.yaml) and how they become PostFacts; shared by the example specs. */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { PostFacts, RulesEngine } from '@preclear/rules-engine';

export interface Example {
  description: string;
  why: string;
  now?: string;
  compliant?: boolean;
  post: Partial<Omit<PostFacts, 'publishAt'>> & { body: string; scheduledAt?: string };
  expect: {
    jurisdiction?: string;
    verdict: string;
    findings: string[];
    stages?: string[];
    filing?: { regulator: string; when: string; businessDays: number; earliestPublishAt?: string | null } | null;
    retentionYears?: number;
    overall?: string;
  };
}

export const engine = RulesEngine.fromDirectory(__dirname);
export const packFolders = readdirSync(__dirname, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(__dirname, e.name, 'pack.yaml')))
  .map((e) => e.name);

export function exampleFiles(folder: string): { code: string; dir: string; files: string[] } {
  const code = engine.packs().find((p) => p.code.toLowerCase() === folder)?.code ?? folder.toUpperCase();
  const dir = join(__dirname, folder, 'examples');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
    : [];
  return { code, dir, files };
}

export function readExample(dir: string, file: string): Example {
  return parse(readFileSync(join(dir, file), 'utf8')) as Example;
}

export function toFacts(code: string, post: Example['post']): PostFacts {
  const { scheduledAt, ...rest } = post;
  return {
    locale: 'en-US',
    productCategory: 'brand',
    communicationType: 'retail',
    audience: 'retail',
    interactive: false,
    paid: false,
    influencer: false,
    channels: ['instagram'],
    jurisdictions: code === 'PLATFORM' ? ['EU'] : [code],
    links: [],
    media: [],
    brandProfile: {},
    ...rest,
    ...(scheduledAt ? { publishAt: new Date(scheduledAt) } : {}),
  };
}

/**
 * The pack example posts (jurisdictions/<code>/examples/*.yaml) and how they become
 * PostFacts; shared by the example specs and the `--report` of scripts/check-post.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { PostFacts, RulesEngine } from '@preclear/rules-engine';

export interface Example {
  description: string;
  why: string;
  /** Where the wording or the case comes from: regulator guidance, published examples, enforcement decisions. */
  source?: string;
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

/** The instant an example is evaluated at unless it names its own `now`. */
export const DEFAULT_EXAMPLE_NOW = '2026-06-01T09:00:00Z';

export const engine = RulesEngine.fromDirectory(__dirname);
export const packFolders = listPackFolders(__dirname);

export function listPackFolders(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'pack.yaml')))
    .map((e) => e.name)
    .sort();
}

export function exampleFiles(
  folder: string,
  root = __dirname,
  rules: RulesEngine = engine,
): { code: string; dir: string; files: string[] } {
  const code = rules.packs().find((p) => p.code.toLowerCase() === folder)?.code ?? folder.toUpperCase();
  const dir = join(root, folder, 'examples');
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

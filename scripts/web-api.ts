/**
 * Regenerates the web app's typed API client from the service's own OpenAPI document:
 *
 *   npm run web:api
 *
 * Boots the app (on DATABASE_URL, default a scratch `preclear_openapi` database), reads
 * /api/docs-json, and writes web/src/api/openapi.json and web/src/api/schema.d.ts (types by
 * openapi-typescript, used through openapi-fetch), and web/src/api/vocabulary.ts (the post
 * statuses, channels and editable statuses as the service defines them, so the web app never
 * restates them). test/web-api.e2e-spec.ts fails when the committed files differ from what
 * this would write.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHANNELS, POST_STATUSES } from '../src/calendar/domain/post-vocabulary';
import { TRANSITIONS } from '../src/workflow/post-state-machine';

export const API_DIR = resolve(__dirname, '..', 'web', 'src', 'api');
export const OPENAPI_FILE = join(API_DIR, 'openapi.json');
export const SCHEMA_FILE = join(API_DIR, 'schema.d.ts');
export const VOCABULARY_FILE = join(API_DIR, 'vocabulary.ts');

const list = (values: readonly string[]): string => `[${values.map((v) => `'${v}'`).join(', ')}]`;

/** The service's vocabularies as a module of the web app. */
export function vocabularyModule(): string {
  return [
    "// Written by `npm run web:api` from the service's own definitions (src/calendar/domain/post-vocabulary.ts,",
    '// src/workflow/post-state-machine.ts). Do not edit: change the service and regenerate.',
    '',
    `export const POST_STATUSES = ${list(POST_STATUSES)} as const;`,
    'export type PostStatus = (typeof POST_STATUSES)[number];',
    '',
    `export const CHANNELS = ${list(CHANNELS)} as const;`,
    'export type Channel = (typeof CHANNELS)[number];',
    '',
    '/** The statuses a post can be edited in (an edit makes a new revision and voids its approvals). */',
    `export const EDITABLE_STATUSES: readonly PostStatus[] = ${list(TRANSITIONS.edit.from)};`,
    '',
  ].join('\n');
}

/** The document without what depends on where it was served (PUBLIC_URL), so it is stable. */
export function stableDocument(document: Record<string, unknown>): string {
  const { servers: _servers, ...rest } = document;
  return `${JSON.stringify(rest, null, 2)}\n`;
}

/** The TypeScript types of a document, as openapi-typescript writes them. */
export function schemaTypes(documentJson: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'preclear-openapi-'));
  try {
    const input = join(dir, 'openapi.json');
    const output = join(dir, 'schema.d.ts');
    writeFileSync(input, documentJson);
    const cli = resolve(__dirname, '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    execFileSync(process.execPath, [cli, input, '--output', output, '--root-types'], { stdio: 'pipe' });
    return readFileSync(output, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { createApp } = await import('../src/bootstrap');
  const { app } = await createApp({
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/preclear_openapi',
    RUN_WORKERS: 'false',
    LOG_LEVEL: 'silent',
  });
  await app.listen(0, '127.0.0.1');
  try {
    const address = app.getHttpServer().address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${address.port}/api/docs-json`);
    const json = stableDocument((await res.json()) as Record<string, unknown>);
    writeFileSync(OPENAPI_FILE, json);
    writeFileSync(SCHEMA_FILE, schemaTypes(json));
    writeFileSync(VOCABULARY_FILE, vocabularyModule());
    console.log(`Wrote ${OPENAPI_FILE}, ${SCHEMA_FILE} and ${VOCABULARY_FILE}`);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import * as ts from 'typescript';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import { OpenApiContract } from './support/openapi-contract';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { approvePost, DE_BANK_PROFILE, compliantGermanCreditPost } from './support/workflow-fixtures';

type Json = Record<string, unknown>;
type Operation = {
  parameters?: Json[];
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
  security?: unknown[];
};

function operations(doc: Json): { path: string; method: string; op: Operation }[] {
  return Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );
}

/** Every schema with a type (or a reference/composition); `object` only with its properties or value type. */
function untypedSchemas(schema: unknown, where: string): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  const s = schema as Json;
  if (s.$ref) return [];
  const problems: string[] = [];
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[key])) {
      (s[key] as unknown[]).forEach((sub, i) => problems.push(...untypedSchemas(sub, `${where}.${key}[${i}]`)));
    }
  }
  if (problems.length > 0 || s.allOf || s.oneOf || s.anyOf) return problems;
  if (s.type === undefined && s.enum === undefined) return [`${where} has no type`];
  if (s.type === 'object' && s.properties === undefined && s.additionalProperties === undefined) {
    return [`${where} is an object without properties`];
  }
  if (s.type === 'array') problems.push(...untypedSchemas(s.items, `${where}[]`));
  for (const [name, property] of Object.entries((s.properties ?? {}) as Json)) {
    problems.push(...untypedSchemas(property, `${where}.${name}`));
  }
  if (typeof s.additionalProperties === 'object') {
    problems.push(...untypedSchemas(s.additionalProperties, `${where}{}`));
  }
  return problems;
}

describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  let doc: Json;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await request(t.http).get('/api/docs-json').expect(200)).body as Json;
  });
  afterAll(() => t.close());

  it('validates against the OpenAPI 3 schema (swagger-parser) and lints without errors (Redocly, recommended rules)', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });

  it('declares every path parameter of every operation, workspaceId as a uuid', () => {
    const missing: string[] = [];
    for (const { path, method, op } of operations(doc)) {
      const declared = new Map((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name as string, p]));
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        const parameter = declared.get(name);
        if (!parameter || parameter.required !== true) missing.push(`${method.toUpperCase()} ${path}: ${name}`);
        if (name === 'workspaceId' && (parameter?.schema as Json | undefined)?.format !== 'uuid') {
          missing.push(`${method.toUpperCase()} ${path}: workspaceId not a uuid`);
        }
      }
    }
    expect(operations(doc).filter(({ path }) => path.includes('{workspaceId}')).length).toBeGreaterThan(45);
    expect(missing).toEqual([]);
  });

  it('types every schema: no property is a bare object or lacks a type', () => {
    const schemas = (doc.components as { schemas: Json }).schemas;
    const problems = Object.entries(schemas).flatMap(([name, schema]) => untypedSchemas(schema, name));
    expect(problems).toEqual([]);
    const decision = (schemas.DecisionDto as { properties: Record<string, Json> }).properties.comment;
    expect(decision.type).toBe('string');
  });

  it('documents the error responses of every operation with the error body', () => {
    const problems: string[] = [];
    for (const { path, method, op } of operations(doc)) {
      const name = `${method.toUpperCase()} ${path}`;
      for (const [status, response] of Object.entries(op.responses)) {
        const schema = response.content?.['application/json']?.schema;
        // The health check's 503 documents its own body (which check is down); every other error is the error body.
        if (Number(status) >= 400 && !schema) problems.push(`${name} ${status} documents no body`);
        if (Number(status) >= 400 && Number(status) < 500 && schema?.$ref !== '#/components/schemas/ErrorBodyDto') {
          problems.push(`${name} ${status} has no error body`);
        }
      }
      const secured = (op.security ?? []).length > 0;
      if (secured && !op.responses['401']) problems.push(`${name} lacks 401`);
      if (secured && path.includes('{workspaceId}') && !(op.responses['403'] && op.responses['404'])) {
        problems.push(`${name} lacks 403/404`);
      }
    }
    expect(problems).toEqual([]);
    const body = (doc.components as { schemas: Record<string, { required: string[] }> }).schemas.ErrorBodyDto;
    expect(body.required).toEqual(expect.arrayContaining(['statusCode', 'code', 'message']));
  });

  it('generates a typed client (openapi-typescript) that the TypeScript compiler accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preclear-client-'));
    try {
      // The generator's own CLI, as a client project runs it (it is an ES module, so not imported here).
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
      execFileSync(
        process.execPath,
        [
          join(__dirname, '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
          join(dir, 'openapi.json'),
          '-o',
          join(dir, 'api.d.ts'),
        ],
        { stdio: 'pipe' },
      );
      // A use of the generated types, as the web app will write it: a wrong field name fails to compile.
      writeFileSync(
        join(dir, 'use.ts'),
        [
          "import type { components, paths } from './api';",
          "type Post = components['schemas']['PostDto'];",
          "type Created = paths['/api/v1/workspaces/{workspaceId}/posts']['post']['responses']['201']['content']['application/json'];",
          "type ListParams = paths['/api/v1/workspaces/{workspaceId}/audit']['get']['parameters']['path'];",
          "export const ws: ListParams = { workspaceId: '00000000-0000-4000-8000-000000000000' };",
          "export function title(p: Created): Post['title'] { return p.title; }",
          "export type ErrorCode = components['schemas']['ErrorBodyDto']['code'];",
        ].join('\n'),
      );
      const program = ts.createProgram([join(dir, 'use.ts')], {
        strict: true,
        noEmit: true,
        types: [],
        lib: ['lib.es2022.d.ts'],
        target: ts.ScriptTarget.ES2022,
      });
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('real responses match their documented schemas', () => {
    let contract: OpenApiContract;
    let ws: TestWorkspace;
    const url = (path: string): string => `/api/v1/workspaces/${ws.id}${path}`;

    beforeAll(async () => {
      contract = new OpenApiContract(doc as never);
      ws = await createWorkspace(t, { ...ALL_ROLES, compliance2: ['reviewer'] });
    });

    it('for brands, campaigns, posts, calendar, compliance and jurisdictions', async () => {
      const { marketer, admin, auditor } = ws.members;
      const check = async (req: request.Test): Promise<request.Response> => {
        const res = await req;
        contract.check(res);
        return res;
      };
      const brand = (
        await check(
          request(t.http)
            .post(url('/brands'))
            .set(auth(admin))
            .send({ name: 'Musterbank', legalName: 'Musterbank AG', profile: DE_BANK_PROFILE }),
        )
      ).body as { id: string };
      await check(request(t.http).get(url('/brands')).set(auth(marketer)));
      await check(
        request(t.http)
          .get(url(`/brands/${brand.id}`))
          .set(auth(marketer)),
      );
      await check(
        request(t.http)
          .patch(url(`/brands/${brand.id}`))
          .set(auth(admin))
          .send({ name: 'Musterbank 2' }),
      );
      const campaign = (
        await check(
          request(t.http)
            .post(url('/campaigns'))
            .set(auth(marketer))
            .send({ name: 'Winter', brandId: brand.id, startsOn: '2026-12-01', endsOn: '2027-01-31' }),
        )
      ).body as { id: string };
      await check(request(t.http).get(url('/campaigns')).set(auth(marketer)));
      await check(
        request(t.http)
          .get(url(`/campaigns/${campaign.id}`))
          .set(auth(marketer)),
      );

      const post = (
        await check(
          request(t.http)
            .post(url('/posts'))
            .set(auth(marketer))
            .send(germanCreditPost(brand.id, { campaignId: campaign.id })),
        )
      ).body as {
        id: string;
      };
      await check(
        request(t.http)
          .get(url(`/posts/${post.id}`))
          .set(auth(auditor)),
      );
      await check(
        request(t.http)
          .patch(url(`/posts/${post.id}`))
          .set(auth(marketer))
          .send({ revision: 1, title: 'Ratenkredit Winter 2' }),
      );
      await check(
        request(t.http)
          .get(url(`/posts/${post.id}/revisions`))
          .set(auth(marketer)),
      );
      await check(
        request(t.http)
          .get(url(`/posts/${post.id}/revisions/2/diff?against=1`))
          .set(auth(marketer)),
      );
      await check(
        request(t.http).get(url('/calendar?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z')).set(auth(marketer)),
      );
      await check(request(t.http).post(url('/compliance/check')).set(auth(marketer)).send(germanCreditPost(brand.id)));
      await check(
        request(t.http)
          .post(url(`/posts/${post.id}/check`))
          .set(auth(marketer)),
      );
      await check(request(t.http).get('/api/v1/jurisdictions'));
      await check(request(t.http).get('/api/v1/jurisdictions/DE'));

      // Error responses carry the documented error body too.
      await check(request(t.http).post(url('/posts')).set(auth(marketer)).send({ title: 1 }));
      await check(request(t.http).get(url('/posts/00000000-0000-4000-8000-000000000000')).set(auth(marketer)));
      await check(request(t.http).post(url('/brands')).set(auth(marketer)).send({ name: 'x', legalName: 'y' }));
      await check(request(t.http).get(url('/brands')));
    });

    it('for review: submit, decisions, review, review queue, filings, audit, feeds, channels, pauses, held', async () => {
      const { marketer, admin, reviewer, publisher, auditor } = ws.members;
      const check = async (req: request.Test): Promise<request.Response> => {
        const res = await req;
        contract.check(res);
        return res;
      };
      const brand = await createBrand(t, ws.id, admin, { profile: DE_BANK_PROFILE });
      const post = await createPost(t, ws.id, marketer, compliantGermanCreditPost(brand.id));
      await check(
        request(t.http)
          .post(url(`/posts/${post.id}/submit`))
          .set(auth(marketer))
          .send({ revision: 1 }),
      );
      await check(request(t.http).get(url('/review-queue')).set(auth(reviewer)));
      await check(
        request(t.http)
          .get(url(`/posts/${post.id}/review`))
          .set(auth(reviewer)),
      );
      await check(
        request(t.http)
          .post(url(`/posts/${post.id}/decisions`))
          .set(auth(reviewer))
          .send({ revision: 1, stage: 'compliance', decision: 'approve', comment: 'ok' }),
      );
      await check(request(t.http).get(url('/filings')).set(auth(reviewer)));
      await check(
        request(t.http)
          .get(url(`/posts/${post.id}/publications`))
          .set(auth(publisher)),
      );
      await check(request(t.http).get(url('/audit')).set(auth(auditor)));
      await check(request(t.http).get(url('/audit/verify')).set(auth(auditor)));

      const other = await createPost(t, ws.id, marketer, compliantGermanCreditPost(brand.id, { title: 'Zweiter' }));
      await approvePost(t, ws, other.id);
      await check(
        request(t.http)
          .post(url(`/posts/${other.id}/reschedule`))
          .set(auth(marketer))
          .send({ scheduledAt: '2026-12-16T10:00:00+01:00', preview: true }),
      );
      await check(
        request(t.http)
          .post(url(`/posts/${other.id}/withdraw`))
          .set(auth(marketer))
          .send({ reason: 'Campaign cancelled' }),
      );

      await check(request(t.http).post(url('/feeds')).set(auth(marketer)).send({ name: 'Mine' }));
      await check(request(t.http).get(url('/feeds')).set(auth(marketer)));
      const channel = (
        await check(
          request(t.http)
            .post(url('/channels'))
            .set(auth(publisher))
            .send({
              name: 'IG',
              brandId: brand.id,
              channel: 'instagram',
              adapter: 'webhook',
              config: { url: 'http://127.0.0.1:9/hook', secret: 'a-very-secret-value-123' },
            }),
        )
      ).body as { id: string };
      await check(request(t.http).get(url('/channels')).set(auth(publisher)));
      await check(
        request(t.http)
          .delete(url(`/channels/${channel.id}`))
          .set(auth(publisher)),
      );
      await check(request(t.http).get(url('/pauses')).set(auth(publisher)));
      await check(request(t.http).get(url('/held')).set(auth(publisher)));
      await check(request(t.http).get(url('/blackouts')).set(auth(publisher)));
      await check(request(t.http).get(url('/archive')).set(auth(auditor)));
    });
  });
});

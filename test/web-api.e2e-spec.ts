import { readFileSync } from 'node:fs';
import request from 'supertest';
import {
  OPENAPI_FILE,
  SCHEMA_FILE,
  schemaTypes,
  stableDocument,
  VOCABULARY_FILE,
  vocabularyModule,
} from '../scripts/web-api';
import { startTestApp, type TestApp } from './support/test-app';

describe("The web app's generated API client (e2e)", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('matches the OpenAPI document the service serves (run `npm run web:api` after changing a route)', async () => {
    const res = await request(t.http).get('/api/docs-json').expect(200);
    const served = stableDocument(res.body);
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(served);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaTypes(served));
  });

  it("states the service's statuses, channels and editable statuses as the service defines them", () => {
    expect(readFileSync(VOCABULARY_FILE, 'utf8')).toBe(vocabularyModule());
  });
});

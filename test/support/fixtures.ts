import request from 'supertest';
import type { TestApp, TestMember } from './test-app';
import { auth } from './test-app';

/** A draft-ready German consumer-credit post, as a marketer would send it. */
export function germanCreditPost(brandId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    brandId,
    title: 'Ratenkredit Winter',
    body: 'Jetzt den Ratenkredit sichern.',
    locale: 'de-DE',
    productCategory: 'consumer_credit',
    communicationType: 'retail',
    audience: 'retail',
    paid: false,
    channels: ['instagram'],
    jurisdictions: ['DE'],
    links: ['https://bank.example/kredit'],
    scheduledAt: '2027-12-01T09:30:00+01:00',
    timezone: 'Europe/Berlin',
    ...overrides,
  };
}

export async function createBrand(
  t: TestApp,
  workspaceId: string,
  admin: TestMember,
  body: Record<string, unknown> = {},
): Promise<{ id: string }> {
  const res = await request(t.http)
    .post(`/api/v1/workspaces/${workspaceId}/brands`)
    .set(auth(admin))
    .send({ name: 'Test Bank', legalName: 'Test Bank AG', profile: {}, ...body });
  if (res.status !== 201) throw new Error(`brand not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

export async function createPost(
  t: TestApp,
  workspaceId: string,
  marketer: TestMember,
  body: Record<string, unknown>,
): Promise<{ id: string; revision: number; status: string; [k: string]: unknown }> {
  const res = await request(t.http).post(`/api/v1/workspaces/${workspaceId}/posts`).set(auth(marketer)).send(body);
  if (res.status !== 201) throw new Error(`post not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

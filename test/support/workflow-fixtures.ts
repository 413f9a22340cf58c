import request from 'supertest';
import { auth, type TestApp, type TestMember, type TestWorkspace } from './test-app';

export interface WorkflowStage {
  id: string;
  stage: string;
  role: string;
  position: number;
  status: string;
  dueAt: string | null;
  overdue: boolean;
  expiresAt: string | null;
  signature: {
    decision: string;
    decidedBy: string;
    decidedAt: string;
    contentHash: string;
    qualification: Record<string, unknown>;
    revision: number;
  } | null;
  voidReason: string | null;
  voidedSignatures: unknown[];
}

export interface WorkflowPost {
  id: string;
  status: string;
  statusReason: Record<string, unknown> | null;
  revision: number;
  contentHash: string;
  scheduledAt: string | null;
  stages: WorkflowStage[];
  filings: {
    regulator: string;
    when: string;
    status: string;
    fileBy: string | null;
    earliestPublishAt: string | null;
    [k: string]: unknown;
  }[];
  [k: string]: unknown;
}

/** A US broker-dealer that has been a FINRA member for years (so no new-member pre-use filing). */
export const US_BROKER_PROFILE = {
  US: { finraMember: true, memberName: 'Acme Securities LLC', finraMembershipDate: '2015-03-01' },
};

/** A German bank with its impressum where the DDG wants it. */
export const DE_BANK_PROFILE = {
  DE: { impressumUrl: 'https://musterbank.example/impressum', impressumLinkLabel: 'Impressum' },
};

/** A compliant retail brokerage post by a FINRA member: needs compliance, then a registered principal. */
export function usBrokeragePost(brandId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    brandId,
    title: 'Commission-free ETFs',
    body: 'Trade stocks and ETFs with Acme Securities LLC, member FINRA/SIPC. Investing involves risk, including loss of principal.',
    locale: 'en-US',
    productCategory: 'brokerage',
    communicationType: 'retail',
    audience: 'retail',
    channels: ['linkedin'],
    jurisdictions: ['US'],
    scheduledAt: '2027-11-16T10:00:00-05:00',
    timezone: 'America/New_York',
    ...overrides,
  };
}

/**
 * A compliant paid German credit ad after the CCD2 date (jurisdictions/de/examples/05): the
 * representative example, the "Anzeige" label and the mandatory warning are all there, so
 * only the compliance review remains.
 */
export function compliantGermanCreditPost(
  brandId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    brandId,
    title: 'Wunschkredit Dezember',
    body: [
      'Anzeige | Dein Wunschkredit ab 3,99 % effektivem Jahreszins.',
      'Repräsentatives Beispiel: Nettodarlehensbetrag 10.000 €, Laufzeit 60 Monate, gebundener Sollzinssatz 3,92 % p. a., effektiver Jahreszins 3,99 %, monatliche Rate 184,02 €, Gesamtbetrag 11.041,20 €. Musterbank AG, Hauptstraße 1, 10115 Berlin.',
      'Achtung! Kreditaufnahme kostet Geld.',
    ].join('\n'),
    locale: 'de-DE',
    productCategory: 'consumer_credit',
    communicationType: 'retail',
    audience: 'retail',
    paid: true,
    channels: ['instagram'],
    jurisdictions: ['DE'],
    scheduledAt: '2027-11-16T10:00:00+01:00',
    timezone: 'Europe/Berlin',
    ...overrides,
  };
}

function fail(what: string, res: request.Response): never {
  throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Drives a post through review over HTTP: submits its current revision, then signs every
 * stage in order, each by a different member who holds the stage's role and wrote no
 * revision of the post (so separation of duties holds). Returns the post as the last
 * decision answered it: `scheduled` (or `approved` while a pre-use filing is pending, or
 * whatever a ScheduleGate decided).
 */
export async function approvePost(
  t: TestApp,
  ws: TestWorkspace,
  postId: string,
  options: { submitter?: TestMember } = {},
): Promise<WorkflowPost> {
  const members = Object.values(ws.members);
  const submitter =
    options.submitter ??
    members.find((m) => m.roles.includes('marketer')) ??
    members.find((m) => m.roles.includes('admin'));
  if (!submitter) throw new Error('approvePost: the workspace has no marketer or admin to submit');
  const base = `/api/v1/workspaces/${ws.id}/posts/${postId}`;

  const current = await request(t.http).get(base).set(auth(submitter));
  if (current.status !== 200) fail('approvePost: reading the post failed', current);
  const submitted = await request(t.http)
    .post(`${base}/submit`)
    .set(auth(submitter))
    .send({ revision: current.body.revision });
  if (submitted.status !== 201) fail('approvePost: submit was refused', submitted);
  let post = submitted.body as WorkflowPost;

  const revisions = await request(t.http).get(`${base}/revisions`).set(auth(submitter));
  const authors = new Set((revisions.body as { authorId: string | null }[]).map((r) => r.authorId));
  const signed = new Set<string>();
  for (const stage of [...post.stages].sort((a, b) => a.position - b.position)) {
    const signer = members.find(
      (m) => (m.roles as string[]).includes(stage.role) && !authors.has(m.userId) && !signed.has(m.userId),
    );
    if (!signer) {
      throw new Error(`approvePost: no member left who may sign the ${stage.stage} stage (role ${stage.role})`);
    }
    const decided = await request(t.http)
      .post(`${base}/decisions`)
      .set(auth(signer))
      .send({ revision: post.revision, stage: stage.stage, decision: 'approve' });
    if (decided.status !== 201) fail(`approvePost: ${stage.stage} was not approved`, decided);
    signed.add(signer.userId);
    post = decided.body as WorkflowPost;
  }
  return post;
}

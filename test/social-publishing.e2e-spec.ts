import request from 'supertest';
import { createDeBrand, isolatedStore, submitClearPost, waitForStatus } from './support/scheduled-post';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { ACCOUNTS, createNetworkChannel, SocialFakes, waitForProof } from './support/fakes/social-setup';

/**
 * Publishing to LinkedIn, Facebook, Instagram and X through the real app (Bull, Postgres)
 * against local fakes of each network's API: one create per post and channel, the network's
 * id and permalink stored, the live post read back and compared with what was approved.
 */
describe('Social networks: publishing and proof (e2e)', () => {
  const store = isolatedStore('social_pub');
  const fakes = new SocialFakes();
  let t: TestApp;
  let ws: TestWorkspace;
  const base = (): string => `/api/v1/workspaces/${ws.id}`;
  const soon = (): Date => new Date(Date.now() + 1500);

  beforeAll(async () => {
    await fakes.start();
    t = await startTestApp({
      ...store.env,
      ...fakes.env(),
      RUN_WORKERS: 'true',
      PUBLISH_BACKOFF_MS: '300',
      RECONCILE_INTERVAL_MS: '1000',
    });
    ws = await createWorkspace(t, ALL_ROLES);
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
    await store.drop();
  });

  it('creates a network channel from a pasted token: adapter must match the channel, every bad field named, the token never shown', async () => {
    const brandId = await createDeBrand(t, ws);
    const mismatch = await request(t.http)
      .post(`${base()}/channels`)
      .set(auth(ws.members.publisher))
      .send({
        name: 'Wrong',
        brandId,
        channel: 'x',
        adapter: 'linkedin',
        account: { id: ACCOUNTS.linkedin.id, accessToken: ACCOUNTS.linkedin.token },
      });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('CHANNEL_ACCOUNT_INVALID');
    expect(mismatch.body.details.map((d: { field: string }) => d.field)).toEqual(['adapter']);

    const missing = await request(t.http)
      .post(`${base()}/channels`)
      .set(auth(ws.members.publisher))
      .send({
        name: 'No token',
        brandId,
        channel: 'x',
        adapter: 'x',
        account: { id: '', accessToken: 'short', expiresAt: 'tomorrow' },
      });
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'account.accessToken',
      'account.expiresAt',
      'account.id',
    ]);
    const noAccount = await request(t.http)
      .post(`${base()}/channels`)
      .set(auth(ws.members.publisher))
      .send({ name: 'None', brandId, channel: 'x', adapter: 'x' });
    expect(noAccount.status).toBe(400);
    expect(noAccount.body.details.map((d: { field: string }) => d.field)).toEqual(['account']);

    const reviewer = await request(t.http)
      .post(`${base()}/channels`)
      .set(auth(ws.members.reviewer))
      .send({
        name: 'X',
        brandId,
        channel: 'x',
        adapter: 'x',
        account: { id: ACCOUNTS.x.id, accessToken: ACCOUNTS.x.token },
      });
    expect(reviewer.status).toBe(403);

    const created = await request(t.http)
      .post(`${base()}/channels`)
      .set(auth(ws.members.publisher))
      .send({
        name: 'X',
        brandId,
        channel: 'x',
        adapter: 'x',
        account: { id: ACCOUNTS.x.id, accessToken: ACCOUNTS.x.token, expiresAt: '2027-03-01T00:00:00Z' },
      })
      .expect(201);
    expect(created.body).toMatchObject({
      accountId: ACCOUNTS.x.id,
      config: { secretSet: true },
      health: { status: 'connected', expiresAt: '2027-03-01T00:00:00.000Z', reason: null },
    });
    const list = await request(t.http).get(`${base()}/channels`).set(auth(ws.members.auditor)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(ACCOUNTS.x.token);
    const audit = await t.dataSource.query(`SELECT data::text AS data FROM audit_entries WHERE subject = $1`, [
      `channel:${created.body.id}`,
    ]);
    expect(audit.map((a: { data: string }) => a.data).join()).not.toContain(ACCOUNTS.x.token);
    const sealed = await t.dataSource.query(`SELECT secret_sealed FROM channel_targets WHERE id = $1`, [
      created.body.id,
    ]);
    expect(sealed[0].secret_sealed).not.toContain(ACCOUNTS.x.token);
  });

  it('refuses hostile account bodies naming each field, and another workspace cannot see or change a network channel', async () => {
    const brandId = await createDeBrand(t, ws, 'Hostilebank');
    for (const [account, fields] of [
      ['a-token-as-a-string', ['account']],
      [{ id: 12345, accessToken: ACCOUNTS.x.token }, ['account.id']],
      [{ id: ACCOUNTS.x.id, accessToken: 'k'.repeat(4001) }, ['account.accessToken']],
      [{ id: ACCOUNTS.x.id, accessToken: ACCOUNTS.x.token, refreshToken: 'sneaky' }, ['account.refreshToken']],
    ] as const) {
      const res = await request(t.http)
        .post(`${base()}/channels`)
        .set(auth(ws.members.publisher))
        .send({ name: 'X', brandId, channel: 'x', adapter: 'x', account });
      expect([res.status, res.body.details?.map((d: { field: string }) => d.field)]).toEqual([400, fields]);
    }
    const id = await createNetworkChannel(t, ws, brandId, 'x');
    const other = await createWorkspace(t, ALL_ROLES);
    await request(t.http)
      .patch(`/api/v1/workspaces/${other.id}/channels/${id}`)
      .set(auth(other.members.publisher))
      .send({ account: { accessToken: 'attacker-token-123' } })
      .expect(404);
    const list = await request(t.http)
      .get(`/api/v1/workspaces/${other.id}/channels`)
      .set(auth(other.members.publisher))
      .expect(200);
    expect(list.body).toEqual([]);
  });

  it('publishes a text-and-link post once on LinkedIn, Facebook and X, storing ids, permalinks and a matching read-back (t.co and l.facebook.com expanded)', async () => {
    const brandId = await createDeBrand(t, ws, 'Textbank');
    for (const network of ['linkedin', 'facebook', 'x'] as const) await createNetworkChannel(t, ws, brandId, network);
    const before = {
      li: fakes.linkedin.creates().length,
      fb: fakes.meta.creates().length,
      x: fakes.x.creates().length,
    };
    const post = await submitClearPost(t, ws, brandId, soon(), {
      channels: ['linkedin', 'facebook', 'x'],
      body: 'Filialfest am Samstag (10-14 Uhr) #Musterbank',
      links: ['https://musterbank.example/filialfest'],
    });
    await waitForStatus(t, ws, post.id, ['published'], 20_000);
    const publications = await waitForProof(t, ws, post.id);
    expect(fakes.linkedin.creates().length - before.li).toBe(1);
    expect(fakes.meta.creates().length - before.fb).toBe(1);
    expect(fakes.x.creates().length - before.x).toBe(1);
    for (const p of publications) {
      expect([p.channel, p.status, p.proofStatus, p.proofDifferences]).toEqual([p.channel, 'succeeded', 'matches', []]);
      expect(p.externalId).toBeTruthy();
      expect(p.permalink).toMatch(/^https:\/\//);
    }
    // LinkedIn got its reserved characters escaped and the link as an article; the read-back shows the approved text.
    const li = fakes.linkedin.posts[0];
    expect(li.commentary).toBe('Filialfest am Samstag \\(10-14 Uhr\\) \\#Musterbank');
    expect(li.content).toEqual({
      article: { source: 'https://musterbank.example/filialfest', title: 'https://musterbank.example/filialfest' },
    });
    const proofs = await t.dataSource.query(
      `SELECT kind, matches FROM publication_proofs WHERE publication_id = ANY($1::uuid[])`,
      [publications.map((p) => (p as unknown as { id: string }).id)],
    );
    expect(proofs).toHaveLength(3);
    expect(proofs.every((r: { kind: string; matches: boolean }) => r.kind === 'readback' && r.matches)).toBe(true);
  });

  it('publishes a post with an image scheduled on all four networks once on each, with alt text and proof stored', async () => {
    const brandId = await createDeBrand(t, ws, 'Bildbank');
    for (const network of ['linkedin', 'facebook', 'instagram', 'x'] as const) {
      await createNetworkChannel(t, ws, brandId, network);
    }
    const before = {
      li: fakes.linkedin.creates().length,
      meta: fakes.meta.creates().length,
      x: fakes.x.creates().length,
    };
    const post = await submitClearPost(t, ws, brandId, soon(), {
      channels: ['linkedin', 'facebook', 'instagram', 'x'],
      body: 'Unser neues Filialteam freut sich auf Sie.',
      media: [{ kind: 'image', url: fakes.imageUrl(), altText: 'Das Filialteam vor der Filiale' }],
    });
    await waitForStatus(t, ws, post.id, ['published'], 30_000);
    const publications = await waitForProof(t, ws, post.id);
    expect(fakes.linkedin.creates().length - before.li).toBe(1);
    expect(fakes.meta.creates().length - before.meta).toBe(2); // the Page photo and the Instagram media_publish
    expect(fakes.x.creates().length - before.x).toBe(1);
    expect(publications.map((p) => [p.channel, p.status, p.proofStatus]).sort()).toEqual([
      ['facebook', 'succeeded', 'matches'],
      ['instagram', 'succeeded', 'matches'],
      ['linkedin', 'succeeded', 'matches'],
      ['x', 'succeeded', 'matches'],
    ]);
    expect(fakes.linkedin.posts[0].content).toEqual({
      media: { id: expect.stringMatching(/^urn:li:image:/), altText: 'Das Filialteam vor der Filiale' },
    });
    const metadata = fakes.x.server.requests.filter((r) => r.path === '/2/media/metadata').pop();
    expect(JSON.parse(metadata!.body.toString())).toMatchObject({
      metadata: { alt_text: { text: 'Das Filialteam vor der Filiale' } },
    });
    const upload = fakes.linkedin.server.requests.filter((r) => r.method === 'PUT').pop();
    expect(upload!.body.equals(fakes.images.png)).toBe(true);
    // Instagram read its quota before publishing and published a finished container.
    expect(fakes.meta.server.requests.some((r) => r.path.endsWith('/content_publishing_limit'))).toBe(true);
    expect(fakes.meta.media[0].caption).toBe('Unser neues Filialteam freut sich auf Sie.');
  });

  it('marks a publication as differing when the live post does not show the approved text, and tells publishers and compliance reviewers', async () => {
    const brandId = await createDeBrand(t, ws, 'Umschreibbank');
    await createNetworkChannel(t, ws, brandId, 'linkedin');
    fakes.linkedin.rewrite = (text) => text.replace('Samstag', 'Sa.');
    try {
      const post = await submitClearPost(t, ws, brandId, soon(), {
        channels: ['linkedin'],
        body: 'Filialfest am Samstag in Berlin.',
      });
      await waitForStatus(t, ws, post.id, ['published'], 20_000);
      const [publication] = await waitForProof(t, ws, post.id);
      expect(publication.proofStatus).toBe('differs');
      expect(publication.proofDifferences).toEqual([
        { field: 'text', approved: 'Filialfest am Samstag in Berlin.', live: 'Filialfest am Sa. in Berlin.' },
      ]);
      const audit = await t.dataSource.query(
        `SELECT action, data FROM audit_entries WHERE subject = $1 AND action = 'publication.differs'`,
        [`post:${post.id}`],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0].data).toMatchObject({ channel: 'linkedin', proofStatus: 'differs' });
      // Compliance reviewers read the same field.
      const asReviewer = await request(t.http)
        .get(`${base()}/posts/${post.id}/publications`)
        .set(auth(ws.members.reviewer))
        .expect(200);
      expect(asReviewer.body.publications[0].proofStatus).toBe('differs');
      // Publishers and compliance reviewers are told, in their language; the author is not.
      for (const [member, subject] of [
        [ws.members.reviewer, 'Published copy differs: '],
        [ws.members.publisher, 'Published copy differs: '],
      ] as const) {
        const inbox = await request(t.http).get(`${base()}/notifications`).set(auth(member)).expect(200);
        const told = (inbox.body.items as { event: string; postId: string; subject: string }[]).filter(
          (n) => n.event === 'publication_differs' && n.postId === post.id,
        );
        expect(told).toEqual([expect.objectContaining({ subject: expect.stringContaining(subject) })]);
      }
      const authorInbox = await request(t.http)
        .get(`${base()}/notifications`)
        .set(auth(ws.members.marketer))
        .expect(200);
      expect((authorInbox.body.items as { event: string }[]).some((n) => n.event === 'publication_differs')).toBe(
        false,
      );
    } finally {
      fakes.linkedin.rewrite = null;
    }
  });
});

import request from 'supertest';
import { DEMO_MEMBERS, DEMO_PASSWORD, DEMO_WORKSPACE } from '../src/demo/demo-data';
import { startTestApp } from './support/test-app';

describe('Demo workspace (e2e)', () => {
  it('seeds a bank in seven markets, one member per role and posts in several states, once across restarts', async () => {
    const first = await startTestApp({ DEMO: 'true' });
    await first.close();
    const t = await startTestApp({ DEMO: 'true' });
    try {
      const workspaces = await t.dataSource.query('SELECT id FROM workspaces WHERE name = $1', [DEMO_WORKSPACE]);
      expect(workspaces).toHaveLength(1);

      const login = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: 'marketer@demo.preclear.test', password: DEMO_PASSWORD })
        .expect(200);
      const ws = login.body.workspaces[0].id as string;
      const token = { Authorization: `Bearer ${login.body.accessToken}` };
      const brands = await request(t.http).get(`/api/v1/workspaces/${ws}/brands`).set(token).expect(200);
      expect(brands.body).toHaveLength(1);
      expect(Object.keys(brands.body[0].profile)).toEqual(expect.arrayContaining(['US', 'UK', 'DE', 'PL', 'FR']));

      const calendar = await request(t.http).get(`/api/v1/workspaces/${ws}/calendar`).set(token).expect(200);
      const byStatus = new Map<string, number>();
      for (const post of calendar.body.items as { status: string }[]) {
        byStatus.set(post.status, (byStatus.get(post.status) ?? 0) + 1);
      }
      expect([...byStatus.keys()].sort()).toEqual(['changes_requested', 'draft', 'in_review', 'scheduled']);
      const jurisdictions = new Set(
        (calendar.body.items as { jurisdictions: string[] }[]).flatMap((p) => p.jurisdictions),
      );
      expect([...jurisdictions].sort()).toEqual(['DE', 'ES', 'FR', 'NL', 'PL', 'UK', 'US']);

      const members = await request(t.http)
        .get(`/api/v1/workspaces/${ws}/members`)
        .set({
          Authorization: `Bearer ${(await request(t.http).post('/api/v1/auth/login').send({ email: 'admin@demo.preclear.test', password: DEMO_PASSWORD })).body.accessToken}`,
        })
        .expect(200);
      const roles = new Set((members.body.items as { roles: string[] }[]).flatMap((m) => m.roles));
      expect([...roles].sort()).toEqual(['admin', 'auditor', 'marketer', 'principal', 'publisher', 'reviewer']);
      expect(members.body.items).toHaveLength(DEMO_MEMBERS.length);

      // Every channel publishes to the log, so demo posts go out when their time comes.
      const publisher = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: 'publisher@demo.preclear.test', password: DEMO_PASSWORD })
        .expect(200);
      const channels = await request(t.http)
        .get(`/api/v1/workspaces/${ws}/channels`)
        .set({ Authorization: `Bearer ${publisher.body.accessToken}` })
        .expect(200);
      expect((channels.body as { adapter: string }[]).map((c) => c.adapter)).toEqual(Array(7).fill('log'));
    } finally {
      await t.close();
    }
  });
});

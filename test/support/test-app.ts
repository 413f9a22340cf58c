import type { INestApplication } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { type AppOverrides, createApp } from '../../src/bootstrap';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { Membership } from '../../src/identity/entities/membership.entity';
import { recordRoleGrants } from '../../src/identity/members/role-grants';
import { User } from '../../src/identity/entities/user.entity';
import { Workspace } from '../../src/identity/entities/workspace.entity';
import type { Role } from '../../src/identity/roles';
import { testDatabaseUrl, testQueuePrefix } from './test-env';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  /** The app's own pool: the restricted role (no UPDATE/DELETE/TRUNCATE of evidence). */
  dataSource: DataSource;
  /** The table owner, for tests that must tamper with evidence as an attacker with the owner's rights would. */
  owner: DataSource;
  close(): Promise<void>;
}

/**
 * Starts the real application on this run's database and Redis prefix; `overrides.clock`
 * (a TestClock) runs it on fixed instants instead of the wall clock.
 */
export async function startTestApp(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<TestApp> {
  const { app } = await createApp(
    {
      NODE_ENV: 'test',
      DATABASE_URL: testDatabaseUrl(),
      QUEUE_PREFIX: testQueuePrefix(),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
      RUN_WORKERS: 'false',
      // The tests' webhook receivers listen on loopback, which production refuses by default.
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      // Uploads of this test process, apart from every other run's and from the checkout.
      MEDIA_DIR: join(tmpdir(), `preclear-media-${testQueuePrefix()}`),
      ...env,
    },
    overrides,
  );
  await app.init();
  const owner = await new DataSource({
    ...dataSourceOptions(env.DATABASE_URL ?? testDatabaseUrl()),
    extra: { max: 2 },
  }).initialize();
  return {
    app,
    http: app.getHttpServer(),
    dataSource: app.get(DataSource),
    owner,
    close: async () => {
      await owner.destroy();
      await app.close();
    },
  };
}

export interface TestMember {
  userId: string;
  email: string;
  token: string;
  roles: Role[];
}

export interface TestWorkspace {
  id: string;
  name: string;
  members: Record<string, TestMember>;
}

const PASSWORD = 'test-password-123';
let passwordHash: Promise<string> | undefined;

/**
 * A workspace with the given members (name -> roles), written straight to the database and
 * logged in over HTTP. Every test file makes its own, so tests never share state.
 */
export async function createWorkspace(
  t: TestApp,
  members: Record<string, Role[]>,
  qualification: Record<string, Record<string, string>> = {},
): Promise<TestWorkspace> {
  passwordHash ??= argon2.hash(PASSWORD);
  const hash = await passwordHash;
  const tag = randomBytes(5).toString('hex');
  const workspace = await t.dataSource.getRepository(Workspace).save({ name: `Test ${tag}` });
  const out: TestWorkspace = { id: workspace.id, name: workspace.name, members: {} };
  for (const [name, roles] of Object.entries(members)) {
    const email = `${name}-${tag}@test.preclear`;
    const user = await t.dataSource.getRepository(User).save({ email, name, passwordHash: hash });
    await t.dataSource
      .getRepository(Membership)
      .save({ workspaceId: workspace.id, userId: user.id, roles, qualification: qualification[name] ?? {} });
    await recordRoleGrants(t.dataSource.manager, {
      workspaceId: workspace.id,
      userId: user.id,
      roles,
      grantedBy: null,
    });
    const res = await request(t.http).post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
    out.members[name] = { userId: user.id, email, token: (res.body as { accessToken: string }).accessToken, roles };
  }
  return out;
}

export const ALL_ROLES: Record<string, Role[]> = {
  admin: ['admin'],
  marketer: ['marketer'],
  reviewer: ['reviewer'],
  legal: ['reviewer'],
  principal: ['principal'],
  publisher: ['publisher'],
  auditor: ['auditor'],
};

export function auth(member: TestMember): { Authorization: string } {
  return { Authorization: `Bearer ${member.token}` };
}

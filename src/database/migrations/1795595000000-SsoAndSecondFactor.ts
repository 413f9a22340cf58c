import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on per workspace (OpenID Connect), the sign-in attempts it has under way, and the
 * TOTP second factor of password sign-in with its recovery codes and two-admin resets.
 */
export class SsoAndSecondFactor1795595000000 implements MigrationInterface {
  name = 'SsoAndSecondFactor1795595000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workspaces" ADD "second_factor_required" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`CREATE TABLE "workspace_sso" (
      "workspace_id" uuid PRIMARY KEY REFERENCES "workspaces"("id") ON DELETE CASCADE,
      "slug" varchar(63) NOT NULL,
      "issuer_url" varchar(2000) NOT NULL,
      "client_id" varchar(500) NOT NULL,
      "client_secret_sealed" text NOT NULL,
      "allowed_domains" text[] NOT NULL,
      "groups_claim" varchar(200) NOT NULL DEFAULT 'groups',
      "group_roles" jsonb NOT NULL DEFAULT '{}',
      "password_sign_in" boolean NOT NULL DEFAULT true,
      "updated_by" uuid,
      "updated_at" timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(`CREATE UNIQUE INDEX "workspace_sso_slug_key" ON "workspace_sso" ("slug")`);
    await queryRunner.query(
      `CREATE INDEX "workspace_sso_domains_gin_idx" ON "workspace_sso" USING gin ("allowed_domains")`,
    );
    // Only hashes of state and browser binding: a row read from a dump cannot complete a sign-in.
    await queryRunner.query(`CREATE TABLE "sso_sign_ins" (
      "state_hash" char(64) PRIMARY KEY,
      "workspace_id" uuid NOT NULL REFERENCES "workspaces"("id") ON DELETE CASCADE,
      "browser_hash" char(64) NOT NULL,
      "nonce" varchar(100) NOT NULL,
      "code_verifier" varchar(200) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz)`);
    await queryRunner.query(`CREATE INDEX "sso_sign_ins_expires_idx" ON "sso_sign_ins" ("expires_at")`);
    await queryRunner.query(`CREATE TABLE "second_factors" (
      "user_id" uuid PRIMARY KEY REFERENCES "users"("id") ON DELETE CASCADE,
      "secret_sealed" text NOT NULL,
      "confirmed_at" timestamptz,
      "last_used_step" bigint,
      "created_at" timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(`CREATE TABLE "second_factor_recovery_codes" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "code_hash" char(64) NOT NULL,
      "used_at" timestamptz)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "second_factor_recovery_codes_key" ON "second_factor_recovery_codes" ("user_id", "code_hash")`,
    );
    await queryRunner.query(`CREATE TABLE "second_factor_resets" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "workspace_id" uuid NOT NULL REFERENCES "workspaces"("id") ON DELETE CASCADE,
      "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "requested_by" uuid NOT NULL,
      "requested_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      "confirmed_by" uuid,
      "confirmed_at" timestamptz)`);
    await queryRunner.query(
      `CREATE INDEX "second_factor_resets_workspace_idx" ON "second_factor_resets" ("workspace_id", "requested_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "second_factor_resets"`);
    await queryRunner.query(`DROP TABLE "second_factor_recovery_codes"`);
    await queryRunner.query(`DROP TABLE "second_factors"`);
    await queryRunner.query(`DROP TABLE "sso_sign_ins"`);
    await queryRunner.query(`DROP TABLE "workspace_sso"`);
    await queryRunner.query(`ALTER TABLE "workspaces" DROP COLUMN "second_factor_required"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access that can be taken away and traced: token versions (logout, password change),
 * invitations instead of direct enrolment, and a record of every role grant, which a
 * signature now quotes.
 */
export class IdentityAccess1795582000000 implements MigrationInterface {
  name = 'IdentityAccess1795582000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE TABLE "invitations" (
      "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
      "workspace_id" uuid NOT NULL,
      "email" character varying(320) NOT NULL,
      "name" character varying(200),
      "roles" text array NOT NULL,
      "qualification" jsonb NOT NULL DEFAULT '{}',
      "language" character varying(5) NOT NULL DEFAULT 'en',
      "token_hash" character(64) NOT NULL,
      "invited_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "accepted_at" TIMESTAMP WITH TIME ZONE,
      "accepted_by" uuid,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_invitations" PRIMARY KEY ("id"),
      CONSTRAINT "invitations_workspace_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE INDEX "invitations_workspace_idx" ON "invitations" ("workspace_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations" ("token_hash")`);
    await queryRunner.query(`CREATE TABLE "role_grants" (
      "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
      "workspace_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "role" character varying(32) NOT NULL,
      "granted_by" uuid,
      "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_role_grants" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE INDEX "role_grants_member_role_idx" ON "role_grants" ("workspace_id", "user_id", "role", "granted_at")`,
    );
    // Roles held before grants were recorded: granted by the system when the membership began.
    await queryRunner.query(`
      INSERT INTO "role_grants" ("workspace_id", "user_id", "role", "granted_by", "granted_at")
      SELECT m."workspace_id", m."user_id", r.role, NULL, m."created_at" FROM "memberships" m CROSS JOIN LATERAL unnest(m."roles") AS r(role)`);
    await queryRunner.query(`ALTER TABLE "review_decisions" ADD "signer_qualification" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "review_decisions" DROP COLUMN "signer_qualification"`);
    await queryRunner.query(`DROP TABLE "role_grants"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** OAuth connections under way: single-use states bound to the member who started, and account choices. */
export class OAuthConnections1795592000000 implements MigrationInterface {
  name = 'OAuthConnections1795592000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "oauth_connection_states" (
      "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
      "state_hash" character varying(64) NOT NULL,
      "phase" character varying(16) NOT NULL,
      "workspace_id" uuid NOT NULL,
      "started_by" character varying(400) NOT NULL,
      "binding_hash" character varying(64) NOT NULL,
      "network" character varying(16) NOT NULL,
      "brand_id" uuid NOT NULL,
      "channel" character varying(16) NOT NULL,
      "name" character varying(200) NOT NULL,
      "account_id" character varying(200),
      "code_verifier_sealed" text,
      "tokens_sealed" text,
      "accounts" jsonb,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "oauth_connection_states_phase_check" CHECK ("phase" IN ('authorize', 'choose')),
      CONSTRAINT "oauth_connection_states_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "oauth_connection_states_state_key" ON "oauth_connection_states" ("state_hash")`,
    );
    await queryRunner.query(
      `CREATE INDEX "oauth_connection_states_expires_idx" ON "oauth_connection_states" ("expires_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "oauth_connection_states" ADD CONSTRAINT "oauth_connection_states_workspace_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "oauth_connection_states" ADD CONSTRAINT "oauth_connection_states_brand_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "oauth_connection_states"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Feeds1795572000000 implements MigrationInterface {
  name = 'Feeds1795572000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "feeds" (
      "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
      "workspace_id" uuid NOT NULL REFERENCES "workspaces"("id") ON DELETE CASCADE,
      "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "name" character varying(200) NOT NULL,
      "filter" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "token_hash" character(64) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_feeds" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "feeds_workspace_idx" ON "feeds" ("workspace_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "feeds_token_hash_key" ON "feeds" ("token_hash")`);
    // The feed's data version reads the newest change of a workspace's posts on every request.
    await queryRunner.query(`CREATE INDEX "posts_workspace_updated_idx" ON "posts" ("workspace_id", "updated_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "posts_workspace_updated_idx"`);
    await queryRunner.query(`DROP TABLE "feeds"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduling and publishing: crisis pauses, blackout windows, the publishing schedule beside
 * each post, channel targets, publications (one per post, revision and channel: the unique
 * key is what makes "exactly once in our records" hold whatever the application does), their
 * attempts, and the archive.
 *
 * The archive is evidence with a retention date: the database refuses any UPDATE, refuses a
 * DELETE while `retain_until` is in the future, and refuses TRUNCATE (which would skip row
 * triggers). Foreign keys to posts do not cascade: what was published stays.
 */
export class Publishing1795571010000 implements MigrationInterface {
  name = 'Publishing1795571010000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "pauses" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "workspace_id" uuid NOT NULL,
        "reason" character varying(500) NOT NULL,
        "brand_id" uuid,
        "jurisdiction" character varying(8),
        "channel" character varying(16),
        "created_by" character varying(400) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "lifted_at" TIMESTAMP WITH TIME ZONE,
        "lifted_by" character varying(400),
        CONSTRAINT "pauses_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "pauses_workspace_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "pauses_workspace_idx" ON "pauses" ("workspace_id", "lifted_at")`);

    await queryRunner.query(`
      CREATE TABLE "blackouts" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "workspace_id" uuid NOT NULL,
        "reason" character varying(500) NOT NULL,
        "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "brand_id" uuid,
        "jurisdiction" character varying(8),
        "created_by" character varying(400) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "deleted_at" TIMESTAMP WITH TIME ZONE,
        "deleted_by" character varying(400),
        CONSTRAINT "blackouts_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "blackouts_workspace_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE,
        CONSTRAINT "blackouts_window_check" CHECK ("ends_at" > "starts_at")
      )`);
    await queryRunner.query(`CREATE INDEX "blackouts_workspace_idx" ON "blackouts" ("workspace_id", "ends_at")`);

    await queryRunner.query(`
      CREATE TABLE "publish_schedule" (
        "post_id" uuid NOT NULL,
        "workspace_id" uuid NOT NULL,
        "revision" integer NOT NULL,
        "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "dispatch" integer NOT NULL DEFAULT 0,
        "attempts" integer NOT NULL DEFAULT 0,
        "claim_token" uuid,
        "claimed_by" character varying(200),
        "claimed_at" TIMESTAMP WITH TIME ZONE,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "publish_schedule_pkey" PRIMARY KEY ("post_id"),
        CONSTRAINT "publish_schedule_post_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id")
      )`);
    await queryRunner.query(`CREATE INDEX "publish_schedule_due_idx" ON "publish_schedule" ("due_at")`);

    await queryRunner.query(`
      CREATE TABLE "channel_targets" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "workspace_id" uuid NOT NULL,
        "brand_id" uuid NOT NULL,
        "channel" character varying(16) NOT NULL,
        "name" character varying(200) NOT NULL,
        "adapter" character varying(16) NOT NULL,
        "url" character varying(2000),
        "secret_sealed" text,
        "created_by" character varying(400) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "deleted_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "channel_targets_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "channel_targets_workspace_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE,
        CONSTRAINT "channel_targets_brand_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id"),
        CONSTRAINT "channel_targets_adapter_check" CHECK ("adapter" IN ('webhook', 'log'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "channel_targets_live_key" ON "channel_targets" ("workspace_id", "brand_id", "channel") WHERE deleted_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE "publications" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "workspace_id" uuid NOT NULL,
        "post_id" uuid NOT NULL,
        "revision" integer NOT NULL,
        "channel" character varying(16) NOT NULL,
        "target_id" uuid,
        "idempotency_key" character varying(200) NOT NULL,
        "status" character varying(16) NOT NULL,
        "external_id" character varying(500),
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" jsonb,
        "published_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "publications_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "publications_post_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id"),
        CONSTRAINT "publications_target_fkey" FOREIGN KEY ("target_id") REFERENCES "channel_targets"("id"),
        CONSTRAINT "publications_status_check" CHECK ("status" IN ('pending', 'in_flight', 'retrying', 'succeeded', 'failed'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "publications_post_revision_channel_key" ON "publications" ("post_id", "revision", "channel")`,
    );

    await queryRunner.query(`
      CREATE TABLE "publication_attempts" (
        "id" BIGSERIAL NOT NULL,
        "publication_id" uuid NOT NULL,
        "number" integer NOT NULL,
        "worker" character varying(200) NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "outcome" character varying(24) NOT NULL,
        "http_status" integer,
        "external_id" character varying(500),
        "error" text,
        CONSTRAINT "publication_attempts_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "publication_attempts_publication_fkey" FOREIGN KEY ("publication_id") REFERENCES "publications"("id"),
        CONSTRAINT "publication_attempts_outcome_check" CHECK ("outcome" IN ('in_flight', 'success', 'permanent_failure', 'retryable_failure', 'unknown'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "publication_attempts_number_key" ON "publication_attempts" ("publication_id", "number")`,
    );

    await queryRunner.query(`
      CREATE TABLE "archive_records" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "workspace_id" uuid NOT NULL,
        "post_id" uuid NOT NULL,
        "revision" integer NOT NULL,
        "channel" character varying(16) NOT NULL,
        "publication_id" uuid NOT NULL,
        "external_id" character varying(500),
        "idempotency_key" character varying(200) NOT NULL,
        "target_name" character varying(200),
        "content_hash" character varying(80) NOT NULL,
        "title" character varying(300) NOT NULL,
        "body" text NOT NULL,
        "locale" character varying(16) NOT NULL,
        "links" jsonb NOT NULL,
        "media" jsonb NOT NULL,
        "jurisdictions" text array NOT NULL,
        "approvals" jsonb NOT NULL,
        "evaluation" jsonb NOT NULL,
        "pack_versions" jsonb NOT NULL,
        "scheduled_at" TIMESTAMP WITH TIME ZONE,
        "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "retain_until" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "archive_records_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "archive_records_post_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id"),
        CONSTRAINT "archive_records_publication_fkey" FOREIGN KEY ("publication_id") REFERENCES "publications"("id"),
        CONSTRAINT "archive_records_retention_check" CHECK ("retain_until" >= "published_at")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "archive_records_publication_key" ON "archive_records" ("publication_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "archive_records_workspace_published_idx" ON "archive_records" ("workspace_id", "published_at", "id")`,
    );

    await queryRunner.query(`
      CREATE FUNCTION preclear_archive_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.retain_until > now() THEN
            RAISE EXCEPTION 'archive record % must be kept until %', OLD.id, OLD.retain_until USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'archive records cannot be changed (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER archive_records_guard BEFORE UPDATE OR DELETE ON archive_records FOR EACH ROW EXECUTE FUNCTION preclear_archive_guard()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER archive_records_no_truncate BEFORE TRUNCATE ON archive_records FOR EACH STATEMENT EXECUTE FUNCTION preclear_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER archive_records_no_truncate ON archive_records`);
    await queryRunner.query(`DROP TRIGGER archive_records_guard ON archive_records`);
    await queryRunner.query(`DROP FUNCTION preclear_archive_guard()`);
    for (const table of [
      'archive_records',
      'publication_attempts',
      'publications',
      'channel_targets',
      'publish_schedule',
      'blackouts',
      'pauses',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}

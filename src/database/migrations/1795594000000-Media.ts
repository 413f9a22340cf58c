import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded media, one row per (workspace, SHA-256). Posts written before this keep their media
 * descriptions (`{ kind, altText?, url? }`) unchanged, so their content hashes and approvals
 * stay valid; only new items reference an upload by `mediaId`.
 */
export class Media1795594000000 implements MigrationInterface {
  name = 'Media1795594000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "media" (
        "workspace_id" uuid NOT NULL,
        "sha256" character(64) NOT NULL,
        "mime_type" character varying(64) NOT NULL,
        "kind" character varying(8) NOT NULL,
        "size_bytes" bigint NOT NULL,
        "width" integer,
        "height" integer,
        "duration_ms" integer,
        "uploaded_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "media_pkey" PRIMARY KEY ("workspace_id", "sha256"),
        CONSTRAINT "media_sha256_check" CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "media_kind_check" CHECK ("kind" IN ('image', 'video')),
        CONSTRAINT "media_workspace_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE NO ACTION ON UPDATE NO ACTION,
        CONSTRAINT "media_uploaded_by_fkey" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(`CREATE INDEX "media_workspace_created_idx" ON "media" ("workspace_id", "created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "media"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The post list: soft deletion of drafts, text search over title and body, and the sort orders it offers. */
export class PostList1795584000000 implements MigrationInterface {
  name = 'PostList1795584000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "posts" ADD "deleted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "posts_workspace_created_idx" ON "posts" ("workspace_id", "created_at", "id")`,
    );
    await queryRunner.query(`CREATE INDEX "posts_workspace_title_idx" ON "posts" ("workspace_id", "title", "id")`);
    // With id, the index also serves the keyset order of the list (it still gives feeds max(updated_at)).
    await queryRunner.query(`DROP INDEX "posts_workspace_updated_idx"`);
    await queryRunner.query(
      `CREATE INDEX "posts_workspace_updated_idx" ON "posts" ("workspace_id", "updated_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "posts_workspace_schedule_sort_idx" ON "posts" ("workspace_id", (COALESCE("scheduled_at", 'infinity'::timestamptz)), "id")`,
    );
    // pg_trgm is a trusted extension: the database owner may create it. `q` matches any substring
    // of title and body (ILIKE), which a trigram GIN index answers without reading every post.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "posts_search_trgm_idx" ON "posts" USING gin ((("title")::text || ' ' || "body") gin_trgm_ops)`,
    );
    await queryRunner.query(`CREATE INDEX "posts_jurisdictions_gin_idx" ON "posts" USING gin ("jurisdictions")`);
    await queryRunner.query(`CREATE INDEX "posts_channels_gin_idx" ON "posts" USING gin ("channels")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "posts_channels_gin_idx"`);
    await queryRunner.query(`DROP INDEX "posts_jurisdictions_gin_idx"`);
    await queryRunner.query(`DROP INDEX "posts_search_trgm_idx"`);
    await queryRunner.query(`DROP INDEX "posts_workspace_schedule_sort_idx"`);
    await queryRunner.query(`DROP INDEX "posts_workspace_updated_idx"`);
    await queryRunner.query(`CREATE INDEX "posts_workspace_updated_idx" ON "posts" ("workspace_id", "updated_at")`);
    await queryRunner.query(`DROP INDEX "posts_workspace_title_idx"`);
    await queryRunner.query(`DROP INDEX "posts_workspace_created_idx"`);
    await queryRunner.query(`ALTER TABLE "posts" DROP COLUMN "deleted_at"`);
  }
}

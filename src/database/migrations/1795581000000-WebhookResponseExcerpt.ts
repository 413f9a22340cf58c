import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A target's answer moves out of the attempt's error (shown to every member) into a column of
 * its own that only publishers and admins see. Errors written before keep their status line,
 * in attempts, publications and the reasons of held and failed posts. (Audit entries are
 * evidence and stay as written.)
 */
export class WebhookResponseExcerpt1795581000000 implements MigrationInterface {
  name = 'WebhookResponseExcerpt1795581000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "publication_attempts" ADD "response_excerpt" text`);
    await queryRunner.query(
      `UPDATE "publication_attempts"
          SET "response_excerpt" = substring("error" from '^HTTP [0-9]{3}: (.*)$'), "error" = substring("error" from '^(HTTP [0-9]{3}): ')
        WHERE "error" ~ '^HTTP [0-9]{3}: '`,
    );
    await queryRunner.query(
      `UPDATE "publications"
          SET "last_error" = jsonb_set("last_error", '{error}', to_jsonb(substring("last_error"->>'error' from '^(HTTP [0-9]{3}): ')))
        WHERE "last_error"->>'error' ~ '^HTTP [0-9]{3}: '`,
    );
    // A post's reason lists channels with their errors under `failed` (publish_failed) or `channels` (retrying).
    for (const list of ['failed', 'channels']) {
      await queryRunner.query(
        `UPDATE "posts"
            SET "status_reason" = jsonb_set("status_reason", '{${list}}', (
              SELECT jsonb_agg(CASE WHEN e->>'error' ~ '^HTTP [0-9]{3}: ' THEN jsonb_set(e, '{error}', to_jsonb(substring(e->>'error' from '^(HTTP [0-9]{3}): '))) ELSE e END ORDER BY i)
                FROM jsonb_array_elements("status_reason"->'${list}') WITH ORDINALITY AS x(e, i)))
          WHERE jsonb_typeof("status_reason"->'${list}') = 'array' AND jsonb_array_length("status_reason"->'${list}') > 0
            AND "status_reason"::text ~ 'HTTP [0-9]{3}: '`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "publication_attempts" SET "error" = "error" || ': ' || "response_excerpt" WHERE "response_excerpt" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "publication_attempts" DROP COLUMN "response_excerpt"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A target's answer moves out of the attempt's error (shown to every member) into a column of
 * its own that only publishers and admins see. Errors written before keep their status line.
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
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "publication_attempts" SET "error" = "error" || ': ' || "response_excerpt" WHERE "response_excerpt" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "publication_attempts" DROP COLUMN "response_excerpt"`);
  }
}

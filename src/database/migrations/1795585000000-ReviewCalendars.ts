import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewCalendars1795585000000 implements MigrationInterface {
  name = 'ReviewCalendars1795585000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "review_calendars" (
      "workspace_id" uuid NOT NULL,
      "timezone" character varying(64) NOT NULL,
      "work_starts_at" character(5) NOT NULL,
      "work_ends_at" character(5) NOT NULL,
      "working_days" smallint array NOT NULL,
      "holiday_country" character varying(3),
      "holiday_state" character varying(10),
      "updated_by" character varying(200) NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "review_calendars_hours_check" CHECK ("work_starts_at" < "work_ends_at"),
      CONSTRAINT "PK_review_calendars" PRIMARY KEY ("workspace_id"),
      CONSTRAINT "review_calendars_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "review_calendars"`);
  }
}

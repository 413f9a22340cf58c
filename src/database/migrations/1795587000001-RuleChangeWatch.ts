import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RuleChangeWatch1795587000001 implements MigrationInterface {
  name = 'RuleChangeWatch1795587000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "compliance_watermarks" ("key" character varying(80) NOT NULL, "version" character varying(100), "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "compliance_watermarks_pkey" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`CREATE TABLE "post_verdicts" (
      "post_id" uuid NOT NULL,
      "workspace_id" uuid NOT NULL,
      "revision" integer NOT NULL,
      "verdict" character varying(32) NOT NULL,
      "pack_versions" jsonb NOT NULL,
      "evaluated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "post_verdicts_pkey" PRIMARY KEY ("post_id"))`);
    await queryRunner.query(`CREATE INDEX "post_verdicts_workspace_idx" ON "post_verdicts" ("workspace_id")`);
    await queryRunner.query(
      `ALTER TABLE "post_verdicts" ADD CONSTRAINT "post_verdicts_post_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "posts" ADD "compliance_alert" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "posts" DROP COLUMN "compliance_alert"`);
    await queryRunner.query(`DROP TABLE "post_verdicts"`);
    await queryRunner.query(`DROP TABLE "compliance_watermarks"`);
  }
}

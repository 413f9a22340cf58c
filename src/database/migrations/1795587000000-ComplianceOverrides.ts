import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ComplianceOverrides1795587000000 implements MigrationInterface {
  name = 'ComplianceOverrides1795587000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "compliance_overrides" (
      "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
      "workspace_id" uuid NOT NULL,
      "version" integer NOT NULL DEFAULT '1',
      "kind" character varying(16) NOT NULL,
      "language" character varying(8),
      "phrase" character varying(200),
      "folded_phrase" character varying(400),
      "severity" character varying(16),
      "message" character varying(500),
      "rule_id" character varying(100),
      "product_category" character varying(40),
      "stage" character varying(40),
      "effective_from" date NOT NULL,
      "effective_until" date,
      "created_by" character varying(400) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_by" character varying(400) NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "retired_at" TIMESTAMP WITH TIME ZONE,
      "retired_by" character varying(400),
      CONSTRAINT "compliance_overrides_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE INDEX "compliance_overrides_workspace_idx" ON "compliance_overrides" ("workspace_id", "retired_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "compliance_overrides" ADD CONSTRAINT "compliance_overrides_workspace_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "compliance_overrides"`);
  }
}

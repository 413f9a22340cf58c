import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Signed checkpoints of the audit chains: evidence too, so append-only like the chain itself. */
export class AuditCheckpoints1795583000000 implements MigrationInterface {
  name = 'AuditCheckpoints1795583000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_checkpoints" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "chain" character varying(64) NOT NULL,
        "seq" integer NOT NULL,
        "hash" character varying(80) NOT NULL,
        "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "key_id" character varying(32) NOT NULL,
        "signature" character varying(128) NOT NULL,
        "created_by" character varying(400) NOT NULL,
        CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "audit_checkpoints_chain_seq_idx" ON "audit_checkpoints" ("chain", "seq")`);
    await queryRunner.query(
      `CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION preclear_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION preclear_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_checkpoints_no_truncate ON audit_checkpoints`);
    await queryRunner.query(`DROP TRIGGER audit_checkpoints_append_only ON audit_checkpoints`);
    await queryRunner.query(`DROP INDEX "audit_checkpoints_chain_seq_idx"`);
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
  }
}

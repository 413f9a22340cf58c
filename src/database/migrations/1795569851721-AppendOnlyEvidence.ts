import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence is append-only in the database itself: the audit trail and post revisions refuse
 * UPDATE and DELETE whoever connects, so even a bug or a hand-run SQL statement cannot
 * rewrite what was approved. (Disabling the trigger needs table ownership, and the hash
 * chain still shows the change.)
 */
export class AppendOnlyEvidence1795569851721 implements MigrationInterface {
  name = 'AppendOnlyEvidence1795569851721';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION preclear_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$`);
    for (const table of ['audit_entries', 'post_revisions']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION preclear_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION preclear_refuse_change()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_entries', 'post_revisions']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
    }
    await queryRunner.query('DROP FUNCTION preclear_refuse_change()');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One round trip for an audit append's lock and head: `audit_chain_head(chain)` takes the
 * chain's advisory lock (the same key the app took before, `hashtext('audit:' || chain)`), then
 * reads the chain's last entry. A VOLATILE PL/pgSQL function takes a fresh snapshot for each of
 * its statements, so the read sees every entry committed before the lock was granted; a single
 * `SELECT pg_advisory_xact_lock(...), (SELECT ...)` would read with the snapshot taken before it
 * waited, and could name a stale predecessor.
 */
export class AuditChainHead1795630000000 implements MigrationInterface {
  name = 'AuditChainHead1795630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION audit_chain_head(p_chain varchar)
      RETURNS TABLE (seq int, hash varchar) LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('audit:' || p_chain));
        RETURN QUERY SELECT e.seq, e.hash FROM audit_entries e WHERE e.chain = p_chain ORDER BY e.seq DESC LIMIT 1;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION audit_chain_head(varchar)`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The approval workflow: submissions (evidence of what was judged), review stages,
 * decisions (signatures) and regulator filings. Submissions are append-only; a decision
 * may only be voided, once, and never rewritten: both are enforced by the database so
 * that neither a bug nor a hand-run statement can change what was signed. The foreign keys
 * to posts deliberately do not cascade: a post that was submitted is evidence and stays.
 */
export class WorkflowApprovals1795570000001 implements MigrationInterface {
  name = 'WorkflowApprovals1795570000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "submissions" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "workspace_id" uuid NOT NULL,
        "post_id" uuid NOT NULL,
        "revision" integer NOT NULL,
        "content_hash" character varying(80) NOT NULL,
        "submitted_by" character varying(400) NOT NULL,
        "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "verdict" character varying(32) NOT NULL,
        "evaluation" jsonb NOT NULL,
        "pack_versions" jsonb NOT NULL,
        "approval_validity_days" integer NOT NULL,
        CONSTRAINT "submissions_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "submissions_post_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id")
      )`);
    await queryRunner.query(`CREATE INDEX "submissions_post_idx" ON "submissions" ("post_id", "submitted_at")`);
    await queryRunner.query(
      `CREATE TRIGGER submissions_append_only BEFORE UPDATE OR DELETE ON submissions FOR EACH ROW EXECUTE FUNCTION preclear_refuse_change()`,
    );

    await queryRunner.query(`
      CREATE TABLE "review_stages" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "workspace_id" uuid NOT NULL,
        "post_id" uuid NOT NULL,
        "submission_id" uuid NOT NULL,
        "revision" integer NOT NULL,
        "stage" character varying(64) NOT NULL,
        "role" character varying(32) NOT NULL,
        "position" integer NOT NULL,
        "rule_ids" jsonb NOT NULL,
        "jurisdictions" jsonb NOT NULL,
        "status" character varying(32) NOT NULL,
        "due_at" TIMESTAMP WITH TIME ZONE,
        "voided_at" TIMESTAMP WITH TIME ZONE,
        "void_reason" character varying(32),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "review_stages_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "review_stages_post_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id"),
        CONSTRAINT "review_stages_submission_fkey" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id"),
        CONSTRAINT "review_stages_status_check" CHECK ("status" IN ('open', 'approved', 'rejected', 'changes_requested', 'void'))
      )`);
    await queryRunner.query(`CREATE INDEX "review_stages_post_idx" ON "review_stages" ("post_id", "position")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "review_stages_live_key" ON "review_stages" ("post_id", "stage") WHERE status <> 'void'`,
    );
    // The review queue: open stages of a workspace by deadline.
    await queryRunner.query(
      `CREATE INDEX "review_stages_queue_idx" ON "review_stages" ("workspace_id", "due_at") WHERE status = 'open'`,
    );

    await queryRunner.query(`
      CREATE TABLE "review_decisions" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "workspace_id" uuid NOT NULL,
        "post_id" uuid NOT NULL,
        "stage_id" uuid NOT NULL,
        "stage" character varying(64) NOT NULL,
        "revision" integer NOT NULL,
        "content_hash" character varying(80) NOT NULL,
        "decision" character varying(32) NOT NULL,
        "comment" text,
        "decided_by" uuid NOT NULL,
        "qualification" jsonb NOT NULL,
        "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE,
        "voided_at" TIMESTAMP WITH TIME ZONE,
        "void_reason" character varying(32),
        CONSTRAINT "review_decisions_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "review_decisions_post_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id"),
        CONSTRAINT "review_decisions_stage_fkey" FOREIGN KEY ("stage_id") REFERENCES "review_stages"("id"),
        CONSTRAINT "review_decisions_decision_check" CHECK ("decision" IN ('approve', 'reject', 'request_changes'))
      )`);
    await queryRunner.query(`CREATE INDEX "review_decisions_post_idx" ON "review_decisions" ("post_id")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "review_decisions_live_stage_key" ON "review_decisions" ("stage_id") WHERE voided_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "review_decisions_live_signer_key" ON "review_decisions" ("post_id", "decided_by") WHERE voided_at IS NULL`,
    );
    // The expiry sweep: live approvals by expiry.
    await queryRunner.query(
      `CREATE INDEX "review_decisions_expiry_idx" ON "review_decisions" ("expires_at") WHERE voided_at IS NULL AND decision = 'approve'`,
    );
    await queryRunner.query(`
      CREATE FUNCTION preclear_review_decision_void_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'review_decisions is append-only: DELETE refused' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.voided_at IS NOT NULL OR NEW.voided_at IS NULL
           OR (to_jsonb(NEW) - 'voided_at' - 'void_reason') <> (to_jsonb(OLD) - 'voided_at' - 'void_reason') THEN
          RAISE EXCEPTION 'review_decisions: a signature can only be voided, once' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END;
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER review_decisions_void_only BEFORE UPDATE OR DELETE ON review_decisions FOR EACH ROW EXECUTE FUNCTION preclear_review_decision_void_only()`,
    );

    await queryRunner.query(`
      CREATE TABLE "filings" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "workspace_id" uuid NOT NULL,
        "post_id" uuid NOT NULL,
        "submission_id" uuid NOT NULL,
        "revision" integer NOT NULL,
        "content_hash" character varying(80) NOT NULL,
        "jurisdiction" character varying(16) NOT NULL,
        "regulator" character varying(64) NOT NULL,
        "timing" character varying(8) NOT NULL,
        "business_days" integer NOT NULL,
        "rule_ids" jsonb NOT NULL,
        "status" character varying(16) NOT NULL,
        "file_by" TIMESTAMP WITH TIME ZONE,
        "published_at" TIMESTAMP WITH TIME ZONE,
        "reference" character varying(200),
        "filed_at" TIMESTAMP WITH TIME ZONE,
        "filed_by" character varying(400),
        "earliest_publish_at" TIMESTAMP WITH TIME ZONE,
        "voided_at" TIMESTAMP WITH TIME ZONE,
        "void_reason" character varying(32),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "filings_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "filings_post_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id"),
        CONSTRAINT "filings_submission_fkey" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id"),
        CONSTRAINT "filings_timing_check" CHECK ("timing" IN ('pre', 'post')),
        CONSTRAINT "filings_status_check" CHECK ("status" IN ('pending', 'filed', 'void'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "filings_workspace_due_idx" ON "filings" ("workspace_id", "status", "file_by")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "filings_live_key" ON "filings" ("post_id", "revision", "regulator", "timing") WHERE status <> 'void'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "filings"`);
    await queryRunner.query(`DROP TRIGGER review_decisions_void_only ON review_decisions`);
    await queryRunner.query(`DROP FUNCTION preclear_review_decision_void_only()`);
    await queryRunner.query(`DROP TABLE "review_decisions"`);
    await queryRunner.query(`DROP TABLE "review_stages"`);
    await queryRunner.query(`DROP TRIGGER submissions_append_only ON submissions`);
    await queryRunner.query(`DROP TABLE "submissions"`);
  }
}

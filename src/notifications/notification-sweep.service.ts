import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { NotificationEvent, NotificationIntent } from './notification-events';
import { NotificationOutbox } from './notification-outbox.service';
import { author, Recipients } from './notification-recipients';
import { Clock } from '../common/clock/clock';

/** How far ahead members hear of what is coming. */
const DEADLINE_WARNING_MS = 24 * 3600 * 1000;
const APPROVAL_WARNING_MS = 7 * 24 * 3600 * 1000;
const FILING_WARNING_MS = 3 * 24 * 3600 * 1000;
/** Occurrences handled per sweep and kind; the next sweep takes the rest. */
const BATCH = 500;

interface Due {
  id: string;
  workspace_id: string;
  post_id: string;
  title: string;
  created_by: string | null;
  role: string | null;
  stage: string | null;
  at: Date | null;
}

/**
 * The time-driven notifications: review deadlines coming up, approvals about to expire,
 * FINRA filings due, and review stages that opened because the one before was signed. Every
 * occurrence has a stable key (stage, decision, filing), so however many instances sweep,
 * each member is told once; a sweep only has to find what is due.
 */
@Injectable()
export class NotificationSweep {
  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: NotificationOutbox,
  ) {}

  async sweep(now = this.clock.now(), workspaceId: string | null = null): Promise<number> {
    let count = 0;
    const kinds: [NotificationEvent, string, number][] = [
      ['review_requested', STAGES_OPENED, 0],
      ['review_deadline_approaching', STAGES_DUE, DEADLINE_WARNING_MS],
      ['approval_expiring', APPROVALS_EXPIRING, APPROVAL_WARNING_MS],
      ['filing_due', FILINGS_DUE, FILING_WARNING_MS],
    ];
    for (const [event, sql, ahead] of kinds) {
      count += await this.dataSource.transaction(async (tx) => {
        const rows = await tx.query<Due[]>(sql, [
          now,
          new Date(now.getTime() + ahead),
          workspaceId,
          `${event}:`,
          BATCH,
        ]);
        const intents = await Promise.all(rows.map((row) => this.intent(tx, event, row)));
        await this.outbox.record(tx, intents, now);
        return rows.length;
      });
    }
    return count;
  }

  private async intent(tx: EntityManager, event: NotificationEvent, row: Due): Promise<NotificationIntent> {
    const params: Record<string, string> = {
      title: row.title,
      ...(row.stage ? { stage: row.stage } : {}),
      ...(row.at ? { at: row.at.toISOString() } : {}),
    };
    let recipients: string[];
    if (event === 'approval_expiring') recipients = author(row.created_by);
    else if (event === 'filing_due') {
      recipients = [...(await Recipients.withRole(tx, row.workspace_id, 'principal', null)), ...author(row.created_by)];
    } else recipients = await Recipients.withRole(tx, row.workspace_id, row.role ?? '', row.created_by);
    return { workspaceId: row.workspace_id, postId: row.post_id, event, key: `${event}:${row.id}`, params, recipients };
  }
}

/** Skips occurrences already recorded for someone ($4 is the key prefix). */
const NOT_YET = (id: string): string =>
  `AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.workspace_id = p.workspace_id AND n.dedupe_key = $4 || ${id}::text)`;

/** Open stages whose earlier stages in the round are all signed (the first stage is told at submission). */
const STAGES_OPENED = `
  SELECT s.id, s.workspace_id, s.post_id, p.title, p.created_by, s.role, s.stage, s.due_at AS at
    FROM review_stages s JOIN posts p ON p.id = s.post_id
   WHERE s.status = 'open' AND ($3::uuid IS NULL OR s.workspace_id = $3) AND $1::timestamptz IS NOT NULL AND $2::timestamptz IS NOT NULL
     AND EXISTS (SELECT 1 FROM review_stages e WHERE e.submission_id = s.submission_id AND e.position < s.position AND e.status = 'approved')
     AND NOT EXISTS (SELECT 1 FROM review_stages e WHERE e.submission_id = s.submission_id AND e.position < s.position AND e.status NOT IN ('approved', 'void'))
     ${NOT_YET('s.id')}
   LIMIT $5`;

const STAGES_DUE = `
  SELECT s.id, s.workspace_id, s.post_id, p.title, p.created_by, s.role, s.stage, s.due_at AS at
    FROM review_stages s JOIN posts p ON p.id = s.post_id
   WHERE s.status = 'open' AND s.due_at > $1 AND s.due_at <= $2 AND ($3::uuid IS NULL OR s.workspace_id = $3)
     ${NOT_YET('s.id')}
   LIMIT $5`;

const APPROVALS_EXPIRING = `
  SELECT d.id, d.workspace_id, d.post_id, p.title, p.created_by, NULL AS role, d.stage, d.expires_at AS at
    FROM review_decisions d JOIN posts p ON p.id = d.post_id
   WHERE d.decision = 'approve' AND d.voided_at IS NULL AND d.expires_at > $1 AND d.expires_at <= $2 AND ($3::uuid IS NULL OR d.workspace_id = $3)
     ${NOT_YET('d.id')}
   LIMIT $5`;

const FILINGS_DUE = `
  SELECT f.id, f.workspace_id, f.post_id, p.title, p.created_by, NULL AS role, NULL AS stage, f.file_by AS at
    FROM filings f JOIN posts p ON p.id = f.post_id
   WHERE f.filed_at IS NULL AND f.voided_at IS NULL AND f.file_by > $1 AND f.file_by <= $2 AND ($3::uuid IS NULL OR f.workspace_id = $3)
     ${NOT_YET('f.id')}
   LIMIT $5`;

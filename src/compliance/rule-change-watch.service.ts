import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Evaluation, Finding, Verdict } from '@preclear/rules-engine';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Post } from '../calendar/entities/post.entity';
import { PostsService } from '../calendar/posts.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PostTransitionsService } from '../workflow/post-transitions.service';
import { Clock } from '../common/clock/clock';
import { ComplianceService } from './compliance.service';
import {
  boundariesBetween,
  changedPacks,
  NOT_PUBLISHABLE,
  ruleBoundaries,
  verdictWorsened,
  type RuleBoundary,
} from './domain/rule-changes';
import { ComplianceWatermark } from './entities/compliance-watermark.entity';
import { PostVerdict } from './entities/post-verdict.entity';
import { goesOutAt, PostJudgeService, type JudgeablePost } from './post-judge.service';

export const RULE_CHANGE_SWEEP_INTERVAL_MS = 60_000;
/** Posts not yet published: the ones a rule change can still stop. */
export const UNPUBLISHED_STATUSES = [
  'draft',
  'changes_requested',
  'in_review',
  'approved',
  'scheduled',
  'held',
] as const;
const BATCH_SIZE = 50;
const ACTOR = 'system';
const EFFECTIVE_DATES_KEY = 'effective-dates';

/**
 * Which posts a pass looks at: every unpublished one (waiting for a post another transaction
 * holds, since none may be missed), or only those whose current revision has no verdict on
 * record yet (skipping any held right now: the next minute's pass takes them).
 */
const SELECTIONS = {
  all: { where: 'p.status = ANY($1) AND p.deleted_at IS NULL', lock: 'FOR UPDATE OF p' },
  unrecorded: {
    where: `p.status = ANY($1) AND p.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM post_verdicts v WHERE v.post_id = p.id AND v.revision = p.revision)`,
    lock: 'FOR UPDATE OF p SKIP LOCKED',
  },
} as const;

/** Why the posts were judged again, as the alert, the hold reason and the audit trail record it. */
export type RuleChangeReason =
  | { code: 'pack_changed'; packs: { code: string; from: string | null; to: string }[] }
  | { code: 'rule_effective'; rules: Pick<RuleBoundary, 'jurisdiction' | 'ruleId' | 'change' | 'day'>[] }
  | { code: 'override_effective'; overrides: OverrideBoundary[] };

/** A workspace override starting or ending (its days are UTC). */
interface OverrideBoundary {
  id: string;
  change: 'takes_effect' | 'ends';
  day: string;
}

export interface ReevaluationReport {
  evaluated: number;
  worsened: string[];
  held: string[];
}

/**
 * Sees rule changes before they bite. When the loaded packs differ from the versions stored
 * at the last start, or a rule's start or end date passes, every post not yet published is
 * judged again as it would go out: a worse verdict than the last one seen is recorded on the
 * post (`complianceAlert`) and in the audit trail, and an approved or scheduled post that
 * could no longer go out is held through the transitions service, with the reason.
 * Safe with several instances: the watermarks are read and moved under an advisory lock, and
 * each batch locks its posts.
 */
@Injectable()
export class RuleChangeWatchService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RuleChangeWatch');
  private readonly boundaries: RuleBoundary[];
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** The start-up comparison of pack versions, for whoever must wait for it (tests, a readiness probe). */
  startup: Promise<ReevaluationReport | null> = Promise.resolve(null);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly compliance: ComplianceService,
    private readonly judge: PostJudgeService,
    private readonly posts: PostsService,
    private readonly transitions: PostTransitionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.boundaries = ruleBoundaries(compliance.packs().map((p) => compliance.pack(p.code)!));
  }

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.startup = this.checkPackVersions().catch((error: unknown) => {
      this.logger.error({ err: error }, 'comparing pack versions failed; the next start retries');
      return null;
    });
    this.timer = setInterval(() => void this.effectiveDatesInBackground(), RULE_CHANGE_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Compares the loaded pack versions with the stored ones; re-evaluates when any changed. Null when nothing changed.
   */
  async checkPackVersions(now = this.clock.now()): Promise<ReevaluationReport | null> {
    const loaded = this.compliance.packs().map((p) => ({ code: p.code, version: p.version }));
    const changed = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['compliance:pack-versions']);
      const rows = await tx
        .getRepository(ComplianceWatermark)
        .find({ where: { key: In(loaded.map((p) => `pack:${p.code}`)) } });
      const stored = new Map(rows.map((r) => [r.key.slice('pack:'.length), r.version ?? '']));
      const diff = changedPacks(stored, loaded);
      if (stored.size === 0 || diff.length > 0 || rows.length < loaded.length) {
        await tx.getRepository(ComplianceWatermark).upsert(
          loaded.map((p) => ({ key: `pack:${p.code}`, version: p.version, checkedAt: now })),
          ['key'],
        );
      }
      return diff;
    });
    if (changed.length === 0) {
      await this.recordMissingVerdicts(now);
      return null;
    }
    this.logger.log(
      `pack versions changed (${changed.map((c) => c.code).join(', ')}): judging unpublished posts again`,
    );
    return this.reevaluate({ code: 'pack_changed', packs: changed }, now);
  }

  /**
   * Re-evaluates when a pack rule's start or end passed since the last look (every post), or a
   * workspace override's (that workspace's posts). Null when none did.
   */
  async checkEffectiveDates(now = this.clock.now()): Promise<ReevaluationReport | null> {
    const passed = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['compliance:effective-dates']);
      const repo = tx.getRepository(ComplianceWatermark);
      const mark = await repo.findOne({ where: { key: EFFECTIVE_DATES_KEY } });
      if (mark && mark.checkedAt.getTime() >= now.getTime()) return null;
      await repo.upsert({ key: EFFECTIVE_DATES_KEY, version: null, checkedAt: now }, ['key']);
      if (!mark) return null;
      return {
        rules: boundariesBetween(this.boundaries, mark.checkedAt.getTime(), now.getTime()),
        overrides: await overridesBetween(tx, mark.checkedAt, now),
      };
    });
    if (!passed || (passed.rules.length === 0 && passed.overrides.size === 0)) return null;
    const report: ReevaluationReport = { evaluated: 0, worsened: [], held: [] };
    const add = (r: ReevaluationReport): void => {
      report.evaluated += r.evaluated;
      report.worsened.push(...r.worsened.filter((id) => !report.worsened.includes(id)));
      report.held.push(...r.held.filter((id) => !report.held.includes(id)));
    };
    if (passed.rules.length > 0) {
      const rules = passed.rules.map((b) => ({
        jurisdiction: b.jurisdiction,
        ruleId: b.ruleId,
        change: b.change,
        day: b.day,
      }));
      add(await this.reevaluate({ code: 'rule_effective', rules }, now));
    }
    for (const [workspaceId, overrides] of passed.overrides) {
      add(await this.reevaluate({ code: 'override_effective', overrides }, now, workspaceId));
    }
    return report;
  }

  /**
   * Records the verdict of posts written since the last pass (new posts, new revisions), so
   * that a later change has something to compare with. Alerts nobody: nothing changed for them.
   */
  async recordMissingVerdicts(now = this.clock.now()): Promise<ReevaluationReport> {
    return this.pass('unrecorded', null, now);
  }

  /** Judges every unpublished post (of one workspace, or all) again; see the class comment. */
  async reevaluate(reason: RuleChangeReason, now: Date, workspaceId?: string): Promise<ReevaluationReport> {
    return this.pass('all', reason, now, workspaceId);
  }

  private async pass(
    selection: keyof typeof SELECTIONS,
    reason: RuleChangeReason | null,
    now: Date,
    workspaceId?: string,
  ): Promise<ReevaluationReport> {
    const report: ReevaluationReport = { evaluated: 0, worsened: [], held: [] };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const ids = await this.dataSource.transaction(async (tx) => {
        const rows: { id: string }[] = await tx.query(
          `SELECT p.id FROM posts p WHERE ${SELECTIONS[selection].where} AND p.id > $2 AND ($3::uuid IS NULL OR p.workspace_id = $3)
            ORDER BY p.id LIMIT ${BATCH_SIZE} ${SELECTIONS[selection].lock}`,
          [UNPUBLISHED_STATUSES, after, workspaceId ?? null],
        );
        if (rows.length === 0) return [];
        const posts = await tx
          .getRepository(Post)
          .find({ where: { id: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } });
        for (const judgeable of await this.judge.load(tx, posts)) {
          await this.judgeOne(tx, judgeable, reason, now, report);
        }
        return rows.map((r) => r.id);
      });
      report.evaluated += ids.length;
      if (ids.length < BATCH_SIZE) return report;
      after = ids[ids.length - 1];
    }
  }

  /** Records the post's verdict now; after a rule change, alerts (and holds) on a worse one or clears a stale alert. */
  private async judgeOne(
    tx: EntityManager,
    judgeable: JudgeablePost,
    reason: RuleChangeReason | null,
    now: Date,
    report: ReevaluationReport,
  ): Promise<void> {
    const { post } = judgeable;
    const evaluation = this.judge.evaluate(judgeable, goesOutAt(post, now), now);
    const before = await this.lastVerdict(tx, post);
    await tx.getRepository(PostVerdict).upsert(
      {
        postId: post.id,
        workspaceId: post.workspaceId,
        revision: post.revision,
        verdict: evaluation.verdict,
        packVersions: evaluation.packVersions,
        evaluatedAt: now,
      },
      ['postId'],
    );
    if (reason === null) return;
    if (before === null || !verdictWorsened(before, evaluation.verdict)) {
      // The alert stands while the verdict is still worse than the one it was raised against.
      const alertBefore = post.complianceAlert?.before as Verdict | undefined;
      if (alertBefore && !verdictWorsened(alertBefore, evaluation.verdict)) {
        await this.posts.setComplianceAlert(tx, post.id, null);
      }
      return;
    }
    await this.alertWorsened(tx, post, { reason, before, evaluation, now }, report);
  }

  /** The verdict got worse: an alert on the post and in the audit trail, and a hold when it was cleared to go out. */
  private async alertWorsened(
    tx: EntityManager,
    post: Post,
    change: { reason: RuleChangeReason; before: Verdict; evaluation: Evaluation; now: Date },
    report: ReevaluationReport,
  ): Promise<void> {
    const { reason, evaluation } = change;
    const hold =
      (post.status === 'approved' || post.status === 'scheduled') && NOT_PUBLISHABLE.includes(evaluation.verdict);
    const findings = blockingFindings(evaluation);
    const alert = {
      reason,
      revision: post.revision,
      before: change.before,
      after: evaluation.verdict,
      detectedAt: change.now.toISOString(),
      packVersions: evaluation.packVersions,
      findings,
      held: hold,
      recipients: await this.recipients(tx, post),
    };
    await this.posts.setComplianceAlert(tx, post.id, alert);
    await this.audit.record(
      {
        workspaceId: post.workspaceId,
        actor: ACTOR,
        action: 'compliance.verdict_worsened',
        subject: `post:${post.id}`,
        data: { ...alert, status: post.status },
      },
      tx,
    );
    report.worsened.push(post.id);
    if (!hold) return;
    await this.transitions.apply(tx, post, 'hold', ACTOR, {
      code: 'rule_change',
      messageKey: 'compliance:reasons.ruleChange',
      verdict: evaluation.verdict,
      reason,
      packVersions: evaluation.packVersions,
      findings,
    });
    report.held.push(post.id);
  }

  /**
   * What the post's people last saw: the sweep's last verdict of this revision, else the verdict it was submitted with.
   */
  private async lastVerdict(tx: EntityManager, post: Post): Promise<Verdict | null> {
    const seen = await tx.getRepository(PostVerdict).findOne({ where: { postId: post.id } });
    if (seen && seen.revision === post.revision) return seen.verdict as Verdict;
    const [submitted] = await tx.query<{ verdict: Verdict }[]>(
      `SELECT verdict FROM submissions WHERE post_id = $1 AND revision = $2 ORDER BY submitted_at DESC LIMIT 1`,
      [post.id, post.revision],
    );
    return submitted?.verdict ?? null;
  }

  /** Who must hear of it: the author and everyone who signed a stage of this revision. */
  private async recipients(tx: EntityManager, post: Post): Promise<{ authorId: string | null; reviewerIds: string[] }> {
    const rows = await tx.query<{ decided_by: string }[]>(
      `SELECT DISTINCT decided_by FROM review_decisions WHERE post_id = $1 AND revision = $2 ORDER BY decided_by`,
      [post.id, post.revision],
    );
    return { authorId: post.createdBy, reviewerIds: rows.map((r) => r.decided_by) };
  }

  private async effectiveDatesInBackground(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.recordMissingVerdicts();
      const report = await this.checkEffectiveDates();
      if (report) {
        this.logger.log(
          `rules took effect: judged ${report.evaluated} posts, ${report.worsened.length} worse, ${report.held.length} held`,
        );
      }
    } catch (error) {
      this.logger.error({ err: error }, 'rule-change sweep failed; the next one retries');
    } finally {
      this.running = false;
    }
  }
}

/** Starts and ends of workspace overrides (midnight UTC of their days) in (from, to], by workspace. */
async function overridesBetween(tx: EntityManager, from: Date, to: Date): Promise<Map<string, OverrideBoundary[]>> {
  const rows: { workspace_id: string; id: string; change: OverrideBoundary['change']; day: string }[] = await tx.query(
    `SELECT workspace_id, id, change, day FROM (
        SELECT workspace_id, id, 'takes_effect' AS change, effective_from AS d FROM compliance_overrides WHERE retired_at IS NULL
        UNION ALL
        SELECT workspace_id, id, 'ends', effective_until FROM compliance_overrides WHERE retired_at IS NULL AND effective_until IS NOT NULL
      ) b, LATERAL (SELECT to_char(b.d, 'YYYY-MM-DD') AS day, (b.d::timestamp AT TIME ZONE 'UTC') AS at) t
      WHERE t.at > $1 AND t.at <= $2 ORDER BY workspace_id, day, id`,
    [from, to],
  );
  const byWorkspace = new Map<string, OverrideBoundary[]>();
  for (const r of rows) {
    byWorkspace.set(r.workspace_id, [
      ...(byWorkspace.get(r.workspace_id) ?? []),
      { id: r.id, change: r.change, day: r.day },
    ]);
  }
  return byWorkspace;
}

/** The findings that make a post not publishable, in the shape hold reasons use. */
function blockingFindings(
  evaluation: Evaluation,
): (Pick<Finding, 'ruleId' | 'severity' | 'messageKey' | 'messageParams'> & { jurisdiction: string })[] {
  return evaluation.jurisdictions.flatMap((j) =>
    j.findings
      .filter((f) => f.severity === 'block' || f.severity === 'fix' || f.severity === 'approval')
      .map((f) => ({
        jurisdiction: j.jurisdiction,
        ruleId: f.ruleId,
        severity: f.severity,
        messageKey: f.messageKey,
        messageParams: f.messageParams,
      })),
  );
}

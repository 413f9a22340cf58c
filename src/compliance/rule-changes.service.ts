import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Post } from '../calendar/entities/post.entity';
import { ComplianceService } from './compliance.service';
import { boundariesOn, ruleBoundaries, type RuleBoundary } from './domain/rule-changes';
import { termRuleId, WORKSPACE_KEY, type WorkspaceOverride } from './domain/workspace-overrides';
import type { ChangedPostDto, ChangesOnDto } from './dto/rule-changes.dto';
import { goesOutAt, PostJudgeService } from './post-judge.service';
import { UNPUBLISHED_STATUSES } from './rule-change-watch.service';
import { WorkspaceOverridesService } from './workspace-overrides.service';

/** Posts previewed at once: a workspace's whole pipeline of unpublished posts, bounded. */
export const MAX_PREVIEWED_POSTS = 5000;

/**
 * "What changes on <day>": the rules that start or stop applying that day, and the
 * workspace's unpublished posts whose evaluation differs just before and from then on.
 * Reads only; the watch (RuleChangeWatchService) acts when the day comes.
 */
@Injectable()
export class RuleChangesService {
  private readonly boundaries: RuleBoundary[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    compliance: ComplianceService,
    private readonly judge: PostJudgeService,
    private readonly overrides: WorkspaceOverridesService,
  ) {
    this.boundaries = ruleBoundaries(compliance.packs().map((p) => compliance.pack(p.code)!));
  }

  async changesOn(workspaceId: string, day: string, now: Date): Promise<ChangesOnDto> {
    const own = overrideBoundariesOn(await this.overrides.forWorkspace(workspaceId), day);
    const rules = [...boundariesOn(this.boundaries, day), ...own.map((o) => o.boundary)];
    const result: ChangesOnDto = {
      on: day,
      rules: rules.map((b) => ({ ...b, at: b.at.toISOString() })),
      posts: [],
    };
    if (rules.length === 0) return result;
    const first = Math.min(...rules.map((b) => b.at.getTime()));
    const last = Math.max(...rules.map((b) => b.at.getTime()));
    const changing = new Set([...rules.map((b) => b.ruleId), ...own.flatMap((o) => o.findingRuleIds)]);

    const posts = await this.dataSource.getRepository(Post).find({
      where: { workspaceId, status: In([...UNPUBLISHED_STATUSES]) },
      order: { scheduledAt: 'ASC', id: 'ASC' },
      take: MAX_PREVIEWED_POSTS,
    });
    // A post going out before the first change is judged by the rules of today, not of that day.
    const concerned = posts.filter((p) => p.scheduledAt === null || p.scheduledAt.getTime() >= first);
    for (const judgeable of await this.judge.load(this.dataSource.manager, concerned)) {
      const { post } = judgeable;
      const goesOut = goesOutAt(post, now);
      const beforeAt = new Date(Math.max(now.getTime(), first - 1));
      const afterAt = new Date(Math.max(goesOut.getTime(), last));
      const before = this.judge.evaluate(judgeable, beforeAt, now);
      const after = this.judge.evaluate(judgeable, afterAt, now);
      const changed = findingsOf(after, changing, before);
      if (before.verdict === after.verdict && changed.added.length === 0 && changed.removed.length === 0) continue;
      result.posts.push({
        postId: post.id,
        title: post.title,
        status: post.status,
        scheduledAt: post.scheduledAt?.toISOString() ?? null,
        before: before.verdict,
        after: after.verdict,
        addedFindings: changed.added,
        removedFindings: changed.removed,
      });
    }
    return result;
  }
}

type FindingRef = ChangedPostDto['addedFindings'][number];

/**
 * The workspace's own overrides starting or ending on the day
 * (UTC), as rule changes, with the finding rule ids they touch.
 */
function overrideBoundariesOn(
  overrides: readonly WorkspaceOverride[],
  day: string,
): { boundary: RuleBoundary; findingRuleIds: string[] }[] {
  const out: { boundary: RuleBoundary; findingRuleIds: string[] }[] = [];
  for (const o of overrides) {
    for (const [change, value] of [
      ['takes_effect', o.effectiveFrom],
      ['ends', o.effectiveUntil],
    ] as const) {
      if (value !== day) continue;
      const what =
        o.kind === 'term'
          ? `"${o.phrase}" (${o.language})`
          : o.kind === 'rule'
            ? `rule ${o.ruleId}`
            : `category ${o.productCategory}`;
      out.push({
        boundary: {
          jurisdiction: WORKSPACE_KEY,
          ruleId: termRuleId(o.id),
          title: `Workspace ${o.kind} override: ${what}${o.stage ? `, stage ${o.stage}` : ''}`,
          severity: o.severity ?? 'approval',
          change,
          day,
          at: new Date(`${day}T00:00:00Z`),
          citation: { source: 'Workspace lexicon', article: `override ${o.id} v${o.version}` },
        },
        findingRuleIds: o.ruleId ? [o.ruleId] : [],
      });
    }
  }
  return out;
}

/** Findings of the changing rules that appear from the day on, and those that go away. */
function findingsOf(
  after: ReturnType<PostJudgeService['evaluate']>,
  changing: ReadonlySet<string>,
  before: ReturnType<PostJudgeService['evaluate']>,
): { added: FindingRef[]; removed: FindingRef[] } {
  const refs = (e: typeof after): FindingRef[] =>
    e.jurisdictions.flatMap((j) =>
      j.findings
        .filter((f) => changing.has(f.ruleId))
        .map((f) => ({ jurisdiction: j.jurisdiction, ruleId: f.ruleId, severity: f.severity })),
    );
  const key = (f: FindingRef): string => `${f.jurisdiction}|${f.ruleId}|${f.severity}`;
  const beforeRefs = refs(before);
  const afterRefs = refs(after);
  const beforeKeys = new Set(beforeRefs.map(key));
  const afterKeys = new Set(afterRefs.map(key));
  return {
    added: afterRefs.filter((f) => !beforeKeys.has(key(f))),
    removed: beforeRefs.filter((f) => !afterKeys.has(key(f))),
  };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUUID } from 'class-validator';
import type { PostDto } from '../calendar/dto/post.dto';
import { Post } from '../calendar/entities/post.entity';
import { toPostDto } from '../calendar/post-dto';
import { PostsService } from '../calendar/posts.service';
import { ConflictError, DomainRuleError } from '../common/errors/app-error';
import { decodeCursor, encodeCursor, type Page } from '../common/http/pagination';
import type { WorkspaceMember } from '../common/domain/actor';
import { transition } from '../workflow/post-state-machine';
import { PostTransitionsService } from '../workflow/post-transitions.service';
import { PublicationClearanceService } from '../workflow/publication-clearance.service';
import { AfterCommit } from './after-commit';
import type { StoppedStatus } from './domain/stopped-statuses';
import { PublishQueue } from './publish-queue.service';
import { RestrictionsService, stopError } from './restrictions.service';
import { ScheduleStore } from './schedule-store.service';
import { Clock } from '../common/clock/clock';

/**
 * A publisher's release of a held, missed or failed post. Release means "put the approved
 * revision back on the schedule": at its approved time if that is still ahead, otherwise now.
 * There is deliberately no "release at another time": a new time goes through
 * RescheduleService, which keeps the approvals only when they hold at that time.
 */
@Injectable()
export class ReleaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly posts: PostsService,
    private readonly transitions: PostTransitionsService,
    private readonly restrictions: RestrictionsService,
    private readonly store: ScheduleStore,
    private readonly queue: PublishQueue,
    private readonly afterCommit: AfterCommit,
    private readonly clearance: PublicationClearanceService,
    private readonly clock: Clock,
  ) {}

  async release(
    member: WorkspaceMember,
    postId: string,
    revision: number | undefined,
    now = this.clock.now(),
  ): Promise<PostDto> {
    return this.dataSource.transaction(async (tx) => {
      const post = await this.posts.lockPost(tx, member.workspaceId, postId);
      if (revision !== undefined && revision !== post.revision) {
        throw new ConflictError(
          'STALE_REVISION',
          'errors.staleRevision',
          { given: revision, current: post.revision },
          { currentRevision: post.revision },
        );
      }
      // Said before the pause and blackout checks: a post that is not held, missed or failed has nothing to release.
      const allowed = transition(post.status, 'release');
      if (!allowed.ok) throw new DomainRuleError(allowed.code, allowed.messageKey, allowed.params);
      const dueAt = post.scheduledAt && post.scheduledAt > now ? post.scheduledAt : now;
      // Releasing into a pause or a blackout would only hold the post again: say so instead.
      const stop = await this.restrictions.stopFor(tx, post, dueAt);
      if (stop) throw stopError(stop);
      // Back on the schedule only on approvals and filings that hold now (the workflow's rule).
      await this.clearance.assertCleared(tx, post);
      await this.transitions.apply(tx, post, 'release', member.actor);
      const job = await this.store.place(tx, post, dueAt);
      this.afterCommit.run(tx, () => this.queue.enqueue([job]));
      return toPostDto(post);
    });
  }

  /** Posts waiting for a publisher: held by a pause, a blackout or a re-check; missed; failed. */
  async stopped(workspaceId: string, status: StoppedStatus, limit: number, cursor?: string): Promise<Page<PostDto>> {
    const qb = this.dataSource
      .getRepository(Post)
      .createQueryBuilder('p')
      .where('p.workspaceId = :workspaceId', { workspaceId })
      .andWhere('p.status = :status', { status })
      // By the time they were due, earliest first; undated posts last.
      .orderBy(`COALESCE(p.scheduledAt, 'infinity'::timestamptz)`, 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(limit);
    if (cursor) {
      const [at, id] = decodeCursor(
        cursor,
        2,
        ([t, i]) => (t === 'infinity' || !Number.isNaN(Date.parse(t))) && isUUID(i),
      );
      qb.andWhere(
        `(COALESCE(p.scheduledAt, 'infinity'::timestamptz), p.id) > (CAST(:at AS timestamptz), CAST(:id AS uuid))`,
        { at, id },
      );
    }
    const rows = await qb.getMany();
    const last = rows[rows.length - 1];
    const nextCursor =
      rows.length === limit && last ? encodeCursor([last.scheduledAt?.toISOString() ?? 'infinity', last.id]) : null;
    return { items: rows.map(toPostDto), nextCursor };
  }
}

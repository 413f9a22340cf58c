import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { PostsService } from '../calendar/posts.service';
import { hasAnyRole, type WorkspaceMember } from '../common/domain/actor';
import type { PostPublicationsDto } from './dto/publication.dto';
import { PublicationAttempt } from './entities/publication-attempt.entity';
import { Publication } from './entities/publication.entity';

/**
 * What a target answered can be anything (internal details of the bank's middleware, echoes
 * of the post); the roles that run publishing read it, the others see the status and code.
 */
const RESPONSE_READERS = ['publisher', 'admin'] as const;

/** What happened when a post went out: per channel, every attempt with its answer. */
@Injectable()
export class PublicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly posts: PostsService,
  ) {}

  async forPost(member: WorkspaceMember, postId: string): Promise<PostPublicationsDto> {
    const post = await this.posts.find(member.workspaceId, postId);
    const showsResponses = hasAnyRole(member, RESPONSE_READERS);
    const publications = await this.dataSource
      .getRepository(Publication)
      .find({ where: { postId: post.id }, order: { revision: 'DESC', channel: 'ASC' } });
    const attempts =
      publications.length === 0
        ? []
        : await this.dataSource
            .getRepository(PublicationAttempt)
            .find({ where: { publicationId: In(publications.map((p) => p.id)) }, order: { number: 'ASC' } });
    return {
      postId: post.id,
      status: post.status,
      statusReason: post.statusReason,
      publications: publications.map((p) => ({
        id: p.id,
        revision: p.revision,
        channel: p.channel,
        status: p.status,
        idempotencyKey: p.idempotencyKey,
        externalId: p.externalId,
        targetId: p.targetId,
        publishedAt: p.publishedAt?.toISOString() ?? null,
        lastError: p.lastError,
        permalink: p.permalink,
        proofStatus: p.proofStatus,
        proofDifferences: p.proofDifferences,
        attempts: attempts
          .filter((a) => a.publicationId === p.id)
          .map((a) => ({
            number: a.number,
            outcome: a.outcome,
            startedAt: a.startedAt.toISOString(),
            finishedAt: a.finishedAt?.toISOString() ?? null,
            httpStatus: a.httpStatus,
            externalId: a.externalId,
            error: a.error,
            ...(showsResponses ? { responseExcerpt: a.responseExcerpt } : {}),
            worker: a.worker,
          })),
      })),
    };
  }
}

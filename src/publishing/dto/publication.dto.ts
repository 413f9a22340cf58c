import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { POST_STATUSES, type PostStatus } from '../../calendar/domain/post-vocabulary';
import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '../entities/publication-attempt.entity';
import {
  PROOF_STATUSES,
  PUBLICATION_STATUSES,
  type ProofStatus,
  type PublicationStatus,
} from '../entities/publication.entity';
import { JSON_OBJECT } from '../../openapi/schema-shapes';

export class AttemptDto {
  @ApiProperty() number: number;
  @ApiProperty({ enum: ATTEMPT_OUTCOMES }) outcome: AttemptOutcome;
  @ApiProperty() startedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) finishedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) httpStatus: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) externalId: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'A status line (HTTP 422) or a code such as destination_refused, connection_failed',
  })
  error: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'The first 200 characters the target answered. Present for publishers and admins only; left out for the other roles',
  })
  responseExcerpt?: string | null;
  @ApiProperty({ description: 'The app instance that made the call' }) worker: string;
}

export class ContentDifferenceDto {
  @ApiProperty({ enum: ['text', 'links', 'media'] }) field: 'text' | 'links' | 'media';
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
    description: 'As approved',
  })
  approved: string | number | string[];
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
    description: 'As the network shows it',
  })
  live: string | number | string[];
}

export class PublicationDto {
  @ApiProperty() id: string;
  @ApiProperty() revision: number;
  @ApiProperty() channel: string;
  @ApiProperty({ enum: PUBLICATION_STATUSES }) status: PublicationStatus;
  @ApiProperty({ description: 'Sent with every attempt of this (post, revision, channel)' }) idempotencyKey: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The channel's id for the published post" })
  externalId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) targetId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) publishedAt: string | null;
  @ApiPropertyOptional({ ...JSON_OBJECT, nullable: true }) lastError: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The network's public address of the post" })
  permalink: string | null;
  @ApiPropertyOptional({
    nullable: true,
    enum: PROOF_STATUSES,
    description:
      'Social networks: whether the live post, read back after publishing, shows what was approved (`differs`: see proofDifferences)',
  })
  proofStatus: ProofStatus | null;
  @ApiPropertyOptional({ nullable: true, type: [ContentDifferenceDto] }) proofDifferences:
    | ContentDifferenceDto[]
    | null;
  @ApiProperty({ type: [AttemptDto] }) attempts: AttemptDto[];
}

export class PostPublicationsDto {
  @ApiProperty() postId: string;
  @ApiProperty({ enum: POST_STATUSES }) status: PostStatus;
  @ApiPropertyOptional({ ...JSON_OBJECT, nullable: true }) statusReason: Record<string, unknown> | null;
  @ApiProperty({ type: [PublicationDto], description: 'Every revision, newest first, then by channel' })
  publications: PublicationDto[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { INT32_MAX } from '../../common/http/int32';
import { ISO_DATE_TIME, PostDto, RedlineDto } from '../../calendar/dto/post.dto';
import { PageQueryDto } from '../../common/http/pagination';
import { DECISIONS, type Decision } from '../entities/review-decision.entity';
import { FILING_STATUSES, FILING_TIMINGS, type FilingStatus, type FilingTiming } from '../entities/filing.entity';
import { STAGE_STATUSES, VOID_REASONS, type StageStatus, type VoidReason } from '../entities/review-stage.entity';
import { JSON_OBJECT, STRING_MAP } from '../../openapi/schema-shapes';

const STAGE_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/** `?due=true` arrives as a string; anything but true/false stays a string so @IsBoolean names it. */
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class SubmitPostDto {
  @ApiProperty({ description: 'The revision being submitted; a stale one is a 409' })
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  revision: number;
}

export class DecisionDto {
  @ApiProperty({ description: 'The revision the reviewer read; a stale one is a 409' })
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  revision: number;

  @ApiProperty({ example: 'compliance', description: 'A stage of the post (see `stages` of the post)' })
  @IsString()
  @Matches(STAGE_NAME, { message: 'stage must be a stage name such as compliance or principal' })
  stage: string;

  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision: Decision;

  @ApiPropertyOptional({
    type: String,
    maxLength: 4000,
    description: 'Required for reject and request_changes: the author needs to know why',
  })
  // An approval may carry a note; a refusal must say why (the author has to act on it).
  @ValidateIf(
    (dto: DecisionDto) =>
      dto.decision !== 'approve' || (dto.comment !== undefined && dto.comment !== null && dto.comment !== ''),
  )
  @IsString()
  @Matches(/\S/, { message: 'comment is required for reject and request_changes' })
  @MaxLength(4000)
  comment?: string | null;
}

export class WithdrawPostDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Why the post is withdrawn (kept in the audit trail)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class RecordFilingDto {
  @ApiProperty({ example: 'FINRA', description: 'The regulator a filing of this revision is required with' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  regulator: string;

  @ApiProperty({ example: 'FINRA-2026-123456', description: "The regulator's reference for the filing" })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference: string;

  @ApiProperty({
    example: '2026-12-23T10:00:00-05:00',
    description: 'When the filing was made (an instant with an offset); not in the future',
  })
  @IsString()
  @Matches(ISO_DATE_TIME, { message: 'filedAt must be an ISO-8601 date-time such as 2026-12-23T10:00:00-05:00' })
  filedAt: string;
}

export class FilingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Only filings someone must make now: pre-use filings of approved posts, post-use filings of published posts',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  due?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  postId?: string;
}

export class ReviewQueryDto {
  @ApiPropertyOptional({ description: 'Show the redline against this revision instead of the one you last decided on' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  since?: number;
}

export class SignerQualificationDto {
  @ApiProperty({ example: 'principal', description: 'The role the signature was given with' }) role: string;
  @ApiProperty({ description: 'When the signer was granted the role' }) grantedAt: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'User id of the admin who granted it; null when the system did (first start, demo, roles older than grant records)',
  })
  grantedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The granting admin's name at signing time" })
  grantedByName: string | null;
}

export class SignatureDto {
  @ApiProperty({ enum: DECISIONS }) decision: Decision;
  @ApiProperty({ description: 'User id of the signer' }) decidedBy: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Name of the signer' }) signerName: string | null;
  @ApiProperty() decidedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) comment: string | null;
  @ApiProperty() revision: number;
  @ApiProperty({ description: 'Hash of the revision signed' }) contentHash: string;
  @ApiProperty({ ...STRING_MAP, description: "The signer's qualification at signing, e.g. { crdNumber }" })
  qualification: Record<string, unknown>;
  @ApiPropertyOptional({
    nullable: true,
    type: SignerQualificationDto,
    description:
      'How the signer came to hold the role, for examiners: when and by whom it was granted (null for signatures older than grant records)',
  })
  signerQualification: SignerQualificationDto | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Approvals: when the signature stops counting' })
  expiresAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) voidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, enum: VOID_REASONS }) voidReason: VoidReason | null;
}

export class ReviewStageDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'compliance' }) stage: string;
  @ApiProperty({ example: 'reviewer', description: 'The role a signer must hold' }) role: string;
  @ApiProperty({ description: 'Signing order, from 0' }) position: number;
  @ApiProperty({ enum: STAGE_STATUSES }) status: StageStatus;
  @ApiProperty() revision: number;
  @ApiProperty({ type: [String] }) ruleIds: string[];
  @ApiProperty({ type: [String] }) jurisdictions: string[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Sign by then: scheduled time minus filing wait minus review buffer',
  })
  dueAt: string | null;
  @ApiProperty({ description: 'Open and past its due time' }) overdue: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When the approval of this stage stops counting' })
  expiresAt: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: SignatureDto,
    description: 'The signature that counts (null while open)',
  })
  signature: SignatureDto | null;
  @ApiPropertyOptional({ nullable: true, enum: VOID_REASONS }) voidReason: VoidReason | null;
  @ApiPropertyOptional({ type: [SignatureDto], description: 'Signatures of this stage that no longer count (expired)' })
  voidedSignatures: SignatureDto[];
}

export class FilingDto {
  @ApiProperty() id: string;
  @ApiProperty() postId: string;
  @ApiProperty() revision: number;
  @ApiProperty() jurisdiction: string;
  @ApiProperty({ example: 'FINRA' }) regulator: string;
  @ApiProperty({ enum: FILING_TIMINGS, description: 'pre: before first use; post: after first use' })
  when: FilingTiming;
  @ApiProperty() businessDays: number;
  @ApiProperty({ enum: FILING_STATUSES }) status: FilingStatus;
  @ApiProperty({ type: [String] }) ruleIds: string[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Latest instant to file' }) fileBy: string | null;
  @ApiProperty({ description: 'Pending and past fileBy' }) overdue: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) publishedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reference: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) filedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) filedBy: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Pre-use: businessDays US business days after filedAt',
  })
  earliestPublishAt: string | null;
}

export class FilingPageDto {
  @ApiProperty({ type: [FilingDto] }) items: FilingDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

/** A post as the workflow shows it: the post, the stages of its current round and its filings. */
export class WorkflowPostDto extends PostDto {
  @ApiProperty({ type: [ReviewStageDto], description: 'Stages of the current review round, in signing order' })
  stages: ReviewStageDto[];
  @ApiProperty({ type: [FilingDto], description: 'Filings of the current revision' }) filings: FilingDto[];
}

export class SubmissionDto {
  @ApiProperty() id: string;
  @ApiProperty() revision: number;
  @ApiProperty() contentHash: string;
  @ApiProperty() submittedBy: string;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ example: 'needs_approval' }) verdict: string;
  @ApiProperty({ ...STRING_MAP, description: 'Pack code -> pack version (content hash) used' }) packVersions: Record<
    string,
    string
  >;
  @ApiProperty() approvalValidityDays: number;
  @ApiProperty({
    ...JSON_OBJECT,
    description: 'The evaluation the submission was judged on, messages in the caller language',
  })
  evaluation: unknown;
}

export class ReviewDto {
  @ApiProperty({ type: WorkflowPostDto }) post: WorkflowPostDto;
  @ApiPropertyOptional({
    nullable: true,
    type: SubmissionDto,
    description: 'The latest submission of the current revision',
  })
  submission: SubmissionDto | null;
  @ApiProperty({ type: [ReviewStageDto], description: 'Earlier stages that no longer count, newest first' })
  history: ReviewStageDto[];
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'The revision the caller last decided on (or `since`)',
  })
  lastSeenRevision: number | null;
  @ApiPropertyOptional({ nullable: true, type: RedlineDto, description: 'What changed since lastSeenRevision' })
  changesSinceLastSeen: RedlineDto | null;
}

export class ReviewQueueItemDto {
  @ApiProperty() stageId: string;
  @ApiProperty() postId: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'User id of the author' }) authorId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Name of the author' }) authorName: string | null;
  @ApiProperty() stage: string;
  @ApiProperty() role: string;
  @ApiProperty() revision: number;
  @ApiProperty({ description: 'Status of the post (in_review, or held while an expired approval is signed again)' })
  postStatus: string;
  @ApiProperty({ type: [String] }) jurisdictions: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) scheduledAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: [String], description: 'Earlier stages still to be approved before this one can be signed' })
  waitingFor: string[];
  @ApiPropertyOptional({ nullable: true, type: Number }) lastSeenRevision: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: RedlineDto,
    description: 'What changed since the revision you last decided on',
  })
  changesSinceLastSeen: RedlineDto | null;
}

export class ReviewQueueDto {
  @ApiProperty({ type: [ReviewQueueItemDto] }) items: ReviewQueueItemDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Max, Min, MinLength } from 'class-validator';
import { INT32_MAX } from '../../common/http/int32';
import { CHANNELS, type Channel } from '../../calendar/domain/post-vocabulary';
import { PostDto } from '../../calendar/dto/post.dto';
import { PageQueryDto } from '../../common/http/pagination';
import { STOPPED_STATUSES, type StoppedStatus } from '../domain/stopped-statuses';

/** A window edge is an instant, so the offset is required (a wall-clock time alone is ambiguous). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export class CreatePauseDto {
  @ApiProperty({ example: 'Market turmoil: hold all promotions', maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only this brand; omit every facet to pause the whole workspace',
  })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ example: 'DE', description: 'Only posts that target this jurisdiction' })
  @IsOptional()
  @Matches(/^[A-Z]{2,8}$/, { message: 'jurisdiction must be an upper-case code such as DE' })
  jurisdiction?: string;

  @ApiPropertyOptional({
    enum: CHANNELS,
    description: 'Only posts that go out on this channel (the whole post is held)',
  })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;
}

export class PauseDto {
  @ApiProperty() id: string;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ nullable: true, type: String }) brandId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) jurisdiction: string | null;
  @ApiPropertyOptional({ nullable: true, enum: CHANNELS }) channel: Channel | null;
  @ApiProperty() active: boolean;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) liftedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) liftedBy: string | null;
}

export class CreateBlackoutDto {
  @ApiProperty({ example: 'Quarterly results quiet period', maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;

  @ApiProperty({ example: '2026-12-01T00:00:00+01:00', description: 'First instant of the window (inclusive)' })
  @IsString()
  @Matches(INSTANT, { message: 'startsAt must be an ISO-8601 date-time with an offset' })
  startsAt: string;

  @ApiProperty({ example: '2026-12-03T00:00:00+01:00', description: 'End of the window (exclusive)' })
  @IsString()
  @Matches(INSTANT, { message: 'endsAt must be an ISO-8601 date-time with an offset' })
  endsAt: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ example: 'US' })
  @IsOptional()
  @Matches(/^[A-Z]{2,8}$/, { message: 'jurisdiction must be an upper-case code such as DE' })
  jurisdiction?: string;
}

export class BlackoutDto {
  @ApiProperty() id: string;
  @ApiProperty() reason: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) brandId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) jurisdiction: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) deletedAt: string | null;
}

export class CreatedBlackoutDto extends BlackoutDto {
  @ApiProperty({ type: [String], description: 'Scheduled posts inside the window that were held by it' })
  heldPostIds: string[];
}

export class CreatedPauseDto extends PauseDto {
  @ApiProperty({ description: 'How many scheduled posts the pause now holds' })
  heldCount: number;

  @ApiProperty({ type: [String], description: 'The scheduled posts it held (each shows statusReason code `paused`)' })
  heldPostIds: string[];
}

export class ListRestrictionsQueryDto {
  @ApiPropertyOptional({
    enum: ['active', 'all'],
    default: 'active',
    description: '`all` includes lifted pauses and deleted blackouts',
  })
  @IsOptional()
  @IsIn(['active', 'all'])
  state?: 'active' | 'all';
}

export class ReleaseDto {
  @ApiPropertyOptional({ description: 'The revision the publisher looked at; a stale one is a 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  revision?: number;
}

export class StoppedPostsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: STOPPED_STATUSES,
    default: 'held',
    description: 'Which backlog: held (pause, blackout, re-check), missed or failed',
  })
  @IsOptional()
  @IsIn(STOPPED_STATUSES)
  status?: StoppedStatus;
}

export class PostPageDto {
  @ApiProperty({ type: [PostDto] }) items: PostDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

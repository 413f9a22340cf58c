import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { CHANNELS, POST_STATUSES, type Channel, type PostStatus } from '../domain/post-vocabulary';
import { ISO_DATE_TIME } from './post.dto';

/**
 * A calendar month is read whole: the web app asks for one page of up to this many posts rather
 * than following the cursor through round trips of 500 (a busy month holds ~2,000). Bounded so
 * one request stays a few MB at most; larger months still page with `cursor`.
 */
export const CALENDAR_PAGE_MAX = 2500;

export class CalendarQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: CALENDAR_PAGE_MAX,
    default: 50,
    description: `Page size; up to ${CALENDAR_PAGE_MAX} so a month fits one page`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CALENDAR_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Inclusive start (instant with offset)' })
  @IsOptional()
  @Matches(ISO_DATE_TIME, { message: 'from must be an ISO-8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00Z', description: 'Exclusive end (instant with offset)' })
  @IsOptional()
  @Matches(ISO_DATE_TIME, { message: 'to must be an ISO-8601 date-time' })
  to?: string;

  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @Matches(/^[A-Z]{2,8}$/, { message: 'jurisdiction must be an upper-case code such as DE' })
  jurisdiction?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ enum: POST_STATUSES })
  @IsOptional()
  @IsIn(POST_STATUSES)
  status?: PostStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;
}

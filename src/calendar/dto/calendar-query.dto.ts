import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { CHANNELS, POST_STATUSES, type Channel, type PostStatus } from '../domain/post-vocabulary';
import { ISO_DATE_TIME } from './post.dto';

export class CalendarQueryDto extends PageQueryDto {
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

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CHANNELS, POST_STATUSES, type Channel, type PostStatus } from '../domain/post-vocabulary';
import { CalendarQueryDto } from './calendar-query.dto';

/** The calendar's filters, with the two the web app's filter bar adds (brand and author). */
export class CalendarEntriesQueryDto extends CalendarQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'User id of the author' })
  @IsOptional()
  @IsUUID()
  author?: string;
}

/**
 * One post as a calendar cell shows it: no body, links, media or evaluation. A busy month
 * (2,000 posts) is about a fifth of the bytes of the full posts, and the server skips
 * building what the cell never reads. The editor loads the full post when one is opened.
 */
export class CalendarEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: POST_STATUSES }) status: PostStatus;
  @ApiProperty() revision: number;
  @ApiProperty() brandId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) campaignId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'User id of the author' }) createdBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Name of the author' }) authorName: string | null;
  @ApiProperty({ enum: CHANNELS, isArray: true }) channels: Channel[];
  @ApiProperty({ type: [String] }) jurisdictions: string[];
  @ApiProperty({ description: 'UTC' }) scheduledAt: string;
  @ApiProperty({ description: 'The same instant with the offset of `timezone`' }) scheduledLocal: string;
  @ApiProperty() timezone: string;
  @ApiProperty({
    description: 'Whether a rule change worsened this revision’s verdict (see the post’s `complianceAlert`)',
  })
  complianceAlert: boolean;
}

export class CalendarEntryPageDto {
  @ApiProperty({ type: [CalendarEntryDto] }) items: CalendarEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, Validate } from 'class-validator';
import { IsIanaTimeZone, ISO_DATE_TIME, PostDto } from '../../calendar/dto/post.dto';

export class RescheduleDto {
  @ApiProperty({
    example: '2026-12-16T09:30:00+01:00',
    description: 'An instant with an offset, or a wall-clock time without one read in `timezone`',
  })
  @IsString()
  @Matches(ISO_DATE_TIME, { message: 'scheduledAt must be an ISO-8601 date-time such as 2026-12-01T09:30:00+01:00' })
  scheduledAt: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: "Defaults to the post's zone" })
  @IsOptional()
  @Validate(IsIanaTimeZone)
  timezone?: string;

  @ApiPropertyOptional({ default: false, description: 'Only say whether the approvals would be kept; change nothing' })
  @IsOptional()
  @IsBoolean()
  preview?: boolean;
}

export class RescheduleReasonDto {
  @ApiProperty({ enum: ['NOT_APPROVED', 'VERDICT_CHANGED', 'STAGES_CHANGED', 'APPROVAL_EXPIRES', 'FILING_WINDOW'] })
  code: string;
  @ApiProperty({ description: 'Why, in the language of `lang` or Accept-Language' }) message: string;
}

export class RescheduleResultDto {
  @ApiProperty({ type: PostDto, description: 'The post after the change (as it is, for a preview)' }) post: PostDto;
  @ApiProperty({ description: 'The content approvals hold at the new time (for a preview: would hold)' })
  approvalsKept: boolean;
  @ApiProperty({
    type: [RescheduleReasonDto],
    description: 'Why the post goes back through review; empty when the approvals are kept',
  })
  reasons: RescheduleReasonDto[];
}

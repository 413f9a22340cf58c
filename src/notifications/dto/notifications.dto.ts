import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  NOTIFICATION_EVENTS,
  NOTIFICATION_MODES,
  type NotificationEvent,
  type NotificationMode,
} from '../notification-events';

export class NotificationListQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NOTIFICATION_EVENTS }) event: NotificationEvent;
  @ApiProperty({ type: String, nullable: true }) postId: string | null;
  @ApiProperty({ description: 'The message in your language' }) subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ description: 'Web app path of the post, e.g. /review/<id>' }) path: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty() unreadCount: number;
}

export class MarkReadDto {
  @ApiPropertyOptional({ type: [String], description: 'Notifications to mark read (yours; others are ignored)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: 'Mark every notification of yours in this workspace read' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

export class NotificationPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_EVENTS }) event: NotificationEvent;
  @ApiProperty({ enum: NOTIFICATION_MODES }) mode: NotificationMode;
  @ApiProperty({ description: 'Cannot be switched off' }) mandatory: boolean;
}

export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceDto] }) items: NotificationPreferenceDto[];
  @ApiProperty({ description: 'UTC hour of the daily digest' }) digestHourUtc: number;
}

/** One optional property per event: `{ "approved": "digest", "scheduled": "off" }`. */
export class UpdateNotificationPreferencesDto {
  @ApiPropertyOptional({ enum: NOTIFICATION_MODES })
  @IsOptional()
  @IsIn(NOTIFICATION_MODES)
  review_requested?: NotificationMode;
  @ApiPropertyOptional({ enum: NOTIFICATION_MODES })
  @IsOptional()
  @IsIn(NOTIFICATION_MODES)
  changes_requested?: NotificationMode;
  @ApiPropertyOptional({ enum: NOTIFICATION_MODES })
  @IsOptional()
  @IsIn(NOTIFICATION_MODES)
  rejected?: NotificationMode;
  @ApiPropertyOptional({ enum: NOTIFICATION_MODES })
  @IsOptional()
  @IsIn(NOTIFICATION_MODES)
  approved?: NotificationMode;
  @ApiPropertyOptional({ enum: NOTIFICATION_MODES })
  @IsOptional()
  @IsIn(NOTIFICATION_MODES)
  scheduled?: NotificationMode;
  @ApiPropertyOptional({ enum: NOTIFICATION_MODES })
  @IsOptional()
  @IsIn(NOTIFICATION_MODES)
  review_deadline_approaching?: NotificationMode;
  @ApiPropertyOptional({ enum: NOTIFICATION_MODES, description: 'Mandatory: immediate or digest only' })
  @IsOptional()
  @IsIn(NOTIFICATION_MODES)
  review_deadline_passed?: NotificationMode;
  @ApiPropertyOptional({ enum: NOTIFICATION_MODES })
  @IsOptional()
  @IsIn(NOTIFICATION_MODES)
  post_held?: NotificationMode;
  @ApiPropertyOptional({ enum: NOTIFICATION_MODES })
  @IsOptional()
  @IsIn(NOTIFICATION_MODES)
  publication_failed?: NotificationMode;
  @ApiPropertyOptional({ enum: NOTIFICATION_MODES })
  @IsOptional()
  @IsIn(NOTIFICATION_MODES)
  publication_differs?: NotificationMode;
  @ApiPropertyOptional({ enum: NOTIFICATION_MODES })
  @IsOptional()
  @IsIn(NOTIFICATION_MODES)
  filing_due?: NotificationMode;
  @ApiPropertyOptional({ enum: NOTIFICATION_MODES })
  @IsOptional()
  @IsIn(NOTIFICATION_MODES)
  approval_expiring?: NotificationMode;
}

export const HOOK_KINDS = ['slack', 'teams'] as const;
export type HookKind = (typeof HOOK_KINDS)[number];

export class SetNotificationHookDto {
  @ApiProperty({ description: 'The incoming webhook URL (https); stored encrypted, never shown again' })
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  url: string;
}

export class NotificationHookDto {
  @ApiProperty({ enum: HOOK_KINDS }) kind: HookKind;
  @ApiProperty({ description: 'Host of the webhook (the URL itself is a secret)' }) host: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class NotificationHookListDto {
  @ApiProperty({ type: [NotificationHookDto] }) items: NotificationHookDto[];
}

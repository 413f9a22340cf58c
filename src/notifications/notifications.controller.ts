import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type Language } from '../i18n/i18n.service';
import { RequestLanguage } from '../i18n/request-language.decorator';
import { CurrentMember, Roles } from '../identity/access.decorators';
import type { WorkspaceMember } from '../common/domain/actor';
import { READ_ROLES } from '../identity/roles';
import {
  HOOK_KINDS,
  MarkReadDto,
  NotificationHookListDto,
  NotificationListDto,
  NotificationListQueryDto,
  NotificationPreferencesDto,
  SetNotificationHookDto,
  UpdateNotificationPreferencesDto,
} from './dto/notifications.dto';
import { NotificationHooksService } from './notification-hooks.service';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly hooks: NotificationHooksService,
  ) {}

  @Get('notifications')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Your notifications in this workspace, newest first, in your language' })
  @ApiOkResponse({ type: NotificationListDto })
  @ApiUnauthorizedResponse({ description: 'Notifications belong to a person, not an API key' })
  list(
    @CurrentMember() member: WorkspaceMember,
    @Query() query: NotificationListQueryDto,
    @RequestLanguage() lang: Language,
  ): Promise<NotificationListDto> {
    return this.notifications.list(member, query.unread === 'true', query.limit ?? 50, lang);
  }

  @Post('notifications/read')
  @Roles(...READ_ROLES)
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark some (ids) or all of your notifications read' })
  @ApiNoContentResponse()
  markRead(@CurrentMember() member: WorkspaceMember, @Body() dto: MarkReadDto): Promise<void> {
    return this.notifications.markRead(member, dto);
  }

  @Get('notification-preferences')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'How you are told of each event: immediately, in the daily digest, or not at all' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  preferences(@CurrentMember() member: WorkspaceMember): Promise<NotificationPreferencesDto> {
    return this.notifications.preferences(member);
  }

  @Put('notification-preferences')
  @Roles(...READ_ROLES)
  @ApiOperation({
    summary: 'Change your choices for some events; mandatory events cannot be switched off (400 naming them)',
  })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  updatePreferences(
    @CurrentMember() member: WorkspaceMember,
    @Body() dto: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    return this.notifications.updatePreferences(member, dto);
  }

  @Get('notification-hooks')
  @Roles('admin')
  @ApiOperation({ summary: "The workspace's Teams/Slack incoming webhooks (host only; the URL is a secret)" })
  @ApiOkResponse({ type: NotificationHookListDto })
  listHooks(@CurrentMember() member: WorkspaceMember): Promise<NotificationHookListDto> {
    return this.hooks.list(member.workspaceId);
  }

  @Put('notification-hooks/:kind')
  @Roles('admin')
  @ApiParam({ name: 'kind', enum: HOOK_KINDS })
  @ApiOperation({
    summary: 'Set the Teams or Slack incoming webhook; every notification of the workspace is posted there',
  })
  @ApiOkResponse({ type: NotificationHookListDto })
  setHook(
    @CurrentMember() member: WorkspaceMember,
    @Param('kind') kind: string,
    @Body() dto: SetNotificationHookDto,
  ): Promise<NotificationHookListDto> {
    return this.hooks.set(member, NotificationHooksService.kind(kind), dto.url);
  }

  @Delete('notification-hooks/:kind')
  @Roles('admin')
  @HttpCode(204)
  @ApiParam({ name: 'kind', enum: HOOK_KINDS })
  @ApiOperation({ summary: 'Remove the Teams or Slack incoming webhook' })
  @ApiNoContentResponse()
  removeHook(@CurrentMember() member: WorkspaceMember, @Param('kind') kind: string): Promise<void> {
    return this.hooks.remove(member, NotificationHooksService.kind(kind));
  }
}

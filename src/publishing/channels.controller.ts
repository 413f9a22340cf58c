import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { ChannelTargetsService } from './channel-targets.service';
import { ChannelDto, CreateChannelDto, UpdateChannelDto } from './dto/channel.dto';

@ApiTags('publishing')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelTargetsService) {}

  @Post()
  @Roles('publisher', 'admin')
  @ApiOperation({
    summary: 'A publishing target for one brand on one channel (the secret is stored encrypted and never returned)',
  })
  @ApiCreatedResponse({ type: ChannelDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: names every bad field (a URL with credentials is one)' })
  @ApiConflictResponse({ description: 'CHANNEL_TARGET_EXISTS: the brand already has a target on this channel' })
  @ApiUnprocessableEntityResponse({
    description: 'WEBHOOK_DESTINATION_REFUSED: config.url is not public and WEBHOOK_ALLOWED_HOSTS does not allow it',
  })
  create(@CurrentMember() member: WorkspaceMember, @Body() dto: CreateChannelDto): Promise<ChannelDto> {
    return this.channels.create(member, dto);
  }

  @Get()
  @Roles('publisher', 'admin', 'auditor')
  @ApiOperation({ summary: 'The publishing targets of the workspace, without secrets' })
  @ApiOkResponse({ type: [ChannelDto] })
  list(@CurrentMember() member: WorkspaceMember): Promise<ChannelDto[]> {
    return this.channels.list(member.workspaceId);
  }

  @Patch(':id')
  @Roles('publisher', 'admin')
  @ApiOperation({
    summary:
      'Change a target in place, atomically: name, adapter, url and/or secret (left-out fields stay); its id and brand and channel stay',
  })
  @ApiOkResponse({ type: ChannelDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: names every bad field, or that the body changes nothing' })
  @ApiNotFoundResponse({ description: 'No such live target in this workspace' })
  @ApiUnprocessableEntityResponse({
    description:
      'WEBHOOK_DESTINATION_REFUSED (config.url not allowed) or CHANNEL_CONFIG_INCOMPLETE (a webhook target needs a url and a secret)',
  })
  update(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('channel')) id: string,
    @Body() dto: UpdateChannelDto,
  ): Promise<ChannelDto> {
    return this.channels.update(member, id, dto);
  }

  @Delete(':id')
  @Roles('publisher', 'admin')
  @ApiOperation({
    summary: 'Retire a target; posts for that brand and channel then fail with no_target until a new one is set',
  })
  @ApiOkResponse({ type: ChannelDto })
  delete(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('channel')) id: string,
  ): Promise<ChannelDto> {
    return this.channels.delete(member, id);
  }
}

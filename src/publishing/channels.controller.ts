import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../identity/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { ChannelTargetsService } from './channel-targets.service';
import { ChannelDto, CreateChannelDto } from './dto/channel.dto';

@ApiTags('publishing')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelTargetsService) {}

  @Post()
  @Roles('publisher', 'admin')
  @ApiOperation({ summary: 'A publishing target for one brand on one channel (the secret is stored encrypted and never returned)' })
  @ApiCreatedResponse({ type: ChannelDto })
  @ApiConflictResponse({ description: 'CHANNEL_TARGET_EXISTS: the brand already has a target on this channel' })
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

  @Delete(':id')
  @Roles('publisher', 'admin')
  @ApiOperation({ summary: 'Retire a target; posts for that brand and channel then fail with no_target until a new one is set' })
  @ApiOkResponse({ type: ChannelDto })
  delete(@CurrentMember() member: WorkspaceMember, @Param('id', new ParseIdPipe('channel')) id: string): Promise<ChannelDto> {
    return this.channels.delete(member, id);
  }
}

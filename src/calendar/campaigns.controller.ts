import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Page } from '../common/http/pagination';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { READ_ROLES } from '../identity/roles';
import { CalendarService } from './calendar.service';
import { CampaignsService } from './campaigns.service';
import { CalendarEntriesQueryDto, type CalendarEntryDto, CalendarEntryPageDto } from './dto/calendar-entry.dto';
import { CalendarQueryDto } from './dto/calendar-query.dto';
import { CampaignDto, CreateCampaignDto } from './dto/campaign.dto';
import { PostDto } from './dto/post.dto';

export class CalendarPageDto {
  @ApiProperty({ type: [PostDto] }) items: PostDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly calendar: CalendarService,
  ) {}

  @Post('campaigns')
  @Roles('marketer', 'admin')
  @ApiOperation({ summary: 'Create a campaign of a brand' })
  @ApiCreatedResponse({ type: CampaignDto })
  create(@CurrentMember() member: WorkspaceMember, @Body() dto: CreateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.create(member, dto);
  }

  @Get('campaigns')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'List campaigns' })
  @ApiOkResponse({ type: [CampaignDto] })
  list(@CurrentMember() member: WorkspaceMember): Promise<CampaignDto[]> {
    return this.campaigns.list(member.workspaceId);
  }

  @Get('campaigns/:id')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'One campaign' })
  @ApiOkResponse({ type: CampaignDto })
  get(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('campaign')) id: string,
  ): Promise<CampaignDto> {
    return this.campaigns.get(member.workspaceId, id);
  }

  @Get('calendar')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Posts scheduled in [from, to), ordered by time, with filters' })
  @ApiOkResponse({ type: CalendarPageDto })
  query(@CurrentMember() member: WorkspaceMember, @Query() query: CalendarQueryDto): Promise<Page<PostDto>> {
    return this.calendar.query(member.workspaceId, query);
  }

  @Get('calendar/entries')
  @Roles(...READ_ROLES)
  @ApiOperation({
    summary: 'The calendar as its cells show it',
    description:
      'The posts of `GET calendar` with the same filters (plus brand and author), projected to what a calendar entry shows: a month of thousands of posts in one light round trip',
  })
  @ApiOkResponse({ type: CalendarEntryPageDto })
  entries(
    @CurrentMember() member: WorkspaceMember,
    @Query() query: CalendarEntriesQueryDto,
  ): Promise<Page<CalendarEntryDto>> {
    return this.calendar.entries(member.workspaceId, query);
  }
}

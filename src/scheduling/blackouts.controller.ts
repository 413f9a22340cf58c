import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { READ_ROLES } from '../identity/roles';
import { BlackoutsService } from './blackouts.service';
import { BlackoutDto, CreateBlackoutDto, CreatedBlackoutDto, ListRestrictionsQueryDto } from './dto/restriction.dto';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/blackouts')
export class BlackoutsController {
  constructor(private readonly blackouts: BlackoutsService) {}

  @Post()
  @Roles('publisher', 'admin')
  @ApiOperation({
    summary: 'Blackout window: nothing in scope may be scheduled in it; scheduled posts inside it are held',
  })
  @ApiCreatedResponse({ type: CreatedBlackoutDto })
  create(@CurrentMember() member: WorkspaceMember, @Body() dto: CreateBlackoutDto): Promise<CreatedBlackoutDto> {
    return this.blackouts.create(member, dto);
  }

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Blackouts not deleted (or all, with state=all), by start' })
  @ApiOkResponse({ type: [BlackoutDto] })
  list(@CurrentMember() member: WorkspaceMember, @Query() query: ListRestrictionsQueryDto): Promise<BlackoutDto[]> {
    return this.blackouts.list(member.workspaceId, query.state ?? 'active');
  }

  @Delete(':id')
  @Roles('publisher', 'admin')
  @ApiOperation({ summary: 'Delete a blackout; posts it held stay held until released' })
  @ApiOkResponse({ type: BlackoutDto })
  delete(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('blackout')) id: string,
  ): Promise<BlackoutDto> {
    return this.blackouts.delete(member, id);
  }
}

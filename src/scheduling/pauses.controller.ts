import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { READ_ROLES } from '../identity/roles';
import { CreatedPauseDto, CreatePauseDto, ListRestrictionsQueryDto, PauseDto } from './dto/restriction.dto';
import { PausesService } from './pauses.service';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/pauses')
export class PausesController {
  constructor(private readonly pauses: PausesService) {}

  @Post()
  @Roles('publisher', 'admin')
  @ApiOperation({
    summary:
      'Crisis pause: nothing in scope publishes, effective at once (also for jobs already due); scheduled posts in scope are held',
  })
  @ApiCreatedResponse({ type: CreatedPauseDto, description: 'The pause, and the scheduled posts it now holds' })
  create(@CurrentMember() member: WorkspaceMember, @Body() dto: CreatePauseDto): Promise<CreatedPauseDto> {
    return this.pauses.create(member, dto);
  }

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Pauses in force (or all, with state=all)' })
  @ApiOkResponse({ type: [PauseDto] })
  list(@CurrentMember() member: WorkspaceMember, @Query() query: ListRestrictionsQueryDto): Promise<PauseDto[]> {
    return this.pauses.list(member.workspaceId, query.state ?? 'active');
  }

  @Delete(':id')
  @Roles('publisher', 'admin')
  @ApiOperation({ summary: 'Lift a pause; held posts stay held until each is released' })
  @ApiOkResponse({ type: PauseDto })
  lift(@CurrentMember() member: WorkspaceMember, @Param('id', new ParseIdPipe('pause')) id: string): Promise<PauseDto> {
    return this.pauses.lift(member, id);
  }
}

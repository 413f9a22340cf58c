import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { READ_ROLES, type Role } from '../identity/roles';
import {
  CreateOverrideDto,
  OverrideDto,
  OverrideListDto,
  OverrideListQueryDto,
  UpdateOverrideDto,
} from './dto/overrides.dto';
import { WorkspaceOverridesService } from './workspace-overrides.service';
import { Clock } from '../common/clock/clock';

/**
 * Who may change the workspace's lexicon and tightening: its admins and its compliance
 * reviewers (who answer for what gets flagged). Everyone else reads it, auditors included,
 * since every finding it produces names the override anyway.
 */
const OVERRIDE_WRITERS: readonly Role[] = ['admin', 'reviewer'];
const INVALID =
  'OVERRIDE_INVALID naming every bad field (unknown rule, stage or language; fields that do not fit the kind; dates); OVERRIDE_LIMIT';

@ApiTags('compliance')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/compliance/overrides')
export class OverridesController {
  constructor(
    private readonly overrides: WorkspaceOverridesService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: "The workspace's own lexicon and tightening, with the version in force today" })
  @ApiOkResponse({ type: OverrideListDto })
  list(@CurrentMember() member: WorkspaceMember, @Query() query: OverrideListQueryDto): Promise<OverrideListDto> {
    return this.overrides.list(member.workspaceId, query.retired === 'true', this.clock.now());
  }

  @Get(':id')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'One override (retired ones included)' })
  @ApiOkResponse({ type: OverrideDto })
  @ApiNotFoundResponse({ description: 'No such override in this workspace' })
  get(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('override')) id: string,
  ): Promise<OverrideDto> {
    return this.overrides.get(member.workspaceId, id);
  }

  @Post()
  @Roles(...OVERRIDE_WRITERS)
  @ApiOperation({
    summary:
      'Add a banned or review-triggering phrase, a stricter severity for a pack rule, or an extra stage; it can only tighten',
  })
  @ApiCreatedResponse({ type: OverrideDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: fields of the wrong shape' })
  @ApiUnprocessableEntityResponse({ description: INVALID })
  create(@CurrentMember() member: WorkspaceMember, @Body() dto: CreateOverrideDto): Promise<OverrideDto> {
    return this.overrides.create(member, dto, this.clock.now());
  }

  @Patch(':id')
  @Roles(...OVERRIDE_WRITERS)
  @ApiOperation({
    summary: 'Change an override; its version rises and the change is audited with the old and new values',
  })
  @ApiOkResponse({ type: OverrideDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: fields of the wrong shape' })
  @ApiNotFoundResponse({ description: 'No such override in this workspace' })
  @ApiUnprocessableEntityResponse({ description: `${INVALID}; OVERRIDE_RETIRED` })
  update(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('override')) id: string,
    @Body() dto: UpdateOverrideDto,
  ): Promise<OverrideDto> {
    return this.overrides.update(member, id, dto, this.clock.now());
  }

  @Delete(':id')
  @Roles(...OVERRIDE_WRITERS)
  @HttpCode(204)
  @ApiOperation({ summary: 'Retire an override from now on; the row and its history stay' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such override in this workspace' })
  retire(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('override')) id: string,
  ): Promise<void> {
    return this.overrides.retire(member, id, this.clock.now());
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { Actor, WorkspaceMember } from '../common/domain/actor';
import { CurrentActor, CurrentMember, PeopleOnly, Roles } from './access.decorators';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, CreateWorkspaceDto, WorkspaceDto } from './dto/identity.dto';
import { WorkspacesService } from './workspaces.service';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post()
  @PeopleOnly()
  @ApiForbiddenResponse({
    description: 'API_KEY_NOT_ALLOWED: API keys never manage keys or workspaces; FORBIDDEN_ROLE',
  })
  @ApiOperation({ summary: 'Open a workspace (caller must be an admin of some workspace)' })
  @ApiCreatedResponse({ type: WorkspaceDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWorkspaceDto): Promise<WorkspaceDto> {
    return this.workspaces.createWorkspace(actor, dto.name);
  }

  @Post(':workspaceId/api-keys')
  @Roles('admin')
  @PeopleOnly()
  @ApiForbiddenResponse({
    description: 'API_KEY_NOT_ALLOWED: API keys never manage keys or workspaces; FORBIDDEN_ROLE',
  })
  @ApiOperation({ summary: 'Create an API key; the key is shown once' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  createApiKey(@CurrentMember() member: WorkspaceMember, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.workspaces.createApiKey(member, dto);
  }

  @Get(':workspaceId/api-keys')
  @Roles('admin')
  @PeopleOnly()
  @ApiForbiddenResponse({
    description: 'API_KEY_NOT_ALLOWED: API keys never manage keys or workspaces; FORBIDDEN_ROLE',
  })
  @ApiOperation({ summary: 'List API keys (never the keys themselves)' })
  @ApiOkResponse({ type: [ApiKeyDto] })
  listApiKeys(@CurrentMember() member: WorkspaceMember): Promise<ApiKeyDto[]> {
    return this.workspaces.listApiKeys(member.workspaceId);
  }

  @Delete(':workspaceId/api-keys/:id')
  @Roles('admin')
  @PeopleOnly()
  @ApiForbiddenResponse({
    description: 'API_KEY_NOT_ALLOWED: API keys never manage keys or workspaces; FORBIDDEN_ROLE',
  })
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiNoContentResponse()
  revokeApiKey(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('apiKey')) id: string,
  ): Promise<void> {
    return this.workspaces.revokeApiKey(member, id);
  }
}

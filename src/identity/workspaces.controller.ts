import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { Actor, WorkspaceMember } from './actor';
import { CurrentActor, CurrentMember, Roles } from './access.decorators';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, CreateMemberDto, CreateWorkspaceDto, MemberDto, WorkspaceDto } from './dto/identity.dto';
import { WorkspacesService } from './workspaces.service';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post()
  @ApiOperation({ summary: 'Open a workspace (caller must be an admin of some workspace)' })
  @ApiCreatedResponse({ type: WorkspaceDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWorkspaceDto): Promise<WorkspaceDto> {
    return this.workspaces.createWorkspace(actor, dto.name);
  }

  @Post(':workspaceId/members')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a member with roles (creates the user if the e-mail is new)' })
  @ApiCreatedResponse({ type: MemberDto })
  addMember(@CurrentMember() member: WorkspaceMember, @Body() dto: CreateMemberDto): Promise<MemberDto> {
    return this.workspaces.addMember(member, dto);
  }

  @Get(':workspaceId/members')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'List the members and their roles' })
  @ApiOkResponse({ type: [MemberDto] })
  listMembers(@CurrentMember() member: WorkspaceMember): Promise<MemberDto[]> {
    return this.workspaces.listMembers(member.workspaceId);
  }

  @Post(':workspaceId/api-keys')
  @Roles('admin')
  @ApiOperation({ summary: 'Create an API key; the key is shown once' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  createApiKey(@CurrentMember() member: WorkspaceMember, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.workspaces.createApiKey(member, dto);
  }

  @Get(':workspaceId/api-keys')
  @Roles('admin')
  @ApiOperation({ summary: 'List API keys (never the keys themselves)' })
  @ApiOkResponse({ type: [ApiKeyDto] })
  listApiKeys(@CurrentMember() member: WorkspaceMember): Promise<ApiKeyDto[]> {
    return this.workspaces.listApiKeys(member.workspaceId);
  }

  @Delete(':workspaceId/api-keys/:id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiNoContentResponse()
  revokeApiKey(@CurrentMember() member: WorkspaceMember, @Param('id', new ParseIdPipe('apiKey')) id: string): Promise<void> {
    return this.workspaces.revokeApiKey(member, id);
  }
}

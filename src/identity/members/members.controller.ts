import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ParseIdPipe } from '../../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../../common/domain/actor';
import { CurrentMember, PeopleOnly, Roles } from '../access.decorators';
import {
  CreatedInvitationDto,
  CreateMemberDto,
  InvitationDto,
  MemberDto,
  MemberPageDto,
  UpdateMemberDto,
} from '../dto/members.dto';
import { READ_ROLES } from '../roles';
import { InvitationsService } from './invitations.service';
import { MembersService } from './members.service';

const KEYS_REFUSED = 'API_KEY_NOT_ALLOWED (API keys never manage people), or FORBIDDEN_ROLE';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Post('members')
  @Roles('admin')
  @PeopleOnly()
  @ApiOperation({
    summary: 'Invite a member: returns a single-use token and link, shown once',
    description:
      'The answer is the same whether or not the e-mail has an account; nothing of the invitee is shown until they accept.',
  })
  @ApiCreatedResponse({ type: CreatedInvitationDto })
  @ApiForbiddenResponse({ description: KEYS_REFUSED })
  @ApiConflictResponse({ description: 'MEMBER_EXISTS: the e-mail is already a member of this workspace' })
  invite(@CurrentMember() member: WorkspaceMember, @Body() dto: CreateMemberDto): Promise<CreatedInvitationDto> {
    return this.invitations.create(member, dto);
  }

  @Get('members')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'The members, their names and roles (every member may read it)' })
  @ApiOkResponse({ type: MemberPageDto })
  list(@CurrentMember() member: WorkspaceMember): Promise<MemberPageDto> {
    return this.members.list(member.workspaceId);
  }

  @Patch('members/:userId')
  @Roles('admin')
  @PeopleOnly()
  @ApiOperation({
    summary: "Replace a member's roles (new roles are recorded as grants by you); takes effect on the next request",
  })
  @ApiOkResponse({ type: MemberDto })
  @ApiForbiddenResponse({ description: KEYS_REFUSED })
  @ApiNotFoundResponse({ description: 'No such member in this workspace' })
  @ApiUnprocessableEntityResponse({ description: 'LAST_ADMIN: the workspace would have no admin left' })
  update(
    @CurrentMember() member: WorkspaceMember,
    @Param('userId', new ParseIdPipe('member')) userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberDto> {
    return this.members.update(member, userId, dto);
  }

  @Delete('members/:userId')
  @Roles('admin')
  @PeopleOnly()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member; their logins stop opening this workspace at once, on every instance' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: KEYS_REFUSED })
  @ApiNotFoundResponse({ description: 'No such member in this workspace' })
  @ApiUnprocessableEntityResponse({ description: 'LAST_ADMIN: the workspace would have no admin left' })
  remove(
    @CurrentMember() member: WorkspaceMember,
    @Param('userId', new ParseIdPipe('member')) userId: string,
  ): Promise<void> {
    return this.members.remove(member, userId);
  }

  @Get('invitations')
  @Roles('admin')
  @PeopleOnly()
  @ApiOperation({ summary: 'Invitations of this workspace, newest first (never their tokens)' })
  @ApiOkResponse({ type: [InvitationDto] })
  @ApiForbiddenResponse({ description: KEYS_REFUSED })
  listInvitations(@CurrentMember() member: WorkspaceMember): Promise<InvitationDto[]> {
    return this.invitations.list(member.workspaceId);
  }

  @Delete('invitations/:id')
  @Roles('admin')
  @PeopleOnly()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a pending invitation; its link stops working' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: KEYS_REFUSED })
  @ApiNotFoundResponse({ description: 'No pending invitation with this id in this workspace' })
  revokeInvitation(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('invitation')) id: string,
  ): Promise<void> {
    return this.invitations.revoke(member, id);
  }
}

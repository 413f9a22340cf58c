import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ParseIdPipe } from '../../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../../common/domain/actor';
import { CurrentMember, PeopleOnly, Roles } from '../access.decorators';
import { SecondFactorPolicyDto, SecondFactorResetDto } from './second-factor.dto';
import { SecondFactorAdminService } from './second-factor-admin.service';

const REFUSED = 'API_KEY_NOT_ALLOWED or FORBIDDEN_ROLE (admins only)';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId')
@Roles('admin')
@PeopleOnly()
export class SecondFactorAdminController {
  constructor(private readonly admin: SecondFactorAdminService) {}

  @Get('second-factor-policy')
  @ApiOperation({ summary: 'Whether the workspace requires a second factor for password sign-in' })
  @ApiOkResponse({ type: SecondFactorPolicyDto })
  @ApiForbiddenResponse({ description: REFUSED })
  policy(@CurrentMember() member: WorkspaceMember): Promise<SecondFactorPolicyDto> {
    return this.admin.policy(member.workspaceId);
  }

  @Put('second-factor-policy')
  @ApiOperation({
    summary:
      'Require a second factor (password members without one are signed out and must enrol), or stop requiring it',
  })
  @ApiOkResponse({ type: SecondFactorPolicyDto })
  @ApiForbiddenResponse({ description: REFUSED })
  setPolicy(
    @CurrentMember() member: WorkspaceMember,
    @Body() dto: SecondFactorPolicyDto,
  ): Promise<SecondFactorPolicyDto> {
    return this.admin.setPolicy(member, dto.secondFactorRequired);
  }

  @Get('second-factor-resets')
  @ApiOperation({ summary: 'Resets of members’ second factors, newest first' })
  @ApiOkResponse({ type: [SecondFactorResetDto] })
  @ApiForbiddenResponse({ description: REFUSED })
  resets(@CurrentMember() member: WorkspaceMember): Promise<SecondFactorResetDto[]> {
    return this.admin.listResets(member.workspaceId);
  }

  @Post('members/:userId/second-factor-reset')
  @ApiOperation({
    summary: "Ask for a reset of a member's second factor; another admin must confirm it within 24 hours",
  })
  @ApiCreatedResponse({ type: SecondFactorResetDto })
  @ApiForbiddenResponse({ description: REFUSED })
  requestReset(
    @CurrentMember() member: WorkspaceMember,
    @Param('userId', new ParseIdPipe('member')) userId: string,
  ): Promise<SecondFactorResetDto> {
    return this.admin.requestReset(member, userId);
  }

  @Post('second-factor-resets/:id/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm a reset as a second admin: the factor is removed and the member signed out everywhere',
  })
  @ApiOkResponse({ type: SecondFactorResetDto })
  @ApiForbiddenResponse({
    description: 'SECOND_ADMIN_REQUIRED: the admin who asked (or the member) cannot confirm; or ' + REFUSED,
  })
  @ApiConflictResponse({ description: 'SECOND_FACTOR_RESET_CLOSED: already confirmed or expired' })
  confirmReset(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('secondFactorReset')) id: string,
  ): Promise<SecondFactorResetDto> {
    return this.admin.confirmReset(member, id);
  }
}

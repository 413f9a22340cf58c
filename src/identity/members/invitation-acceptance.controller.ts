import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../access.decorators';
import { LoginResponseDto } from '../dto/identity.dto';
import { AcceptInvitationDto } from '../dto/members.dto';
import { RequestCaller } from '../guards/request-caller';
import { clientAddress } from '../login/client-address';
import { InvitationsService } from './invitations.service';

@ApiTags('identity')
@Controller('invitations')
export class InvitationAcceptanceController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly caller: RequestCaller,
  ) {}

  /**
   * Public: the token is the credential. A bearer or the browser's session, when sent, identifies
   * an existing account (which then need not give its password).
   */
  @Post('accept')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an invitation; answers like a login',
    description:
      'A new account gives its name and password (the inviter never sets it). An existing account is signed in ' +
      '(Authorization header, or the web app session cookie with its CSRF header) or gives its current password.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ description: 'Malformed body, or name/password missing for a new account' })
  @ApiUnauthorizedResponse({
    description: 'Existing account: sign in or give your password (or the password is wrong)',
  })
  @ApiForbiddenResponse({ description: 'INVITATION_OTHER_ACCOUNT: signed in as someone other than the invitee' })
  @ApiConflictResponse({ description: 'MEMBER_EXISTS' })
  @ApiUnprocessableEntityResponse({
    description: 'INVITATION_INVALID (unknown, used, revoked or expired), WEAK_PASSWORD',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many failed password checks' })
  async accept(@Req() req: Request, @Body() dto: AcceptInvitationDto): Promise<LoginResponseDto> {
    const signedIn = await this.caller.of(req);
    return this.invitations.accept(dto, { signedIn, clientAddress: clientAddress(req) });
  }
}

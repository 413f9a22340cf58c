import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../access.decorators';
import { LoginDto } from '../dto/identity.dto';
import { clientAddress } from '../login/client-address';
import { PasswordSignInService } from '../sign-in/password-sign-in.service';
import { readSessionCookie } from './session-cookie';
import { SecondFactorAnswerDto, SecondFactorChallengeDto, SessionDto } from './session.dto';
import { SessionService } from './session.service';

/** Sign-in for the web app: the token travels in an httpOnly cookie instead of the response body. */
@ApiTags('identity')
@ApiExtraModels(SessionDto, SecondFactorChallengeDto)
@Controller('auth/session')
export class SessionController {
  constructor(
    private readonly sessions: SessionService,
    private readonly signIn: PasswordSignInService,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign a browser in: sets the httpOnly session cookie and returns the CSRF token, or a second-factor challenge (no cookie yet)',
  })
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(SessionDto) }, { $ref: getSchemaPath(SecondFactorChallengeDto) }] },
  })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password' })
  @ApiForbiddenResponse({
    description: 'PASSWORD_SIGN_IN_DISABLED: a workspace of the account signs in through its identity provider only',
  })
  @ApiTooManyRequestsResponse({
    description: 'RATE_LIMITED: too many failed logins from this address or for this account',
  })
  async open(
    @Req() req: Request,
    @Body() dto: LoginDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionDto | SecondFactorChallengeDto> {
    const result = await this.signIn.signIn(dto.email, dto.password, clientAddress(req));
    if (result.kind === 'challenge') return { secondFactorRequired: true, challengeToken: result.challengeToken };
    const { session, cookie } = this.sessions.fromLogin(result.login, result.mustEnrol);
    res.setHeader('Set-Cookie', cookie);
    return session;
  }

  @Post('second-factor')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Second step of a browser sign-in: the challenge and a TOTP or recovery code; sets the session cookie',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'Wrong or used code, or an expired challenge' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many wrong codes' })
  async secondFactor(
    @Req() req: Request,
    @Body() dto: SecondFactorAnswerDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionDto> {
    const login = await this.signIn.completeChallenge(dto.challengeToken, dto.code, clientAddress(req));
    const { session, cookie } = this.sessions.fromLogin(login);
    res.setHeader('Set-Cookie', cookie);
    return session;
  }

  @Get()
  @Public()
  @ApiOperation({ summary: "The browser's current session (from its cookie), with a fresh copy of the CSRF token" })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'No session cookie, or an expired or revoked one' })
  describe(@Req() req: Request): Promise<SessionDto> {
    return this.sessions.describe(readSessionCookie(req.headers));
  }

  @Delete()
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: "Sign the browser out: revokes the user's login tokens (as POST /auth/logout) and clears the cookie",
  })
  @ApiNoContentResponse({ description: 'The cookie is cleared' })
  async close(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.close(readSessionCookie(req.headers));
    res.setHeader('Set-Cookie', this.sessions.closingCookie());
  }
}

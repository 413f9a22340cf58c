import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../access.decorators';
import { LoginDto } from '../dto/identity.dto';
import { clientAddress } from '../login/client-address';
import { readSessionCookie } from './session-cookie';
import { SessionDto } from './session.dto';
import { SessionService } from './session.service';

/** Sign-in for the web app: the token travels in an httpOnly cookie instead of the response body. */
@ApiTags('identity')
@Controller('auth/session')
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign a browser in: sets the httpOnly session cookie and returns the CSRF token' })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many failed logins from this address or for this account' })
  async open(@Req() req: Request, @Body() dto: LoginDto, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const { session, cookie } = await this.sessions.open(dto.email, dto.password, clientAddress(req));
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
  @ApiOperation({ summary: "Sign the browser out: revokes the user's login tokens (as POST /auth/logout) and clears the cookie" })
  @ApiNoContentResponse({ description: 'The cookie is cleared' })
  async close(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.close(readSessionCookie(req.headers));
    res.setHeader('Set-Cookie', this.sessions.closingCookie());
  }
}

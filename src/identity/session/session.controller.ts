import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../access.decorators';
import { LoginDto } from '../dto/identity.dto';
import { LoginThrottlerGuard } from '../throttling/login-throttler.guard';
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
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign a browser in: sets the httpOnly session cookie and returns the CSRF token' })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this address and e-mail' })
  async open(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const { session, cookie } = await this.sessions.open(dto.email, dto.password);
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
  @ApiOperation({ summary: 'Sign the browser out: clears the session cookie' })
  @ApiNoContentResponse({ description: 'The cookie is cleared' })
  close(@Res({ passthrough: true }) res: Response): void {
    res.setHeader('Set-Cookie', this.sessions.closingCookie());
  }
}

import { Body, Controller, Delete, Get, HttpCode, Inject, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError, NotFoundError } from '../../common/errors/app-error';
import type { AppConfig } from '../../config/app-config';
import type { WorkspaceMember } from '../../common/domain/actor';
import { CurrentMember, PeopleOnly, Public, Roles } from '../access.decorators';
import { SessionService } from '../session/session.service';
import { AuthService } from '../auth.service';
import { SsoConfigService } from './sso-config.service';
import { SSO_BROWSER_COOKIE, SsoSignInService } from './sso-sign-in.service';
import { PutSsoConfigDto, SsoCallbackQueryDto, SsoConfigDto, SsoStartQueryDto } from './sso.dto';
import { APP_CONFIG } from '../../config/config.module';

/** The binding cookie must reach the callback, a top-level navigation from the provider: SameSite=Lax, not Strict. */
function browserCookie(value: string, maxAge: number, secure: boolean): string {
  return [
    `${SSO_BROWSER_COOKIE}=${value}`,
    'Path=/api/v1/auth/sso',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAge}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

function readBrowserCookie(req: Request): string | undefined {
  const header = req.headers.cookie ?? '';
  const match = new RegExp(`(?:^|;\\s*)${SSO_BROWSER_COOKIE}=([A-Za-z0-9_-]+)`).exec(header);
  return match?.[1];
}

@ApiTags('identity')
@Controller()
export class SsoController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly configs: SsoConfigService,
    private readonly signIn: SsoSignInService,
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  @Get('auth/sso/start')
  @Public()
  @ApiOperation({
    summary: "Start single sign-on: redirects to the workspace's identity provider (by SSO slug or e-mail domain)",
  })
  @ApiFoundResponse({
    description:
      'To the identity provider, setting a short-lived httpOnly cookie that ties the sign-in to this browser; or to /?ssoError=SSO_NOT_CONFIGURED',
  })
  async start(@Query() query: SsoStartQueryDto, @Res() res: Response): Promise<void> {
    try {
      const started = await this.signIn.start(query);
      res.setHeader('Set-Cookie', browserCookie(started.browserCookie, 600, this.secure));
      res.redirect(302, started.authorizationUrl);
    } catch (error) {
      // A person followed a link: the sign-in page explains, rather than a JSON error.
      if (!(error instanceof AppError)) throw error;
      res.redirect(
        302,
        `/?ssoError=${encodeURIComponent(error instanceof NotFoundError ? 'SSO_NOT_CONFIGURED' : error.code)}`,
      );
    }
  }

  @Get('auth/sso/callback')
  @Public()
  @ApiOperation({
    summary:
      'Where the identity provider returns: checks state, nonce and ID token, opens the browser session, redirects to the web app',
  })
  @ApiFoundResponse({ description: 'To / with the session cookie, or to /?ssoError=<CODE>' })
  async callback(@Req() req: Request, @Query() query: SsoCallbackQueryDto, @Res() res: Response): Promise<void> {
    const cookies = [browserCookie('', 0, this.secure)];
    try {
      const user = await this.signIn.finish({ ...query }, readBrowserCookie(req));
      const { cookie } = this.sessions.fromLogin(await this.auth.issueLogin(user));
      res.setHeader('Set-Cookie', [...cookies, cookie]);
      res.redirect(302, '/');
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      res.setHeader('Set-Cookie', cookies);
      res.redirect(302, `/?ssoError=${encodeURIComponent(error.code)}`);
    }
  }

  @Get('workspaces/:workspaceId/sso')
  @Roles('admin')
  @PeopleOnly()
  @ApiBearerAuth()
  @ApiOperation({ summary: "The workspace's single sign-on settings (never the client secret)" })
  @ApiOkResponse({ type: SsoConfigDto })
  @ApiForbiddenResponse({ description: 'API_KEY_NOT_ALLOWED or FORBIDDEN_ROLE (admins only)' })
  get(@CurrentMember() member: WorkspaceMember): Promise<SsoConfigDto> {
    return this.configs.get(member.workspaceId);
  }

  @Put('workspaces/:workspaceId/sso')
  @Roles('admin')
  @PeopleOnly()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Set single sign-on: identity provider, allowed e-mail domains, group to role mapping, password sign-in on or off (audited)',
  })
  @ApiOkResponse({ type: SsoConfigDto })
  @ApiForbiddenResponse({ description: 'API_KEY_NOT_ALLOWED or FORBIDDEN_ROLE (admins only)' })
  put(@CurrentMember() member: WorkspaceMember, @Body() dto: PutSsoConfigDto): Promise<SsoConfigDto> {
    return this.configs.put(member, dto);
  }

  @Delete('workspaces/:workspaceId/sso')
  @Roles('admin')
  @PeopleOnly()
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove single sign-on (password sign-in works again)' })
  @ApiNoContentResponse()
  remove(@CurrentMember() member: WorkspaceMember): Promise<void> {
    return this.configs.remove(member);
  }

  private get secure(): boolean {
    return this.config.NODE_ENV === 'production';
  }
}

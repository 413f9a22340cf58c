import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiFoundResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ParseIdPipe } from '../../common/http/parse-id.pipe';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { WorkspaceMember } from '../../common/domain/actor';
import { CurrentMember, Public, Roles } from '../../identity/access.decorators';
import { AuthService } from '../../identity/auth.service';
import { bearerToken } from '../../identity/guards/request-caller';
import { readSessionCookie } from '../../identity/session/session-cookie';
import { ChannelDto } from '../dto/channel.dto';
import { bindingCookieHeader, readBindingCookie } from './binding-cookie';
import { ChooseAccountDto, ConnectChannelDto, ConnectStartedDto, PendingConnectionDto } from './connect.dto';
import { ConnectFlowService, type CallbackResult } from './connect-flow.service';
import { ConnectionWriter } from './connection-writer';
import { OAUTH_PROVIDERS, type OAuthProvider } from './oauth-networks';

@ApiTags('publishing')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/channels')
export class ConnectionsController {
  constructor(
    private readonly flow: ConnectFlowService,
    private readonly writer: ConnectionWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('connect')
  @HttpCode(200)
  @Roles('publisher', 'admin')
  @ApiOperation({
    summary:
      "Start connecting a social account by OAuth: returns the network's authorisation URL and sets a short-lived browser-binding cookie; connecting a brand's channel again reconnects the same target",
  })
  @ApiOkResponse({ type: ConnectStartedDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: names every bad field' })
  @ApiNotFoundResponse({ description: 'No such brand in this workspace' })
  @ApiUnprocessableEntityResponse({
    description:
      'CHANNEL_NETWORK_MISMATCH, or NETWORK_NOT_CONFIGURED (the OAuth client id/secret env vars are not set)',
  })
  async connect(
    @CurrentMember() member: WorkspaceMember,
    @Body() dto: ConnectChannelDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConnectStartedDto> {
    const { started, binding } = await this.flow.start(member, dto, readBindingCookie(req.headers));
    res.setHeader('Set-Cookie', bindingCookieHeader(binding, this.config.publicUrl.startsWith('https:')));
    return started;
  }

  @Get('connections/:id')
  @Roles('publisher', 'admin')
  @ApiOperation({ summary: 'The accounts a connection under way may publish as (only for the member who started it)' })
  @ApiOkResponse({ type: PendingConnectionDto })
  @ApiNotFoundResponse({ description: 'No such connection awaiting a choice, expired, or started by someone else' })
  pending(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('connection')) id: string,
  ): Promise<PendingConnectionDto> {
    return this.writer.pending(member, id);
  }

  @Post('connections/:id')
  @Roles('publisher', 'admin')
  @ApiOperation({ summary: 'Connect the chosen account: creates the target or reconnects the existing one' })
  @ApiOkResponse({ type: ChannelDto })
  @ApiNotFoundResponse({ description: 'No such connection awaiting a choice, expired, or started by someone else' })
  @ApiUnprocessableEntityResponse({ description: 'OAUTH_ACCOUNT_NOT_OFFERED' })
  @HttpCode(200)
  choose(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('connection')) id: string,
    @Body() dto: ChooseAccountDto,
  ): Promise<ChannelDto> {
    return this.writer.choose(member, id, dto.accountId);
  }
}

/** Where the networks send the member's browser back. */
@ApiTags('publishing')
@Controller('oauth')
export class OAuthCallbackController {
  constructor(
    private readonly flow: ConnectFlowService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':network/callback')
  @Public()
  @ApiOperation({
    summary:
      "The OAuth redirect URI (`code`, `state`, or `error`): finishes the connection and redirects to the web app's /channels page with `connect=connected|choose|error` and a code; never shows a token",
  })
  @ApiParam({ name: 'network', enum: OAUTH_PROVIDERS })
  @ApiFoundResponse({ description: 'Redirect to /channels with the result' })
  async callback(@Param('network') network: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const result: CallbackResult = (OAUTH_PROVIDERS as readonly string[]).includes(network)
      ? await this.flow.callback({
          provider: network as OAuthProvider,
          query: new URLSearchParams(req.originalUrl.split('?')[1] ?? ''),
          binding: readBindingCookie(req.headers),
          actor: await this.caller(req),
        })
      : { result: 'error', code: 'OAUTH_STATE_INVALID' };
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, channelsPageUrl(this.config.publicUrl, result));
  }

  /** Credentials, if the request carries any that are valid; the redirect from a network usually carries none. */
  private async caller(req: Request): Promise<Awaited<ReturnType<AuthService['authenticateToken']>>> {
    const token = bearerToken(req) ?? readSessionCookie(req.headers);
    return token ? this.auth.authenticateToken(token) : null;
  }
}

export function channelsPageUrl(publicUrl: string, result: CallbackResult): string {
  const url = new URL(`${publicUrl}/channels`);
  url.searchParams.set('connect', result.result);
  if (result.result === 'connected') url.searchParams.set('channel', result.channelId);
  if (result.result === 'choose') {
    url.searchParams.set('connection', result.connectionId);
    url.searchParams.set('workspace', result.workspaceId);
  }
  if (result.result === 'error') url.searchParams.set('code', result.code);
  return url.toString();
}

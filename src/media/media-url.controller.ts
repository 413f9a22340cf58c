import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../identity/access.decorators';
import { sendMedia } from './media-response';
import { MediaUrls } from './media-urls.service';
import { MediaService } from './media.service';
import { NotFoundError } from '../common/errors/app-error';
import { Clock } from '../common/clock/clock';

@ApiTags('media')
@Controller()
export class MediaUrlController {
  constructor(
    private readonly clock: Clock,
    private readonly media: MediaService,
    private readonly urls: MediaUrls,
  ) {}

  /**
   * A signed media URL (handed to networks that fetch media themselves, e.g. Instagram). No
   * login: the token is the permission. An expired, altered or unknown token is a plain 404
   * that does not say which, so the URL space cannot be probed.
   */
  @Get('media/:token')
  @Public()
  @ApiProduces('image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/quicktime')
  @ApiOperation({ summary: 'The bytes behind a short-lived signed media URL (no login)' })
  @ApiOkResponse({ description: 'The file; `X-Content-Type-Options: nosniff`' })
  @ApiNotFoundResponse({ description: 'Expired, altered or unknown token' })
  async fetch(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const claims = this.urls.verify(token);
    if (!claims) throw new NotFoundError('media');
    const found = await this.media.content(claims.workspaceId, claims.sha256).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (!found) throw new NotFoundError('media');
    const remaining = Math.max(0, claims.expiresAt - Math.floor(this.clock.now().getTime() / 1000));
    // Shared caches may keep it no longer than the token lives.
    sendMedia(res, found.media, found.bytes, `public, max-age=${Math.min(remaining, 300)}`);
  }
}

import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { NotFoundError } from '../common/errors/app-error';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Public, Roles } from '../identity/access.decorators';
import { READ_ROLES } from '../identity/roles';
import { CreatedFeedDto, CreateFeedDto, FeedDto } from './dto/feed.dto';
import { FeedsService } from './feeds.service';
import { ICS_CONTENT_TYPE, isNotModified } from './ics';

const TOKEN_FILE = /^([A-Za-z0-9_-]{22,128})\.ics$/;

@ApiTags('feeds')
@Controller()
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Post('workspaces/:workspaceId/feeds')
  @ApiBearerAuth()
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Create a calendar feed of your view; the URL (with its token) is shown once' })
  @ApiCreatedResponse({ type: CreatedFeedDto })
  create(@CurrentMember() member: WorkspaceMember, @Body() dto: CreateFeedDto): Promise<CreatedFeedDto> {
    return this.feeds.create(member, dto);
  }

  @Get('workspaces/:workspaceId/feeds')
  @ApiBearerAuth()
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Your feeds (an admin sees every feed of the workspace); never the tokens' })
  @ApiOkResponse({ type: [FeedDto] })
  list(@CurrentMember() member: WorkspaceMember): Promise<FeedDto[]> {
    return this.feeds.list(member);
  }

  @Delete('workspaces/:workspaceId/feeds/:id')
  @ApiBearerAuth()
  @Roles(...READ_ROLES)
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a feed (its owner or an admin); the URL then answers 404' })
  @ApiNoContentResponse()
  revoke(@CurrentMember() member: WorkspaceMember, @Param('id', new ParseIdPipe('feed')) id: string): Promise<void> {
    return this.feeds.revoke(member, id);
  }

  /**
   * The subscription URL. No auth but the token in the path, no cookies, no redirects, no
   * rate limit (calendar servers poll from shared addresses); HEAD is served by Express
   * from this GET without the body.
   */
  @Get('feeds/:file')
  @Public()
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary: 'The iCalendar feed behind a token (`<token>.ics`); 304 on a matching If-None-Match or If-Modified-Since',
  })
  @ApiOkResponse({ description: 'text/calendar; charset=utf-8, with a strong ETag and Last-Modified' })
  @ApiNotFoundResponse({ description: 'Unknown or revoked token' })
  async feed(
    @Param('file') file: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('if-modified-since') ifModifiedSince: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const token = TOKEN_FILE.exec(file)?.[1];
    if (!token) throw new NotFoundError('feed', 'token');
    const rendered = await this.feeds.render(token);
    res.setHeader('ETag', rendered.etag);
    res.setHeader('Last-Modified', rendered.lastModified.toUTCString());
    res.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
    if (isNotModified({ ifNoneMatch, ifModifiedSince }, rendered)) {
      res.status(304).end();
      return;
    }
    res.status(200).type(ICS_CONTENT_TYPE).setHeader('Content-Type', ICS_CONTENT_TYPE);
    res.end(rendered.bytes);
  }
}

import { Controller, Get, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { READ_ROLES } from '../identity/roles';
import { MediaDto, MediaUploadDto } from './dto/media.dto';
import { sendMedia } from './media-response';
import { MediaUploadInterceptor } from './media-upload.interceptor';
import { MediaService, type UploadedPart } from './media.service';

@ApiTags('media')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  // Whoever may write a post may attach an image to it.
  @Roles('marketer', 'admin')
  @UseInterceptors(MediaUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: MediaUploadDto })
  @ApiOperation({
    summary:
      'Upload an image or video (multipart, one part named `file`); its type is read from the content; the same bytes twice give the same id',
  })
  @ApiCreatedResponse({ type: MediaDto })
  upload(@CurrentMember() member: WorkspaceMember, @UploadedFile() file: UploadedPart | undefined): Promise<MediaDto> {
    return this.media.upload(member, file);
  }

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: "The workspace's uploads, newest first (the latest 200)" })
  @ApiOkResponse({ type: [MediaDto] })
  list(@CurrentMember() member: WorkspaceMember): Promise<MediaDto[]> {
    return this.media.list(member.workspaceId);
  }

  @Get(':id')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: "One upload's metadata" })
  @ApiOkResponse({ type: MediaDto })
  @ApiNotFoundResponse({ description: 'No upload of this workspace has that id' })
  get(@CurrentMember() member: WorkspaceMember, @Param('id') id: string): Promise<MediaDto> {
    return this.media.get(member.workspaceId, id);
  }

  @Get(':id/content')
  @Roles(...READ_ROLES)
  @ApiProduces('image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/quicktime')
  @ApiOperation({ summary: 'The bytes, with the Content-Type read from them at upload' })
  @ApiOkResponse({ description: 'The file; `X-Content-Type-Options: nosniff`' })
  @ApiNotFoundResponse({ description: 'No upload of this workspace has that id' })
  async content(
    @CurrentMember() member: WorkspaceMember,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    const { media, bytes } = await this.media.content(member.workspaceId, id);
    sendMedia(res, media, bytes, 'private, max-age=300');
  }
}

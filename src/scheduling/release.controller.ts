import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { PostDto } from '../calendar/dto/post.dto';
import { DEFAULT_PAGE_SIZE, type Page } from '../common/http/pagination';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { READ_ROLES } from '../identity/roles';
import { PostPageDto, ReleaseDto, StoppedPostsQueryDto } from './dto/restriction.dto';
import { ReleaseService } from './release.service';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId')
export class ReleaseController {
  constructor(private readonly releases: ReleaseService) {}

  @Get('held')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'The backlog a publisher releases post by post: held (default), missed or failed posts' })
  @ApiOkResponse({ type: PostPageDto })
  held(@CurrentMember() member: WorkspaceMember, @Query() query: StoppedPostsQueryDto): Promise<Page<PostDto>> {
    return this.releases.stopped(
      member.workspaceId,
      query.status ?? 'held',
      query.limit ?? DEFAULT_PAGE_SIZE,
      query.cursor,
    );
  }

  @Post('posts/:id/release')
  @Roles('publisher', 'admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Put a held, missed or failed post back on the schedule: at its approved time if still ahead, else now',
    description: 'A different time is a reschedule (POST …/posts/:id/reschedule), not a release.',
  })
  @ApiOkResponse({ type: PostDto })
  @ApiConflictResponse({ description: '`revision` is not the current revision' })
  @ApiUnprocessableEntityResponse({
    description:
      'Not held, missed or failed (INVALID_TRANSITION); a pause in force (PAUSED); a blackout at that time (BLACKOUT)',
  })
  release(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('post')) id: string,
    @Body() dto: ReleaseDto,
  ): Promise<PostDto> {
    return this.releases.release(member, id, dto.revision);
  }
}

import { RequestLanguage } from '../i18n/request-language.decorator';
import type { Language } from '../i18n/i18n.service';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ParsePositiveIntPipe } from '../common/http/int32';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { READ_ROLES } from '../identity/roles';
import { CreatePostDto, DiffQueryDto, PostDto, RedlineDto, RevisionDto, UpdatePostDto } from './dto/post.dto';
import { PostListQueryDto, PostPageDto } from './dto/post-list.dto';
import { PostListService } from './post-list.service';
import { PostsService } from './posts.service';

@ApiTags('posts')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/posts')
export class PostsController {
  constructor(
    private readonly posts: PostsService,
    private readonly list: PostListService,
  ) {}

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Every post of the workspace, scheduled or not: filter, search title and body, sort, page' })
  @ApiOkResponse({ type: PostPageDto })
  find(@CurrentMember() member: WorkspaceMember, @Query() query: PostListQueryDto): Promise<PostPageDto> {
    return this.list.list(member, query);
  }

  @Post()
  @Roles('marketer', 'admin')
  @ApiOperation({ summary: 'Create a draft post (revision 1)' })
  @ApiCreatedResponse({ type: PostDto })
  create(@CurrentMember() member: WorkspaceMember, @Body() dto: CreatePostDto): Promise<PostDto> {
    return this.posts.create(member, dto);
  }

  @Get(':id')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'One post with its current revision' })
  @ApiOkResponse({ type: PostDto })
  get(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('post')) id: string,
    @RequestLanguage() lang: Language,
  ): Promise<PostDto> {
    return this.posts.get(member.workspaceId, id, lang);
  }

  @Patch(':id')
  @Roles('marketer', 'admin')
  @ApiOperation({ summary: 'Change a post: a new revision; voids approvals and takes it off the schedule' })
  @ApiOkResponse({ type: PostDto })
  @ApiConflictResponse({ description: '`revision` is not the current revision' })
  update(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('post')) id: string,
    @Body() dto: UpdatePostDto,
  ): Promise<PostDto> {
    return this.posts.update(member, id, dto);
  }

  @Delete(':id')
  @Roles('marketer', 'admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a draft that was never submitted (kept in the audit trail); a submitted post is withdrawn instead',
  })
  @ApiNoContentResponse({ description: 'Deleted: the post is gone from lists, the calendar and feeds' })
  @ApiConflictResponse({ description: 'POST_SUBMITTED: the post was submitted for review at some point' })
  remove(@CurrentMember() member: WorkspaceMember, @Param('id', new ParseIdPipe('post')) id: string): Promise<void> {
    return this.posts.remove(member, id);
  }

  @Get(':id/revisions')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Every revision of the post, oldest first' })
  @ApiOkResponse({ type: [RevisionDto] })
  revisions(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('post')) id: string,
  ): Promise<RevisionDto[]> {
    return this.posts.revisions(member.workspaceId, id);
  }

  @Get(':id/revisions/:n/diff')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'Redline of revision n against revision `against`: body word by word and changed fields' })
  @ApiOkResponse({ type: RedlineDto })
  diff(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('post')) id: string,
    @Param('n', new ParsePositiveIntPipe('n')) n: number,
    @Query() query: DiffQueryDto,
  ): Promise<RedlineDto> {
    return this.posts.diff(member.workspaceId, id, n, query.against);
  }
}

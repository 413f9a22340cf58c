import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { READ_ROLES } from '../identity/roles';
import { PostPublicationsDto } from './dto/publication.dto';
import { PublicationsService } from './publications.service';

@ApiTags('publishing')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/posts/:id/publications')
export class PublicationsController {
  constructor(private readonly publications: PublicationsService) {}

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({
    summary:
      'Per channel: the idempotency key, every attempt with its outcome, and the external id; what targets answered only for publishers and admins',
  })
  @ApiOkResponse({ type: PostPublicationsDto })
  list(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('post')) id: string,
  ): Promise<PostPublicationsDto> {
    return this.publications.forPost(member, id);
  }
}

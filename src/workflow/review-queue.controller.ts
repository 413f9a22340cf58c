import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { PageQueryDto } from '../common/http/pagination';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { ReviewQueueDto } from './dto/workflow.dto';
import { ReviewQueueService } from './review-queue.service';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/review-queue')
export class ReviewQueueController {
  constructor(private readonly reviews: ReviewQueueService) {}

  @Get()
  @Roles('reviewer', 'principal')
  @ApiOperation({
    summary:
      'Your open stages, earliest deadline first, with overdue flags and a redline of changes since you last decided',
  })
  @ApiOkResponse({ type: ReviewQueueDto })
  @ApiUnauthorizedResponse({ description: 'A queue belongs to a person, not an API key' })
  queue(@CurrentMember() member: WorkspaceMember, @Query() query: PageQueryDto): Promise<ReviewQueueDto> {
    return this.reviews.queue(member, query);
  }
}

import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { Language } from '../i18n/i18n.service';
import { RequestLanguage } from '../i18n/request-language.decorator';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { DecisionsService } from './decisions.service';
import {
  DecisionDto,
  RecordFilingDto,
  ReviewDto,
  ReviewQueryDto,
  SubmitPostDto,
  WithdrawPostDto,
  WorkflowPostDto,
} from './dto/workflow.dto';
import { FilingsService } from './filings.service';
import { ReviewQueueService } from './review-queue.service';
import { SubmissionsService } from './submissions.service';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/posts/:id')
export class PostWorkflowController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly decisions: DecisionsService,
    private readonly filings: FilingsService,
    private readonly reviews: ReviewQueueService,
  ) {}

  @Post('submit')
  @Roles('marketer', 'admin')
  @ApiOperation({
    summary: 'Submit the current revision for review: evaluates it and opens the stages its packs require',
  })
  @ApiCreatedResponse({
    type: WorkflowPostDto,
    description: 'The post in_review with its stages (approved at once when no stage is required)',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'SUBMISSION_REFUSED with the localized evaluation in details; BEFORE_FILING_WINDOW; INVALID_TRANSITION',
  })
  @ApiConflictResponse({ description: 'STALE_REVISION: `revision` is not the current one' })
  submit(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('post')) id: string,
    @Body() dto: SubmitPostDto,
    @RequestLanguage() lang: Language,
  ): Promise<WorkflowPostDto> {
    return this.submissions.submit(member, id, dto, lang);
  }

  @Post('decisions')
  @Roles('reviewer', 'principal')
  @ApiOperation({
    summary: 'Sign a stage of the current revision: approve, reject or request changes (a person, not an API key)',
  })
  @ApiCreatedResponse({
    type: WorkflowPostDto,
    description: 'The post with its stages; approved and scheduled when this was the last stage',
  })
  @ApiBadRequestResponse({ description: 'comment is missing for reject or request_changes' })
  @ApiUnauthorizedResponse({ description: 'An API key may not sign' })
  @ApiForbiddenResponse({ description: 'STAGE_ROLE_REQUIRED, AUTHOR_CANNOT_SIGN, ONE_STAGE_PER_PERSON' })
  @ApiConflictResponse({ description: 'STALE_REVISION, or STAGE_ALREADY_DECIDED (someone else signed it first)' })
  @ApiUnprocessableEntityResponse({ description: 'REVIEW_NOT_OPEN, STAGE_NOT_REQUIRED, STAGE_OUT_OF_ORDER' })
  decide(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('post')) id: string,
    @Body() dto: DecisionDto,
  ): Promise<WorkflowPostDto> {
    return this.decisions.decide(member, id, dto);
  }

  @Post('withdraw')
  @Roles('marketer', 'admin', 'publisher')
  @ApiOperation({ summary: 'Withdraw the post for good; open stages are closed' })
  @ApiCreatedResponse({ type: WorkflowPostDto })
  @ApiUnprocessableEntityResponse({ description: 'INVALID_TRANSITION (e.g. already published)' })
  withdraw(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('post')) id: string,
    @Body() dto: WithdrawPostDto,
  ): Promise<WorkflowPostDto> {
    return this.submissions.withdraw(member, id, dto);
  }

  @Post('filings')
  @Roles('reviewer', 'principal', 'admin')
  @ApiOperation({
    summary:
      'Record a regulator filing the packs require (pre-use: sets the earliest publication, N US business days later)',
  })
  @ApiCreatedResponse({
    type: WorkflowPostDto,
    description: 'The post with its filings; scheduled when the pre-use wait ends by its scheduled time',
  })
  @ApiConflictResponse({ description: 'FILING_ALREADY_RECORDED' })
  @ApiUnprocessableEntityResponse({
    description: 'FILING_NOT_REQUIRED, FILING_BEFORE_APPROVAL, FILING_BEFORE_USE, FILED_AT_IN_FUTURE',
  })
  recordFiling(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('post')) id: string,
    @Body() dto: RecordFilingDto,
  ): Promise<WorkflowPostDto> {
    return this.filings.record(member, id, dto);
  }

  @Get('review')
  @Roles('reviewer', 'principal', 'admin', 'auditor', 'marketer')
  @ApiOperation({
    summary:
      'The post as a reviewer sees it: stages, evaluation, earlier rounds and a redline since the revision you last decided on',
  })
  @ApiOkResponse({ type: ReviewDto })
  review(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('post')) id: string,
    @Query() query: ReviewQueryDto,
    @RequestLanguage() lang: Language,
  ): Promise<ReviewDto> {
    return this.reviews.review(member, id, query, lang);
  }
}

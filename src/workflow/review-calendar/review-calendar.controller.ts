import { Body, Controller, Get, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { WorkspaceMember } from '../../common/domain/actor';
import { CurrentMember, Roles } from '../../identity/access.decorators';
import { READ_ROLES } from '../../identity/roles';
import { PutReviewCalendarDto, ReviewCalendarDto } from './review-calendar.dto';
import { ReviewCalendarService } from './review-calendar.service';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/review-calendar')
export class ReviewCalendarController {
  constructor(private readonly calendars: ReviewCalendarService) {}

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: "The reviewers' working hours, days and public holidays that review deadlines fall in" })
  @ApiOkResponse({ type: ReviewCalendarDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such workspace, or not a member of it' })
  get(@CurrentMember() member: WorkspaceMember): Promise<ReviewCalendarDto> {
    return this.calendars.get(member.workspaceId);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Set the review calendar (admins); deadlines of reviews submitted from now on move to its previous working slot',
  })
  @ApiOkResponse({ type: ReviewCalendarDto })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED: every bad field, e.g. an unknown zone, end before start, an unknown holiday region',
  })
  @ApiForbiddenResponse({ description: 'FORBIDDEN_ROLE: only admins set the calendar' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such workspace, or not a member of it' })
  put(@CurrentMember() member: WorkspaceMember, @Body() dto: PutReviewCalendarDto): Promise<ReviewCalendarDto> {
    return this.calendars.put(member, dto);
  }
}

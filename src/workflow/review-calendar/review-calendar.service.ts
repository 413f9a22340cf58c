import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { type FieldProblem, ValidationFailedError } from '../../common/errors/validation-details';
import { actorLabel, type WorkspaceMember } from '../../common/domain/actor';
import { DEFAULT_WORKING_TIME, type WorkingTime } from '../domain/review-slots';
import { isHolidayRegion, publicHolidays } from './public-holidays';
import type { PutReviewCalendarDto, ReviewCalendarDto } from './review-calendar.dto';
import { ReviewCalendar } from './review-calendar.entity';

/** A workspace's review calendar: read by every member, set by admins, used for every review deadline. */
@Injectable()
export class ReviewCalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(workspaceId: string): Promise<ReviewCalendarDto> {
    return toDto(await this.dataSource.getRepository(ReviewCalendar).findOneBy({ workspaceId }));
  }

  /** Replaces the calendar; deadlines of reviews submitted from now on follow it. */
  async put(member: WorkspaceMember, dto: PutReviewCalendarDto): Promise<ReviewCalendarDto> {
    const problems: FieldProblem[] = [];
    if (dto.workingHours.end <= dto.workingHours.start) {
      problems.push({ field: 'workingHours.end', code: 'workingHours' });
    }
    if (dto.holidays && !isHolidayRegion(dto.holidays.country, dto.holidays.state ?? null)) {
      problems.push({
        field: 'holidays',
        code: 'holidayRegion',
        params: { value: [dto.holidays.country, dto.holidays.state].filter(Boolean).join('-') },
      });
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return this.dataSource.transaction(async (tx) => {
      const calendar = await tx.getRepository(ReviewCalendar).save({
        workspaceId: member.workspaceId,
        timezone: dto.timezone,
        workStartsAt: dto.workingHours.start,
        workEndsAt: dto.workingHours.end,
        workingDays: [...dto.workingDays].sort((a, b) => a - b),
        holidayCountry: dto.holidays?.country ?? null,
        holidayState: dto.holidays?.state ?? null,
        updatedBy: actorLabel(member.actor),
      });
      const saved = toDto(calendar);
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'review_calendar.updated',
          subject: `workspace:${member.workspaceId}`,
          data: {
            timezone: saved.timezone,
            workingHours: saved.workingHours,
            workingDays: saved.workingDays,
            holidays: saved.holidays,
          },
        },
        tx,
      );
      return saved;
    });
  }

  /** The working time that review deadlines of a post fall in; without a calendar, the post's zone. */
  async workingTime(manager: EntityManager, workspaceId: string, postTimezone: string): Promise<WorkingTime> {
    const calendar = await manager.getRepository(ReviewCalendar).findOneBy({ workspaceId });
    if (!calendar) return { ...DEFAULT_WORKING_TIME, timezone: postTimezone };
    return {
      timezone: calendar.timezone,
      start: calendar.workStartsAt,
      end: calendar.workEndsAt,
      workingDays: calendar.workingDays,
      isHoliday: calendar.holidayCountry ? publicHolidays(calendar.holidayCountry, calendar.holidayState) : () => false,
    };
  }
}

function toDto(calendar: ReviewCalendar | null): ReviewCalendarDto {
  if (!calendar) {
    return {
      configured: false,
      timezone: null,
      workingHours: { start: DEFAULT_WORKING_TIME.start, end: DEFAULT_WORKING_TIME.end },
      workingDays: [...DEFAULT_WORKING_TIME.workingDays],
      holidays: null,
      updatedAt: null,
    };
  }
  return {
    configured: true,
    timezone: calendar.timezone,
    workingHours: { start: calendar.workStartsAt, end: calendar.workEndsAt },
    workingDays: calendar.workingDays.map(Number),
    holidays: calendar.holidayCountry
      ? { country: calendar.holidayCountry, ...(calendar.holidayState ? { state: calendar.holidayState } : {}) }
      : null,
    updatedAt: calendar.updatedAt.toISOString(),
  };
}

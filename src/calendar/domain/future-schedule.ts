import { DomainRuleError } from '../../common/errors/app-error';

/**
 * A post is planned for a time still to come: a schedule already past when it is set, changed
 * or submitted would only ever be "missed". Enforced on create, on a change of time and on
 * submit; the stateless compliance check reads any time (the rules in force then).
 */
export function assertScheduledInFuture(scheduledAt: Date | null, now: Date): void {
  if (scheduledAt && scheduledAt.getTime() <= now.getTime()) {
    throw new DomainRuleError('SCHEDULED_IN_PAST', 'errors.scheduledInPast', {
      scheduledAt: scheduledAt.toISOString(),
      now: now.toISOString(),
    });
  }
}

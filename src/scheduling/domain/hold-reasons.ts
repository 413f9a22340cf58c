import type { Blackout } from '../entities/blackout.entity';
import type { Pause } from '../entities/pause.entity';

/**
 * The `statusReason` of a post that scheduling or publishing stopped: a stable `code` for
 * clients, an i18n key for people, and the facts behind it.
 */
export interface StatusReason extends Record<string, unknown> {
  code: string;
  messageKey: string;
}

export function pausedReason(
  pause: Pick<Pause, 'id' | 'reason' | 'brandId' | 'jurisdiction' | 'channel'>,
): StatusReason {
  return {
    code: 'paused',
    messageKey: 'publishing:reasons.paused',
    pauseId: pause.id,
    reason: pause.reason,
    scope: { brandId: pause.brandId, jurisdiction: pause.jurisdiction, channel: pause.channel },
  };
}

export function blackoutReason(
  blackout: Pick<Blackout, 'id' | 'reason' | 'startsAt' | 'endsAt' | 'brandId' | 'jurisdiction'>,
): StatusReason {
  return {
    code: 'blackout',
    messageKey: 'publishing:reasons.blackout',
    blackoutId: blackout.id,
    reason: blackout.reason,
    startsAt: blackout.startsAt.toISOString(),
    endsAt: blackout.endsAt.toISOString(),
    scope: { brandId: blackout.brandId, jurisdiction: blackout.jurisdiction },
  };
}

export function missedReason(dueAt: Date, minutesLate: number): StatusReason {
  return { code: 'missed', messageKey: 'publishing:reasons.missed', dueAt: dueAt.toISOString(), minutesLate };
}

import type { I18nService, Language } from '../../i18n/i18n.service';
import { type NotificationEvent, postPath } from '../notification-events';

export interface RenderedNotification {
  subject: string;
  body: string;
  action: string;
  url: string;
}

/** A hold reason code in words; codes without their own text read "other reasons". */
const KNOWN_REASONS = [
  'paused',
  'blackout',
  'missed',
  'review_deadline_passed',
  'approval_expired',
  'not_cleared',
  'not_cleared_for_publication',
  'needs_reconnect',
  'rule_change',
  'compliance',
  'content_mismatch',
];

/** One notification in the member's language, with the link to the post in the web app. */
export function renderNotification(
  i18n: I18nService,
  lang: Language,
  publicUrl: string,
  n: { event: NotificationEvent; postId: string | null; params: Record<string, string> },
): RenderedNotification {
  const reason = n.params.reason
    ? i18n.t(
        `reasons.${KNOWN_REASONS.includes(n.params.reason) ? n.params.reason : 'other'}`,
        lang,
        {},
        'notifications',
      )
    : '';
  const at = n.params.at
    ? new Date(n.params.at).toLocaleString(lang, { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' }) + ' UTC'
    : '';
  const params = { title: n.params.title ?? '', stage: n.params.stage ?? '', reason, at };
  return {
    subject: i18n.t(`events.${n.event}.subject`, lang, params, 'notifications'),
    body: i18n.t(`events.${n.event}.body`, lang, params, 'notifications'),
    action: i18n.t('action', lang, {}, 'notifications'),
    url: `${publicUrl}${n.postId ? postPath(n.event, n.postId) : '/'}`,
  };
}

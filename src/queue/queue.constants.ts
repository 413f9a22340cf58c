/** The Bull queue that holds delayed publish jobs (Postgres stays the source of truth). */
export const PUBLISH_QUEUE = 'publish';

/** Notification deliveries (e-mail, Teams/Slack) and the sweep that finds them (Postgres outbox is the truth). */
export const NOTIFICATION_QUEUE = 'notifications';

/** The Bull queue that holds delayed publish jobs (Postgres stays the source of truth). */
export const PUBLISH_QUEUE = 'publish';

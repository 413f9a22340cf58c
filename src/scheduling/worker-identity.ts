import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export const WORKER_ID = Symbol('WORKER_ID');

/** Names this app instance in claims, so an abandoned claim says which process died. */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

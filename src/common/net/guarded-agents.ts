import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { DestinationGuard } from './destination-guard';
import { pinnedLookup } from './pinned-lookup';

/** A connection the guard refused: the message names the reason, never the address. */
export class DestinationRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`outgoing connection refused: ${reason}`);
    this.name = 'DestinationRefusedError';
  }
}

type ConnectCallback = (err: Error | null, stream: Duplex) => void;
type Connect = (options: http.ClientRequestArgs) => Duplex | null | undefined;

/**
 * Asks the guard before every socket: the host is resolved and judged, and the socket connects to
 * the checked address. For clients that only let us choose an agent (openid-client), this puts
 * every call, IP literals and redirects included, under the same rules as webhooks.
 */
function guardedConnect(guard: DestinationGuard, protocol: 'http:' | 'https:', connect: Connect) {
  return (options: http.ClientRequestArgs, callback?: ConnectCallback): undefined => {
    const host = options.hostname ?? options.host ?? '';
    const url = new URL(`${protocol}//${host.includes(':') ? `[${host}]` : host}/`);
    const done = callback ?? (() => undefined);
    guard.destinationForSend(url).then(
      (destination) => {
        if (destination.kind !== 'connect') {
          return done(
            new DestinationRefusedError(destination.kind === 'refused' ? destination.reason : 'unresolved'),
            null as never,
          );
        }
        const socket = connect({ ...options, lookup: pinnedLookup(destination.address) });
        if (!socket) return done(new Error('no socket'), null as never);
        done(null, socket);
      },
      (error: Error) => done(error, null as never),
    );
    return undefined;
  };
}

export class GuardedHttpAgent extends http.Agent {
  constructor(guard: DestinationGuard) {
    super({ keepAlive: false });
    const connect = http.Agent.prototype.createConnection.bind(this) as Connect;
    this.createConnection = guardedConnect(guard, 'http:', connect);
  }
}

export class GuardedHttpsAgent extends https.Agent {
  constructor(guard: DestinationGuard) {
    super({ keepAlive: false });
    const connect = https.Agent.prototype.createConnection.bind(this) as Connect;
    this.createConnection = guardedConnect(guard, 'https:', connect);
  }
}

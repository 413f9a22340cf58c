import { Injectable, type Provider, type Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * A typed event delivered inside the publisher's transaction: every handler gets the
 * publisher's `tx`, so what it writes commits or rolls back with the change that caused it
 * (approvals voided on an edit, a filing clock started on first use, a notification outbox
 * row). A handler that throws aborts the publisher's transaction.
 */
export class TxEvent<P> {
  /** Carries the payload type only; never set. */
  declare readonly payload?: P;

  constructor(readonly name: string) {}
}

export type TxEventHandler<P> = (tx: EntityManager, payload: P) => Promise<void>;

/**
 * The registry behind TxEvent. Modules do not call `on` themselves: they declare a
 * subscription in their providers with `onTxEvent(...)`, so the module file shows who
 * listens to what. Handlers run one after the other, in registration order.
 */
@Injectable()
export class TxEvents {
  private readonly handlers = new Map<TxEvent<unknown>, TxEventHandler<unknown>[]>();

  on<P>(event: TxEvent<P>, handler: TxEventHandler<P>): void {
    const list = this.handlers.get(event) ?? [];
    list.push(handler as TxEventHandler<unknown>);
    this.handlers.set(event, list);
  }

  async emit<P>(tx: EntityManager, event: TxEvent<P>, payload: P): Promise<void> {
    for (const handler of this.handlers.get(event) ?? []) await handler(tx, payload);
  }

  /** Who listens to `event` (for tests and diagnostics). */
  count(event: TxEvent<unknown>): number {
    return this.handlers.get(event)?.length ?? 0;
  }
}

type HandlerKeys<S, P> = { [K in keyof S]: S[K] extends TxEventHandler<P> ? K : never }[keyof S];

/**
 * Declares, in a module's `providers`, that `subscriber.method(tx, payload)` handles `event`:
 *
 *   providers: [ScheduleSync, onTxEvent(PostTransitioned, ScheduleSync, 'onTransitioned')]
 *
 * The subscriber must itself be a provider the module can inject.
 */
export function onTxEvent<P, S>(event: TxEvent<P>, subscriber: Type<S>, method: HandlerKeys<S, P>): Provider {
  return {
    provide: Symbol(`${event.name} -> ${subscriber.name}.${String(method)}`),
    inject: [TxEvents, subscriber],
    useFactory: (events: TxEvents, instance: S): true => {
      const handler = instance[method] as TxEventHandler<P>;
      events.on(event, (tx, payload) => handler.call(instance, tx, payload));
      return true;
    },
  };
}

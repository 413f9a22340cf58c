import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';

/** Longest a commit waits for its follow-up tasks; past that they finish in the background. */
const WAIT_FOR_TASKS_MS = 2000;

type Task = () => Promise<void>;

/**
 * Runs side effects (Bull adds and removals) only once the transaction that decided them has
 * committed: a job added before the commit could run, see the old state and do nothing, and a
 * job added by a transaction that then rolls back would publish something that never was
 * scheduled. A task that fails is logged, not retried: the reconciler rebuilds the queue from
 * Postgres, so a lost Redis write delays a post by at most one reconcile interval.
 */
@Injectable()
export class AfterCommit implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger(AfterCommit.name);
  private readonly pending = new WeakMap<QueryRunner, Task[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  /** Queues `task` for after the commit of `tx`; outside a transaction it runs now. */
  run(tx: EntityManager, task: Task): void {
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive) {
      void this.execute([task]);
      return;
    }
    const tasks = this.pending.get(runner) ?? [];
    tasks.push(task);
    this.pending.set(runner, tasks);
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // Still active after a commit means a savepoint was released: the real commit is later.
    if (event.queryRunner.isTransactionActive) return;
    const tasks = this.pending.get(event.queryRunner);
    if (!tasks) return;
    this.pending.delete(event.queryRunner);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, WAIT_FOR_TASKS_MS);
    });
    await Promise.race([this.execute(tasks), timeout]);
    clearTimeout(timer);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private async execute(tasks: Task[]): Promise<void> {
    await Promise.all(
      tasks.map(async (task) => {
        try {
          await task();
        } catch (error) {
          this.logger.warn({ err: error }, 'a task after commit failed; the reconciler will repair the queue');
        }
      }),
    );
  }
}

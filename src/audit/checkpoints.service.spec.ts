import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { Clock } from '../common/clock/clock';
import { CheckpointsService } from './checkpoints.service';
import { parseSigningKey } from './domain/signing-key';

describe('periodic audit checkpoints', () => {
  const service = (runWorkers: boolean): CheckpointsService =>
    new CheckpointsService(
      {} as DataSource,
      parseSigningKey(undefined),
      { RUN_WORKERS: runWorkers, AUDIT_CHECKPOINT_INTERVAL_MS: 60_000 } as AppConfig,
      new Clock(),
    );

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('signs grown chains every AUDIT_CHECKPOINT_INTERVAL_MS in a worker, and stops on shutdown', () => {
    const s = service(true);
    const run = jest.spyOn(s, 'checkpointGrownChains').mockResolvedValue(0);
    s.onApplicationBootstrap();
    jest.advanceTimersByTime(59_999);
    expect(run).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    jest.advanceTimersByTime(60_000);
    expect(run).toHaveBeenCalledTimes(2);
    s.onModuleDestroy();
    jest.advanceTimersByTime(600_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('does not run in an API-only process', () => {
    const s = service(false);
    const run = jest.spyOn(s, 'checkpointGrownChains').mockResolvedValue(0);
    s.onApplicationBootstrap();
    jest.advanceTimersByTime(600_000);
    expect(run).not.toHaveBeenCalled();
  });
});

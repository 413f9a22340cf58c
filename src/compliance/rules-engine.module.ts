import { type DynamicModule, Global, Module } from '@nestjs/common';
import { RulesEngine } from '@preclear/rules-engine';
import { resolve } from 'node:path';

export const RULES_ENGINE = Symbol('RULES_ENGINE');

/**
 * Compiles the packs, once per process and before anything else starts (no database
 * connection, no Redis client): an invalid pack throws a PackValidationError naming the
 * file, the rule id and what is wrong, and the process stops with nothing left open.
 */
export function compileRulesEngine(directory: string): { engine: RulesEngine; ms: number } {
  const started = process.hrtime.bigint();
  const engine = RulesEngine.fromDirectory(resolve(directory));
  return { engine, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** Provides the compiled engine to every module that evaluates posts. */
@Global()
@Module({})
export class RulesEngineModule {
  static forRoot(engine: RulesEngine): DynamicModule {
    return {
      module: RulesEngineModule,
      providers: [{ provide: RULES_ENGINE, useValue: engine }],
      exports: [RULES_ENGINE],
    };
  }
}

import { Logger, type Provider } from '@nestjs/common';
import { RulesEngine } from '@preclear/rules-engine';
import { resolve } from 'node:path';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';

export const RULES_ENGINE = Symbol('RULES_ENGINE');

/**
 * The packs are compiled once per process. An invalid pack throws here, which stops
 * start-up with the file, the rule id and what is wrong.
 */
export const rulesEngineProvider: Provider = {
  provide: RULES_ENGINE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): RulesEngine => {
    const started = process.hrtime.bigint();
    const engine = RulesEngine.fromDirectory(resolve(config.JURISDICTIONS_DIR));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    new Logger('Compliance').log(`Compiled ${engine.packs().length} jurisdiction packs in ${ms.toFixed(1)} ms`);
    return engine;
  },
};

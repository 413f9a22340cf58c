import { ENGINE_MESSAGES, ENGINE_NAMESPACE } from './engine-messages';
import { evaluatePost } from './evaluator';
import { CompiledPacks } from './pack/compiled-pack';
import { loadPacks } from './pack/pack-loader';
import { Evaluation, PackDetail, PackSummary, PostFacts, ProfileFactType } from './types';

/**
 * The engine the Nest app holds for the life of the process: packs are loaded, validated and
 * compiled once (`fromDirectory`), then `evaluate` is a pure function of the post and the
 * instant. Safe to share: evaluation keeps no state between calls.
 */
export class RulesEngine {
  private constructor(private readonly compiled: CompiledPacks) {}

  /** Loads `<dir>/<code>/pack.yaml` and its locales; throws PackValidationError on any defect. */
  static fromDirectory(dir: string): RulesEngine {
    return new RulesEngine(loadPacks(dir));
  }

  static fromCompiled(compiled: CompiledPacks): RulesEngine {
    return new RulesEngine(compiled);
  }

  /** Judges a post as it will be at `facts.publishAt` (or `now`); `now` also dates pre-use filings. */
  evaluate(facts: PostFacts, now: Date = new Date()): Evaluation {
    return evaluatePost(this.compiled, facts, now);
  }

  packs(): PackSummary[] {
    return [...this.compiled.byCode.values()].map((p) => ({
      code: p.code,
      name: p.name,
      version: p.version,
      languages: [...p.languages],
      rules: p.ruleCount,
      ...(p.extends ? { extends: p.extends } : {}),
      scope: p.scope,
    }));
  }

  pack(code: string): PackDetail | undefined {
    return this.compiled.byCode.get(code)?.detail;
  }

  /** Codes a post may name in `jurisdictions` (global packs apply anyway and are not listed). */
  jurisdictionCodes(): string[] {
    return [...this.compiled.byCode.values()].filter((p) => p.scope === 'jurisdiction').map((p) => p.code);
  }

  /** Facts each pack reads from `brandProfile[code]`, with their types, for validating brand profiles. */
  profileFactsSchema(): Record<string, Record<string, ProfileFactType>> {
    return Object.fromEntries([...this.compiled.byCode.values()].map((p) => [p.code, { ...p.profileFacts }]));
  }

  /** Every approval stage of every pack, in the order posts walk through them. */
  stageOrder(): string[] {
    return [...this.compiled.stageOrder];
  }

  /** i18next resources: language -> namespace (pack code, plus 'engine') -> messages. */
  locales(): Record<string, Record<string, object>> {
    const resources: Record<string, Record<string, object>> = {};
    for (const [language, messages] of Object.entries(ENGINE_MESSAGES)) {
      resources[language] = { [ENGINE_NAMESPACE]: messages };
    }
    for (const pack of this.compiled.byCode.values()) {
      for (const [language, messages] of Object.entries(pack.locales)) {
        (resources[language] ??= {})[pack.code] = messages;
      }
    }
    return resources;
  }
}

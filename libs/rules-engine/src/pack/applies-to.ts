import { RuleContext } from '../checks/check-kind';
import { ArgError } from '../errors';
import { PatternSet } from '../text/pattern';
import {
  AUDIENCES,
  Channel,
  CHANNELS,
  COMMUNICATION_TYPES,
  PRODUCT_CATEGORIES,
  ProductCategory,
  ProfileFactType,
} from '../types';
import { ArgReader } from './arg-reader';
import { NamedPatterns, readPatternSet } from './pattern-input';
import { holds, ProfileCondition, readProfileConditions } from './profile-condition';

/**
 * When a rule applies, in terms of the post's facets. All stated conditions must hold;
 * `anyOf` holds when one of its branches does. `channels` is special: a channel-scoped rule
 * runs once per matching channel and its findings name the channel.
 */
export interface CompiledAppliesTo {
  /** Product categories the rule can apply to (used to index rules); all when unrestricted. */
  readonly categories: ReadonlySet<ProductCategory>;
  readonly channels: readonly Channel[] | null;
  readonly test: (ctx: RuleContext) => boolean;
  /** Literal gate of `bodyMatches` (the rule cannot apply to a body without one of them), or null. */
  readonly gate: Int32Array | null;
}

const KEYS = [
  'productCategories',
  'notProductCategories',
  'communicationTypes',
  'audiences',
  'channels',
  'languages',
  'jurisdictions',
  'interactive',
  'paid',
  'influencer',
  'platformAd',
  'hasLink',
  'profile',
  'bodyMatches',
  'bodyNotMatches',
  'anyOf',
] as const;

type Test = (ctx: RuleContext) => boolean;

export interface AppliesToEnv {
  readonly namedPatterns: NamedPatterns;
  readonly profileFacts: Readonly<Record<string, ProfileFactType>>;
}

export function compileAppliesTo(raw: unknown, path: string, env: AppliesToEnv): CompiledAppliesTo {
  if (raw === undefined || raw === null) {
    return { categories: new Set(PRODUCT_CATEGORIES), channels: null, test: () => true, gate: null };
  }
  return compileBranch(ArgReader.of(raw, path), env, true);
}

function compileBranch(reader: ArgReader, env: AppliesToEnv, topLevel: boolean): CompiledAppliesTo {
  reader.allowOnly(KEYS);
  const tests: Test[] = [];
  let categories = new Set<ProductCategory>(PRODUCT_CATEGORIES);
  let gate: Int32Array | null = null;

  if (reader.has('productCategories')) {
    const only = new Set(reader.enumList('productCategories', PRODUCT_CATEGORIES, { nonEmpty: true }));
    categories = only;
    tests.push((ctx) => only.has(ctx.facts.productCategory));
  }
  if (reader.has('notProductCategories')) {
    const not = new Set(reader.enumList('notProductCategories', PRODUCT_CATEGORIES, { nonEmpty: true }));
    for (const c of not) categories.delete(c);
    tests.push((ctx) => !not.has(ctx.facts.productCategory));
  }
  tests.push(...facetTests(reader));
  if (reader.has('profile')) {
    const conditions: ProfileCondition[] = readProfileConditions(reader, 'profile', env.profileFacts);
    tests.push((ctx) => conditions.every((c) => holds(c, ctx.profile, ctx.publishAtMs)));
  }
  if (reader.has('bodyMatches')) {
    const set: PatternSet = readPatternSet(reader.raw('bodyMatches'), reader.at('bodyMatches'), env.namedPatterns);
    tests.push((ctx) => set.matches(ctx.text, ctx.language));
    gate = set.literalGate();
  }
  if (reader.has('bodyNotMatches')) {
    const set: PatternSet = readPatternSet(
      reader.raw('bodyNotMatches'),
      reader.at('bodyNotMatches'),
      env.namedPatterns,
    );
    tests.push((ctx) => !set.matches(ctx.text, ctx.language));
  }
  if (reader.has('anyOf')) {
    const branches = reader.children('anyOf', { nonEmpty: true }).map((branch) => {
      if (branch.has('channels')) {
        throw new ArgError(branch.at('channels'), 'channels may only be given at the top of appliesTo');
      }
      return compileBranch(branch, env, false);
    });
    const admitted = new Set<ProductCategory>();
    for (const b of branches) for (const c of b.categories) admitted.add(c);
    categories = new Set([...categories].filter((c) => admitted.has(c)));
    tests.push((ctx) => branches.some((b) => b.test(ctx)));
  }

  let channels: Channel[] | null = null;
  if (topLevel && reader.has('channels')) channels = reader.enumList('channels', CHANNELS, { nonEmpty: true });

  // Tests run in the order pushed above: cheap facet comparisons first, text scans last.
  const test: Test =
    tests.length === 0
      ? () => true
      : (ctx) => {
          for (let i = 0; i < tests.length; i++) if (!tests[i](ctx)) return false;
          return true;
        };
  return { categories, channels, test, gate };
}

/** The plain facet comparisons (type, audience, language, jurisdiction, flags): cheap, so they run first. */
function facetTests(reader: ArgReader): Test[] {
  const tests: Test[] = [];
  if (reader.has('communicationTypes')) {
    const set = new Set<string>(reader.enumList('communicationTypes', COMMUNICATION_TYPES, { nonEmpty: true }));
    tests.push((ctx) => set.has(ctx.facts.communicationType));
  }
  if (reader.has('audiences')) {
    const set = new Set<string>(reader.enumList('audiences', AUDIENCES, { nonEmpty: true }));
    tests.push((ctx) => set.has(ctx.facts.audience));
  }
  if (reader.has('languages')) {
    const set = new Set(reader.stringList('languages', { nonEmpty: true }));
    tests.push((ctx) => set.has(ctx.language));
  }
  if (reader.has('jurisdictions')) {
    const set = new Set(reader.stringList('jurisdictions', { nonEmpty: true }));
    tests.push((ctx) => ctx.facts.jurisdictions.some((j) => set.has(j)));
  }
  for (const flag of ['interactive', 'paid', 'influencer'] as const) {
    if (reader.has(flag)) {
      const expected = reader.boolean(flag);
      tests.push((ctx) => ctx.facts[flag] === expected);
    }
  }
  if (reader.has('platformAd')) {
    const expected = reader.boolean('platformAd');
    tests.push((ctx) => (ctx.facts.platformAd ?? false) === expected);
  }
  if (reader.has('hasLink')) {
    const expected = reader.boolean('hasLink');
    tests.push((ctx) => ctx.hasLink === expected);
  }
  return tests;
}

import { ArgReader } from '../pack/arg-reader';
import { NamedPatterns } from '../pack/pattern-input';
import { literalGateOf, PatternSet } from '../text/pattern';
import { PostText } from '../text/post-text';
import {
  Channel,
  Evidence,
  FindingKind,
  Fix,
  MessageParams,
  PostFacts,
  ProductCategory,
  ProfileFactType,
  Severity,
  StageDefinition,
} from '../types';

/** What a check sees while one rule runs for one post (and one channel, for channel-scoped rules). */
export interface RuleContext {
  readonly facts: PostFacts;
  readonly text: PostText;
  /** Language subtag of the post locale ('de' for 'de-DE'). */
  readonly language: string;
  readonly publishAtMs: number;
  readonly nowMs: number;
  /** The post carries a link (in `links` or as a URL in the body). */
  readonly hasLink: boolean;
  /** Alt texts of the post's media as one text (computed on first use); null when there are none. */
  readonly altText: PostText | null;
  /** Brand profile facts for the jurisdiction, its parents' sections merged underneath. */
  profile: Readonly<Record<string, unknown>>;
  /** The channel the rule runs for, or null when the rule is not channel-scoped. */
  channel: Channel | null;
  /** Fix texts that all content findings will add (seen by 'final' checks such as length-limit). */
  pendingFixTexts: readonly string[];
}

export type CheckPhase = 'signal' | 'content' | 'final';

export interface RawFinding {
  evidence?: Evidence | null;
  params?: MessageParams;
  fix?: Fix | null;
  /** Overrides the context channel (length-limit reports each channel itself). */
  channel?: Channel | null;
  /** A suffix `_<variant>` of the rule's message key (the variants a check declares). */
  variant?: string;
  /** Approval stage this finding asks for (requires-stage); others fall back to the rule's or pack's review stage. */
  stage?: string;
}

export interface FilingRequest {
  regulator: string;
  when: 'pre' | 'post';
  businessDays: number;
  calendar: string;
}

/** Where a check reports; the evaluator adds rule id, kind, severity, message key and citation. */
export interface CheckOutput {
  finding(finding: RawFinding): void;
  /** The text shows a product of this category: the evaluator applies that category's rules too (signal phase). */
  signal(category: ProductCategory): void;
  filing(request: FilingRequest): void;
  retention(years: number): void;
}

export type CompiledCheck = (ctx: RuleContext, out: CheckOutput) => void;

/** What a check may know about the pack it is compiled in. */
export interface CompileEnv {
  readonly packCode: string;
  readonly languages: readonly string[];
  readonly namedPatterns: NamedPatterns;
  readonly profileFacts: Readonly<Record<string, ProfileFactType>>;
  readonly stages: readonly StageDefinition[];
}

/**
 * A check kind is written once here; packs only name it and give arguments. `validateArgs`
 * turns untrusted YAML into typed arguments (throwing ArgError with the path of the bad
 * argument); `compile` builds everything expensive (regular expressions, folded texts) once.
 */
export interface CheckKind<A> {
  readonly kind: string;
  readonly findingKinds: readonly FindingKind[];
  /** Severities a rule of this kind may declare; all when absent. */
  readonly severities?: readonly Severity[];
  /** Interpolation parameters the check supplies; a locale message may only use these. */
  readonly messageParams: readonly string[];
  /** Message-key variants (`<key>_<variant>`) the check emits; every one must be translated. */
  readonly messageVariants?: readonly string[];
  /**
   * 'signal' checks run first (they decide which categories' rules apply); 'final'
   * checks run after every pack's content checks (they need the fix texts).
   */
  readonly phase: CheckPhase;
  /** Exempt from the [K] severity cap: the finding is a fact about the text, not a legal reading. */
  readonly neverCapped?: boolean;
  validateArgs(args: ArgReader, env: CompileEnv): A;
  compile(args: A, env: CompileEnv): CompiledCheck;
  /**
   * Pattern sets of which one must match for the check to report anything (it returns at
   * once otherwise). Their literals become the rule's gate: the evaluator skips the rule on
   * a body that holds none of them, without calling it. Absent: the check always runs.
   */
  triggers?(args: A): readonly PatternSet[] | null;
}

/** Erases the argument type so kinds of different argument types share one registry. */
export type AnyCheckKind = CheckKind<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function defineCheck<A>(kind: CheckKind<A>): CheckKind<A> {
  return kind;
}

/** A compiled check and its literal gate (see CheckKind.triggers); a null gate never skips. */
export interface GatedCheck {
  readonly check: CompiledCheck;
  readonly gate: Int32Array | null;
}

/** Validates a rule's arguments and compiles the check, keeping the argument type inside. */
export function compileCheck<A>(kind: CheckKind<A>, args: ArgReader, env: CompileEnv): GatedCheck {
  const validated = kind.validateArgs(args, env);
  const triggers = kind.triggers?.(validated) ?? null;
  return { check: kind.compile(validated, env), gate: triggers === null ? null : literalGateOf(triggers) };
}

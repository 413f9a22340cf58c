import { CheckPhase, CompiledCheck } from '../checks/check-kind';
import {
  Channel,
  Citation,
  FindingKind,
  PackDetail,
  ProductCategory,
  ProfileFactType,
  Severity,
  StageDefinition,
  Verification,
} from '../types';
import { RuleContext } from '../checks/check-kind';

/** A rule ready to run for one reporting pack (inherited rules get the child's time zone for dates). */
export interface CompiledRule {
  readonly id: string;
  /** Code of the pack whose file defines the rule (its message namespace). */
  readonly definedIn: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly cappedFrom: Severity | undefined;
  readonly verification: Verification;
  readonly messageKey: string;
  readonly citation: Citation;
  /** Half-open window [fromMs, untilMs) of publication instants the rule governs. */
  readonly fromMs: number;
  readonly untilMs: number;
  /** Stage asked for by the rule's approval-severity findings. */
  readonly stage: string;
  readonly channels: readonly Channel[] | null;
  readonly applies: (ctx: RuleContext) => boolean;
  readonly check: CompiledCheck;
  /** Literal ids of which the body must hold one for the rule to report (see CheckKind.triggers); null: always runs. */
  readonly gate: Int32Array | null;
  readonly phase: CheckPhase;
  /** Position in the pack (parents' rules first) for a stable finding order. */
  readonly order: number;
}

export interface CompiledPack {
  readonly code: string;
  readonly name: string;
  readonly version: string;
  readonly languages: readonly string[];
  readonly extends: string | null;
  readonly scope: 'jurisdiction' | 'global';
  readonly timeZone: string;
  readonly approvalValidityDays: number;
  readonly defaultRetentionYears: number;
  readonly stages: readonly StageDefinition[];
  readonly profileFacts: Readonly<Record<string, ProfileFactType>>;
  /** Codes whose brandProfile sections are merged for this pack, root first (EU, DE). */
  readonly profileChain: readonly string[];
  readonly ruleCount: number;
  /** Category-signal rules by declared category (run before content rules). */
  readonly signalRules: ReadonlyMap<ProductCategory, readonly CompiledRule[]>;
  /** Active rules by the product categories they can apply to: the facet index. */
  readonly contentRules: ReadonlyMap<ProductCategory, readonly CompiledRule[]>;
  readonly finalRules: ReadonlyMap<ProductCategory, readonly CompiledRule[]>;
  readonly detail: PackDetail;
  /** Locale resources of the pack's own file: language -> messages. */
  readonly locales: Readonly<Record<string, object>>;
}

export interface CompiledPacks {
  readonly byCode: ReadonlyMap<string, CompiledPack>;
  /** Packs applied to every post (PLATFORM). */
  readonly global: readonly CompiledPack[];
  readonly stageOrder: readonly string[];
}

/**
 * Public vocabulary of the rules engine: the facts a post is judged on and the shape of an
 * evaluation. Field names follow docs/API.md ("Compliance") so the Nest app can return an
 * evaluation as JSON after translating `messageKey` into `message`.
 */

export const PRODUCT_CATEGORIES = [
  'brand',
  'deposit',
  'consumer_credit',
  'credit_card',
  'short_term_credit',
  'mortgage',
  'brokerage',
  'investment_fund',
  'advisory',
  'structured_product',
  'crypto',
  'high_risk_derivative',
  'p2p_lending',
  'insurance',
  'pension',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export const CHANNELS = ['facebook', 'instagram', 'x', 'linkedin', 'tiktok', 'pinterest', 'youtube'] as const;
export type Channel = (typeof CHANNELS)[number];

export const COMMUNICATION_TYPES = ['retail', 'correspondence', 'institutional'] as const;
export type CommunicationType = (typeof COMMUNICATION_TYPES)[number];

export const AUDIENCES = ['retail', 'professional'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const SEVERITIES = ['block', 'fix', 'approval', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_KINDS = [
  'banned_product',
  'prohibited_claim',
  'missing_disclosure',
  'representative_example',
  'missing_label',
  'personal_data',
  'length_limit',
  'profile_requirement',
  'approval_required',
  'filing_required',
  'retention',
  'product_signal',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Catalogue tags: V = checked in the rule text, S = secondary sources only, K = known but unconfirmed. */
export const VERIFICATION_TAGS = ['V', 'S', 'K'] as const;
export type Verification = (typeof VERIFICATION_TAGS)[number];

export const VERDICTS = ['blocked', 'needs_changes', 'needs_approval', 'clear'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type ProfileFactType = 'string' | 'boolean' | 'date' | 'number';

export interface MediaItem {
  kind: string;
  altText?: string;
}

/** Everything the engine needs to know about one post; it reads nothing else. */
export interface PostFacts {
  /** The text exactly as it will be published. */
  body: string;
  /** Internal working title; never published, so never searched for disclosures. */
  title?: string;
  /** BCP-47 locale of the body, e.g. 'de-DE'; its language subtag selects per-language patterns. */
  locale: string;
  productCategory: ProductCategory;
  communicationType: CommunicationType;
  audience: Audience;
  interactive: boolean;
  paid: boolean;
  influencer: boolean;
  /** A paid post placed through the platform's own ad system, which labels it as an ad itself. Absent means false. */
  platformAd?: boolean;
  channels: Channel[];
  /** Codes of loaded jurisdiction packs ('US', 'DE', ...). The PLATFORM pack is applied whatever these are. */
  jurisdictions: string[];
  links: string[];
  media: MediaItem[];
  /** Brand profile facts per jurisdiction code, e.g. `{ US: { finraMember: true } }`. */
  brandProfile: Record<string, Record<string, unknown>>;
  /** The instant the post goes out; rules in force at that instant apply. Defaults to the evaluation instant. */
  publishAt?: Date;
}

export interface Citation {
  source: string;
  article?: string;
  url?: string;
}

/** A span of the post body (UTF-16 offsets into `PostFacts.body`, end exclusive). */
export interface Evidence {
  start: number;
  end: number;
  text: string;
}

/** Text the rule can add by itself: `append` goes at the end, `prepend` at the start (labels). */
export interface Fix {
  append?: string;
  prepend?: string;
}

export type MessageParams = Record<string, string | number>;

export interface Finding {
  ruleId: string;
  kind: FindingKind;
  severity: Severity;
  /** Set when the severity was capped because the rule is tagged [K] (see README). */
  cappedFrom?: Severity;
  verification: Verification;
  channel: Channel | null;
  /** i18next key, namespaced by the pack that defines the rule: `<PACK>:<key>`. */
  messageKey: string;
  messageParams: MessageParams;
  citation: Citation;
  evidence: Evidence | null;
  fix: Fix | null;
}

export interface RequiredStage {
  stage: string;
  role: string;
  ruleIds: string[];
}

export interface Filing {
  regulator: string;
  when: 'pre' | 'post';
  businessDays: number;
  /** Pre-use filing: the evaluation instant plus `businessDays` business days (ISO-8601, UTC). Null for post-use. */
  earliestPublishAt: string | null;
  /** Post-use filing: the latest filing instant, `businessDays` business days after publication. Null for pre-use. */
  fileBy: string | null;
  ruleIds: string[];
}

export interface JurisdictionEvaluation {
  jurisdiction: string;
  verdict: Verdict;
  findings: Finding[];
  requiredStages: RequiredStage[];
  filing: Filing | null;
  retention: { years: number };
  approvalValidityDays: number;
}

export interface Evaluation {
  verdict: Verdict;
  evaluatedAt: string;
  /** The instant the rules were applied for (the post's publishAt, or the evaluation instant). */
  publishAt: string;
  packVersions: Record<string, string>;
  jurisdictions: JurisdictionEvaluation[];
  /** Union of the jurisdictions' stages, in `RulesEngine.stageOrder()` order. */
  requiredStages: RequiredStage[];
  /** The longest retention of all jurisdictions. */
  retention: { years: number };
}

export interface PackSummary {
  code: string;
  name: string;
  version: string;
  languages: string[];
  /** Rules evaluated for this jurisdiction (own plus inherited, minus replaced and draft rules). */
  rules: number;
  extends?: string;
  /** 'global' packs (PLATFORM) apply to every post whatever its jurisdictions. */
  scope: 'jurisdiction' | 'global';
}

export interface RuleDetail {
  id: string;
  title: string;
  severity: Severity;
  effectiveSeverity: Severity;
  finding: FindingKind;
  verification: Verification;
  status: 'active' | 'draft';
  check: { kind: string; args: unknown };
  appliesTo: unknown;
  citation: Citation;
  effectiveFrom: string | null;
  effectiveUntil: string | null;
  messageKey: string;
  replaces: string[];
  /** Code of the pack that defines the rule when it is inherited (e.g. 'EU' in DE). */
  inheritedFrom?: string;
}

export interface StageDefinition {
  stage: string;
  role: string;
}

/** A pack as GET /jurisdictions/:code shows it: the summary fields, settings and every rule. */
export interface PackDetail extends Omit<PackSummary, 'rules'> {
  timeZone: string;
  approvalValidityDays: number;
  defaultRetentionYears: number;
  stages: StageDefinition[];
  /** Facts this pack reads from `brandProfile[code]` (inherited facts included). */
  profileFacts: Record<string, ProfileFactType>;
  /** Number of rules evaluated, as in the summary. */
  ruleCount: number;
  /** Every rule, inherited ones included (with `inheritedFrom`), drafts included (with status 'draft'). */
  rules: RuleDetail[];
}

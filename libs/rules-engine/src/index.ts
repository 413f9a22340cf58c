/**
 * @preclear/rules-engine: pure TypeScript compliance rules for social posts.
 * Construct once with `RulesEngine.fromDirectory('<repo>/jurisdictions')`, then call
 * `engine.evaluate(facts, now)`. No Nest, no database, no translation: messages are keys.
 */
export { RulesEngine } from './rules-engine';
export { loadPacks, readPacks, compilePacks } from './pack/pack-loader';
export type { PackFiles } from './pack/pack-files';
export type { CompiledPacks } from './pack/compiled-pack';
export { PackValidationError, UnknownJurisdictionError } from './errors';
export { VERDICT_ORDER, SEVERITY_ORDER, worstVerdict, verdictForSeverity } from './verdict';
export { addBusinessDays, isBusinessDay, US_FEDERAL_CALENDAR, businessCalendar } from './calendar/business-days';
export type { BusinessDayCalendar } from './calendar/business-days';
export { usFederalHolidays } from './calendar/us-federal-holidays';
export type { Holiday } from './calendar/us-federal-holidays';
export { passesLuhn } from './validation/luhn';
export { isValidIban } from './validation/iban';
export { ENGINE_NAMESPACE } from './engine-messages';
export { CHECK_KINDS } from './checks/registry';
export { MAX_BODY_LENGTH, CHANNEL_BODY_LIMITS, channelLength, bodyLengthProblem } from './limits';
export type { BodyLengthProblem } from './limits';
export { CHANNEL_MEDIA_LIMITS, mediaLimitProblems } from './media-limits';
export type { MediaLimits, MediaFacts, MediaLimitCode, MediaLimitProblem } from './media-limits';
export { PATTERN_BUDGET_MS, adversarialTexts } from './text/pattern-budget';
export {
  AUDIENCES,
  CHANNELS,
  COMMUNICATION_TYPES,
  FINDING_KINDS,
  PRODUCT_CATEGORIES,
  SEVERITIES,
  VERDICTS,
  VERIFICATION_TAGS,
} from './types';
export type {
  Audience,
  Channel,
  Citation,
  CommunicationType,
  Evaluation,
  Evidence,
  Filing,
  Finding,
  FindingKind,
  Fix,
  JurisdictionEvaluation,
  MediaItem,
  MessageParams,
  PackDetail,
  PackSummary,
  PostFacts,
  ProductCategory,
  ProfileFactType,
  RequiredStage,
  RuleDetail,
  Severity,
  StageDefinition,
  Verdict,
  Verification,
} from './types';

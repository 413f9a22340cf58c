import type { JurisdictionEvaluation } from '@preclear/rules-engine';

export interface FilingRequirement {
  jurisdiction: string;
  regulator: string;
  timing: 'pre' | 'post';
  businessDays: number;
  ruleIds: string[];
}

/** The filings an evaluation asks for, one per jurisdiction that names one. */
export function filingRequirements(
  jurisdictions: readonly Pick<JurisdictionEvaluation, 'jurisdiction' | 'filing'>[],
): FilingRequirement[] {
  return jurisdictions.flatMap(({ jurisdiction, filing }) =>
    filing
      ? [
          {
            jurisdiction,
            regulator: filing.regulator,
            timing: filing.when,
            businessDays: filing.businessDays,
            ruleIds: [...filing.ruleIds],
          },
        ]
      : [],
  );
}

/** The longest pre-use filing wait in business days (0 when nothing must be filed before use). */
export function preFilingLeadDays(requirements: readonly FilingRequirement[]): number {
  return requirements.filter((r) => r.timing === 'pre').reduce((max, r) => Math.max(max, r.businessDays), 0);
}

import { filingRequirements, preFilingLeadDays } from './filing-requirements';

describe(filingRequirements.name, () => {
  const pre = {
    regulator: 'FINRA',
    when: 'pre' as const,
    businessDays: 10,
    earliestPublishAt: '2026-12-09T15:00:00.000Z',
    fileBy: null,
    ruleIds: ['US-FINRA-2210-C1-NEW-MEMBER'],
  };
  const post = {
    regulator: 'FINRA',
    when: 'post' as const,
    businessDays: 10,
    earliestPublishAt: null,
    fileBy: null,
    ruleIds: ['US-FINRA-2210-C3-POSTUSE'],
  };

  it('lists one requirement per jurisdiction that names a filing', () => {
    expect(
      filingRequirements([
        { jurisdiction: 'US', filing: pre },
        { jurisdiction: 'DE', filing: null },
      ]),
    ).toEqual([
      {
        jurisdiction: 'US',
        regulator: 'FINRA',
        timing: 'pre',
        businessDays: 10,
        ruleIds: ['US-FINRA-2210-C1-NEW-MEMBER'],
      },
    ]);
  });

  it('waits for the longest pre-use filing and ignores post-use ones', () => {
    const requirements = filingRequirements([
      { jurisdiction: 'US', filing: post },
      { jurisdiction: 'XX', filing: { ...pre, businessDays: 15 } },
    ]);
    expect(preFilingLeadDays(requirements)).toBe(15);
    expect(preFilingLeadDays(filingRequirements([{ jurisdiction: 'US', filing: post }]))).toBe(0);
  });
});

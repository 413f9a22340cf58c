import { join } from 'path';
import { UnknownJurisdictionError } from './errors';
import { RulesEngine } from './rules-engine';
import { PostFacts } from './types';
import { VERDICT_ORDER, worstVerdict } from './verdict';

const engine = RulesEngine.fromDirectory(join(__dirname, '..', '..', '..', 'jurisdictions'));
const FR_OLD =
  'Un crédit vous engage et doit être remboursé. Vérifiez vos capacités de remboursement avant de vous engager.';
const FR_NEW = "Attention ! Un crédit coûte de l'argent et doit être remboursé.";

function frCredit(body: string, publishAt?: string): PostFacts {
  return {
    body,
    locale: 'fr-FR',
    productCategory: 'consumer_credit',
    communicationType: 'retail',
    audience: 'retail',
    interactive: false,
    paid: false,
    influencer: false,
    channels: ['facebook'],
    jurisdictions: ['FR'],
    links: [],
    media: [],
    brandProfile: {},
    ...(publishAt ? { publishAt: new Date(publishAt) } : {}),
  };
}

const mentionFindings = (post: PostFacts, now: Date): string[] =>
  engine
    .evaluate(post, now)
    .jurisdictions[0].findings.filter((f) => f.ruleId === 'FR-L312-5-MENTION')
    .map((f) => f.messageKey);

describe('evaluatePost', () => {
  const NOW = new Date('2026-06-01T09:00:00Z');

  describe('effective dates (CCD2, 20 Nov 2026 in Paris)', () => {
    it('judges a post by the rule version in force at its publication instant', () => {
      // 19 Nov 23:59 Paris is 22:59Z: the old mention applies; 20 Nov 00:00 Paris is 23:00Z on the 19th.
      expect(mentionFindings(frCredit(FR_OLD, '2026-11-19T22:59:00Z'), NOW)).toEqual([]);
      expect(mentionFindings(frCredit(FR_OLD, '2026-11-19T23:00:00Z'), NOW)).toEqual(['FR:l312_5.mention2026']);
      expect(mentionFindings(frCredit(FR_NEW, '2026-11-19T23:00:00Z'), NOW)).toEqual([]);
      expect(mentionFindings(frCredit(FR_NEW, '2026-11-19T22:59:00Z'), NOW)).toEqual(['FR:l312_5.mention']);
    });

    it('uses the evaluation instant when the post has no publishAt', () => {
      expect(mentionFindings(frCredit(FR_NEW), new Date('2026-12-01T09:00:00Z'))).toEqual([]);
      expect(mentionFindings(frCredit(FR_NEW), NOW)).toEqual(['FR:l312_5.mention']);
    });
  });

  it('reports inherited EU rules under the national code and always adds PLATFORM', () => {
    const evaluation = engine.evaluate(frCredit(`${FR_OLD} 4111 1111 1111 1111`), NOW);
    expect(evaluation.jurisdictions.map((j) => j.jurisdiction)).toEqual(['FR', 'PLATFORM']);
    expect(Object.keys(evaluation.packVersions)).toEqual(['FR', 'PLATFORM']);
    const pii = evaluation.jurisdictions[0].findings.find((f) => f.kind === 'personal_data');
    expect(pii?.ruleId).toBe('EU-GDPR-PII');
    expect(pii?.messageKey).toBe('EU:gdpr.personalData_payment_card');
    expect(evaluation.verdict).toBe('blocked');
  });

  it('caps [K] rules at approval and keeps the declared severity', () => {
    const post = {
      ...frCredit('Our fund for the long run.'),
      locale: 'en-IE',
      productCategory: 'investment_fund' as const,
      jurisdictions: ['EU'],
      paid: true,
    };
    const finding = engine.evaluate(post, NOW).jurisdictions[0].findings.find((f) => f.ruleId === 'EU-UCPD-HIDDEN-AD');
    expect(finding).toMatchObject({ severity: 'approval', cappedFrom: 'fix', verification: 'K' });
  });

  it('unions stages across jurisdictions in stage order', () => {
    const post: PostFacts = {
      ...frCredit('X LLC brokerage.'),
      locale: 'en-US',
      productCategory: 'brokerage',
      jurisdictions: ['US', 'UK'],
      brandProfile: {
        US: { finraMember: true, memberName: 'X LLC', finraMembershipDate: '2010-01-01' },
        UK: { authorised: true },
      },
    };
    const evaluation = engine.evaluate(post, NOW);
    expect(evaluation.requiredStages.map((s) => [s.stage, s.role])).toEqual([
      ['compliance', 'reviewer'],
      ['principal', 'principal'],
    ]);
    expect(evaluation.requiredStages[0].ruleIds).toEqual(['US-SUPERVISORY-REVIEW', 'UK-FSMA-S21-APPROVAL']);
  });

  it('rejects an unknown jurisdiction', () => {
    expect(() => engine.evaluate({ ...frCredit('x'), jurisdictions: ['XX'] }, NOW)).toThrow(UnknownJurisdictionError);
  });

  it('does not change its inputs and gives the same result twice', () => {
    const post = frCredit('Crédit à 2,9 %');
    const first = engine.evaluate(post, NOW);
    expect(engine.evaluate(post, NOW)).toEqual(first);
  });
});

describe(worstVerdict.name, () => {
  it('takes the first verdict of VERDICT_ORDER that occurs', () => {
    expect(VERDICT_ORDER).toEqual(['blocked', 'needs_changes', 'needs_approval', 'clear']);
    expect(worstVerdict(['clear', 'needs_approval', 'needs_changes'])).toBe('needs_changes');
    expect(worstVerdict([])).toBe('clear');
  });
});

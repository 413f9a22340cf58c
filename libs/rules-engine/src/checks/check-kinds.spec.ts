/**
 * The check kinds, exercised through the real packs (their arguments are the ones that
 * matter) with a fixed evaluation instant.
 */
import { join } from 'path';
import { RulesEngine } from '../rules-engine';
import { Finding, PostFacts } from '../types';
import { weightedLength } from '../text/weighted-length';

const engine = RulesEngine.fromDirectory(join(__dirname, '..', '..', '..', '..', 'jurisdictions'));
const NOW = new Date('2026-06-01T09:00:00Z');

function facts(overrides: Partial<PostFacts>): PostFacts {
  return {
    body: '',
    locale: 'en-GB',
    productCategory: 'brand',
    communicationType: 'retail',
    audience: 'retail',
    interactive: false,
    paid: false,
    influencer: false,
    channels: ['linkedin'],
    jurisdictions: ['UK'],
    links: [],
    media: [],
    brandProfile: { UK: { authorised: true } },
    ...overrides,
  };
}

function findings(post: Partial<PostFacts>, jurisdiction?: string, now = NOW): Finding[] {
  const evaluation = engine.evaluate(facts(post), now);
  const code = jurisdiction ?? post.jurisdictions?.[0] ?? 'UK';
  return evaluation.jurisdictions.find((j) => j.jurisdiction === code)?.findings ?? [];
}

const byRule = (list: Finding[], ruleId: string): Finding[] => list.filter((f) => f.ruleId === ruleId);

describe('requires-disclosure', () => {
  const HCSTC = 'Warning: Late repayment can cause you serious money problems. For help, go to moneyhelper.org.uk.';
  const post = (body: string): Partial<PostFacts> => ({ body, productCategory: 'short_term_credit' });

  it('accepts the exact text across line breaks, NBSP, curly quotes and case', () => {
    expect(
      byRule(
        findings(
          post(
            'WARNING: late repayment can cause you\nserious\u00a0money problems. For help, go to moneyhelper.org.uk',
          ),
        ),
        'UK-CONC-3.4.1-HCSTC',
      ),
    ).toEqual([]);
  });

  it('fails on one changed word and proposes the exact text as fix', () => {
    const [finding] = byRule(findings(post(HCSTC.replace('serious', 'big'))), 'UK-CONC-3.4.1-HCSTC');
    expect(finding.fix).toEqual({ append: HCSTC });
    expect(finding.messageParams.text).toBe(HCSTC);
  });

  it('accepts the text in a media alt text when the rule allows it', () => {
    expect(
      byRule(
        findings({ ...post('Short-term loans.'), media: [{ kind: 'image', altText: HCSTC }] }),
        'UK-CONC-3.4.1-HCSTC',
      ),
    ).toEqual([]);
  });

  it('matches an unverified translation by meaning and proposes the suggested wording', () => {
    const [finding] = byRule(
      findings({ body: 'Bitcoin kaufen.', locale: 'de-DE', productCategory: 'crypto', jurisdictions: ['DE'] }, 'DE'),
      'EU-MICA-7-CRYPTO',
    );
    expect(finding.fix?.append).toMatch(/^Diese Kryptowerte-Marketingmitteilung wurde von keiner zuständigen Behörde/);
  });
});

describe('representative-example', () => {
  it('points at the figure that triggered it and lists what is missing', () => {
    const body = 'Ratenkredit ab 3,99\u00a0% – jetzt online!';
    const [finding] = byRule(
      findings({ body, locale: 'de-DE', productCategory: 'consumer_credit', jurisdictions: ['DE'] }, 'DE'),
      'DE-PANGV-17-CREDIT',
    );
    expect(finding.evidence).toEqual({ start: 15, end: 21, text: '3,99\u00a0%' });
    expect(finding.messageParams.missing).toBe('Sollzinssatz, Nettodarlehensbetrag, effektiver Jahreszins');
  });

  it('asks for term and total once an instalment is stated', () => {
    const body = 'Nur 99 €/Monat! Sollzinssatz 3,92 %, effektiver Jahreszins 3,99 %, Nettodarlehensbetrag 5.000 €.';
    const [finding] = byRule(
      findings({ body, locale: 'de-DE', productCategory: 'consumer_credit', jurisdictions: ['DE'] }, 'DE'),
      'DE-PANGV-17-CREDIT',
    );
    expect(finding.messageParams.missing).toBe('Vertragslaufzeit, Gesamtbetrag');
  });

  it('is not triggered by "100 % online"', () => {
    expect(
      byRule(
        findings(
          {
            body: 'Kredit 100 % online beantragen.',
            locale: 'de-DE',
            productCategory: 'consumer_credit',
            jurisdictions: ['DE'],
          },
          'DE',
        ),
        'DE-PANGV-17-CREDIT',
      ),
    ).toEqual([]);
  });
});

describe('prohibited-claim', () => {
  it('reports every occurrence with its span', () => {
    const body = 'Guaranteed returns. Totally risk-free.';
    const list = byRule(
      findings({ body, productCategory: 'brokerage', jurisdictions: ['US'], locale: 'en-US' }, 'US'),
      'US-FINRA-2210-D1-FAIR-BALANCED',
    );
    expect(list.map((f) => f.evidence)).toEqual([
      { start: 0, end: 10, text: 'Guaranteed' },
      { start: 28, end: 37, text: 'risk-free' },
    ]);
  });

  it('is lifted by its unless pattern', () => {
    const profile = { US: { finraMember: true, memberName: 'X LLC' } };
    const bare = findings(
      {
        body: 'X LLC: commission-free trades.',
        productCategory: 'brokerage',
        jurisdictions: ['US'],
        brandProfile: profile,
      },
      'US',
    );
    const caveat = findings(
      {
        body: 'X LLC: commission-free trades. Other fees may apply.',
        productCategory: 'brokerage',
        jurisdictions: ['US'],
        brandProfile: profile,
      },
      'US',
    );
    expect(byRule(bare, 'US-FINRA-2210-D1-FREE')).toHaveLength(1);
    expect(byRule(caveat, 'US-FINRA-2210-D1-FREE')).toEqual([]);
  });
});

describe('banned-product', () => {
  it('reports once per matching channel', () => {
    const list = findings(
      {
        body: 'Payday loans today.',
        productCategory: 'short_term_credit',
        paid: true,
        channels: ['facebook', 'instagram', 'x'],
      },
      'PLATFORM',
    );
    expect(byRule(list, 'PLT-META-PROHIBITED-FIN').map((f) => f.channel)).toEqual(['facebook', 'instagram']);
  });

  it('sees a short-term loan whatever the declared category', () => {
    const list = findings(
      {
        body: 'Chwilówka na 30 dni!',
        locale: 'pl-PL',
        productCategory: 'consumer_credit',
        paid: true,
        channels: ['instagram'],
        jurisdictions: ['PL'],
      },
      'PLATFORM',
    );
    expect(byRule(list, 'PLT-META-PROHIBITED-FIN')[0].evidence?.text).toBe('Chwilówka');
  });
});

describe('label-required', () => {
  const influencer = (body: string): Finding[] =>
    byRule(
      findings({ body, locale: 'de-DE', productCategory: 'deposit', influencer: true, jurisdictions: ['DE'] }, 'DE'),
      'DE-UWG-5A-LABEL',
    );

  it('accepts the label as a word or hashtag in any case', () => {
    expect(influencer('#Werbung Mein Tagesgeld-Tipp')).toEqual([]);
    expect(influencer('WERBUNG: Mein Tagesgeld-Tipp')).toEqual([]);
  });

  it('does not accept a longer word and proposes the label first', () => {
    const [finding] = influencer('Werbungskosten sparen mit dem Tagesgeld');
    expect(finding.fix).toEqual({ prepend: 'Werbung' });
  });
});

describe('personal-data', () => {
  const scan = (body: string): Finding[] =>
    byRule(findings({ body, jurisdictions: ['US'], locale: 'en-US' }, 'US'), 'US-GLBA-PII');

  it('finds and masks card numbers, IBANs and SSNs', () => {
    const list = scan('Card 4111-1111-1111-1111, IBAN GB82 WEST 1234 5698 7654 32, SSN 123-45-6789.');
    expect(list.map((f) => [f.messageKey, f.evidence?.text])).toEqual([
      ['US:privacy.personalData_iban', 'GB•• •••• 5432'],
      ['US:privacy.personalData_payment_card', '•••• 1111'],
      ['US:privacy.personalData_us_ssn', '•••-••-6789'],
    ]);
    expect(list.every((f) => f.severity === 'block')).toBe(true);
  });

  it('ignores numbers that fail their checksum and phone numbers', () => {
    expect(scan('Call 0800 123 4567 or +44 20 7946 0958. Ref 4111 1111 1111 1112. SSN 000-12-3456.')).toEqual([]);
  });
});

describe('length-limit', () => {
  it('counts URLs as 23 and wide characters as 2 on X', () => {
    expect(weightedLength('see https://example.com/a/very/long/path/indeed', 23, true)).toBe(4 + 23);
    expect(weightedLength('貯金', undefined, true)).toBe(4);
    expect(weightedLength('3.99% rate', 23, true)).toBe(10);
  });

  it('counts the text that fix findings will append', () => {
    const body = 'x'.repeat(260);
    const list = findings(
      { body, locale: 'nl-NL', productCategory: 'consumer_credit', channels: ['x'], jurisdictions: ['NL'] },
      'PLATFORM',
    );
    // 260 + 1 separator + 28 characters of "Let op! Geld lenen kost geld" = 289.
    expect(byRule(list, 'PLT-LENGTH-LIMIT')[0].messageParams).toEqual({
      channel: 'x',
      limit: 280,
      length: 289,
      over: 9,
    });
  });
});

describe('profile-requirement', () => {
  it('explains which facts fail', () => {
    const [finding] = byRule(
      findings(
        {
          body: 'Hallo',
          locale: 'de-DE',
          jurisdictions: ['DE'],
          brandProfile: { DE: { impressumUrl: 'https://x.example', impressumLinkLabel: 'Mehr', impressumClicks: 3 } },
        },
        'DE',
      ),
      'DE-DDG-5-IMPRESSUM',
    );
    expect(finding.messageParams.facts).toBe('impressumLinkLabel, impressumClicks');
  });

  it('checks that the post names the member firm', () => {
    const profile = { US: { finraMember: true, memberName: 'Example Securities LLC' } };
    const missing = findings(
      { body: 'Trade online.', productCategory: 'brokerage', jurisdictions: ['US'], brandProfile: profile },
      'US',
    );
    const named = findings(
      {
        body: 'EXAMPLE SECURITIES LLC: trade online.',
        productCategory: 'brokerage',
        jurisdictions: ['US'],
        brandProfile: profile,
      },
      'US',
    );
    expect(byRule(missing, 'US-FINRA-2210-D3-MEMBER-NAME')).toHaveLength(1);
    expect(byRule(named, 'US-FINRA-2210-D3-MEMBER-NAME')).toEqual([]);
  });
});

describe('requires-stage, requires-filing and retention', () => {
  const BD = { US: { finraMember: true, memberName: 'X LLC', finraMembershipDate: '2020-01-01' } };

  it('asks a principal for FINRA retail communications but not for interactive posts', () => {
    const stages = (interactive: boolean): string[] =>
      engine
        .evaluate(
          facts({
            body: 'X LLC funds.',
            productCategory: 'brokerage',
            jurisdictions: ['US'],
            interactive,
            brandProfile: BD,
          }),
          NOW,
        )
        .requiredStages.map((s) => s.stage);
    expect(stages(false)).toEqual(['compliance', 'principal']);
    expect(stages(true)).toEqual(['compliance']);
  });

  it('dates a post-use filing from the publication', () => {
    const evaluation = engine.evaluate(
      facts({
        body: 'X LLC Growth Fund.',
        productCategory: 'investment_fund',
        jurisdictions: ['US'],
        brandProfile: BD,
        publishAt: new Date('2026-06-30T14:00:00Z'),
      }),
      NOW,
    );
    // Tue 30 June + 10 bd, skipping Fri 3 July (Independence Day observed): Wed 15 July.
    expect(evaluation.jurisdictions[0].filing).toEqual({
      regulator: 'FINRA',
      when: 'post',
      businessDays: 10,
      earliestPublishAt: null,
      fileBy: '2026-07-15T14:00:00.000Z',
      ruleIds: ['US-FINRA-2210-C3-POSTUSE'],
    });
  });

  it('keeps the longest retention of the applicable rules', () => {
    const evaluation = engine.evaluate(
      facts({ body: 'Our fund.', productCategory: 'investment_fund', brandProfile: { UK: { authorised: true } } }),
      NOW,
    );
    expect(evaluation.jurisdictions[0].retention).toEqual({ years: 5 });
  });
});

import { ArgReader } from '../pack/arg-reader';
import { isValidIban } from '../validation/iban';
import { passesLuhn } from '../validation/luhn';
import { defineCheck } from './check-kind';

const DETECTORS = ['payment_card', 'iban', 'us_ssn'] as const;
type Detector = (typeof DETECTORS)[number];

interface Args {
  detect: ReadonlySet<Detector>;
}

// 13-19 digits in groups separated by single spaces or dashes, not glued to other digits or
// letters (an IBAN's digits follow its country code, a phone number follows a '+').
const CARD = /(?<![\p{L}\d+])(?<!\d[ -])\d(?:[ -]?\d){12,18}(?![ -]?\d)/gu;
// Country code, check digits, then 11-30 alphanumerics in optional groups of any size.
const IBAN = /(?<![\p{L}\d])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![\p{Ll}\d])/gu;
// Only the dashed form: spaced digit groups are too often phone numbers.
const SSN = /(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])/g;

/**
 * Customer data pasted into a post by mistake: payment card numbers (Luhn-valid, with a card
 * network's first digit), IBANs (mod-97-valid) and US social security numbers (valid area,
 * group and serial). Always blocks. Evidence is masked so the number never lands in
 * findings, logs or the audit trail in clear.
 */
export const personalData = defineCheck<Args>({
  kind: 'personal-data',
  findingKinds: ['personal_data'],
  severities: ['block'],
  messageParams: ['masked'],
  messageVariants: DETECTORS,
  phase: 'content',
  neverCapped: true,

  validateArgs(args: ArgReader) {
    args.allowOnly(['detect']);
    return { detect: new Set(args.has('detect') ? args.enumList('detect', DETECTORS, { nonEmpty: true }) : DETECTORS) };
  },

  compile({ detect }) {
    const cards = detect.has('payment_card');
    const ibans = detect.has('iban');
    const ssns = detect.has('us_ssn');
    return (ctx, out) => {
      const text = ctx.text.normalized;
      // Cheap gate: all three need at least nine digits.
      if (!hasNineDigits(text)) return;
      const report = (variant: Detector, start: number, end: number, masked: string): void => {
        const evidence = ctx.text.evidence(start, end);
        out.finding({ variant, evidence: { ...evidence, text: masked }, params: { masked } });
      };
      if (ibans) {
        IBAN.lastIndex = 0;
        for (let m = IBAN.exec(text); m !== null; m = IBAN.exec(text)) {
          const found = longestValidIban(m[0]);
          if (found !== null) report('iban', m.index, m.index + found.length, maskIban(found));
        }
      }
      if (cards) {
        CARD.lastIndex = 0;
        for (let m = CARD.exec(text); m !== null; m = CARD.exec(text)) {
          const digits = m[0].replace(/[ -]/g, '');
          if (digits.length >= 13 && digits.length <= 19 && '23456'.includes(digits[0]) && passesLuhn(digits)) {
            report('payment_card', m.index, m.index + m[0].length, `•••• ${digits.slice(-4)}`);
          }
        }
      }
      if (ssns) {
        SSN.lastIndex = 0;
        for (let m = SSN.exec(text); m !== null; m = SSN.exec(text)) {
          if (isValidSsn(m[1], m[2], m[3])) report('us_ssn', m.index, m.index + m[0].length, `•••-••-${m[3]}`);
        }
      }
    };
  },
});

const NINE_DIGITS = /(?:\d[ -]?){9}/;

// Every jurisdiction pack of a post runs a personal-data rule on the same body: test it once.
let lastBody: string | null = null;
let lastHasNineDigits = false;

function hasNineDigits(body: string): boolean {
  if (body !== lastBody) {
    lastHasNineDigits = NINE_DIGITS.test(body);
    lastBody = body;
  }
  return lastHasNineDigits;
}

/** The regex may run into a following word ("... 0130 00 BIC ..."): try the longest valid prefix. */
function longestValidIban(candidate: string): string | null {
  for (let end = candidate.length; end >= 15; end--) {
    const prefix = candidate.slice(0, end).trimEnd();
    if (prefix.length === end && isValidIban(prefix)) return prefix;
  }
  return null;
}

function maskIban(iban: string): string {
  const compact = iban.replace(/ /g, '');
  return `${compact.slice(0, 2)}•• •••• ${compact.slice(-4)}`;
}

function isValidSsn(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

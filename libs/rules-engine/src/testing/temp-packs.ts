import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** One pack folder for a test: pack.yaml text and locale files (language -> messages). */
export interface TempPack {
  yaml: string;
  locales?: Record<string, object>;
}

/** Writes packs into a fresh temporary directory and returns it. */
export function writeTempPacks(packs: Record<string, TempPack>): string {
  const dir = mkdtempSync(join(tmpdir(), 'preclear-packs-'));
  for (const [folder, pack] of Object.entries(packs)) {
    mkdirSync(join(dir, folder, 'locales'), { recursive: true });
    writeFileSync(join(dir, folder, 'pack.yaml'), pack.yaml);
    for (const [language, messages] of Object.entries(pack.locales ?? {})) {
      writeFileSync(join(dir, folder, 'locales', `${language}.json`), JSON.stringify(messages));
    }
  }
  return dir;
}

/** The personal-data rule every jurisdiction pack must carry, with its messages. */
export const PII_RULE = `
  - id: XX-PII
    title: No personal data
    severity: block
    finding: personal_data
    verification: S
    citation: { source: Test }
    messageKey: pii
    check: { kind: personal-data }
`;

export const PII_MESSAGES = {
  pii_payment_card: 'card {{masked}}',
  pii_iban: 'iban {{masked}}',
  pii_us_ssn: 'ssn {{masked}}',
};

/** A one-language test pack "XX" holding `rules` (YAML list items) plus the PII rule. */
export function testPack(rules: string, messages: Record<string, unknown> = {}, header = ''): Record<string, TempPack> {
  return {
    xx: {
      yaml: `code: XX
name: Test
languages: [en]
timeZone: Europe/Paris
stages:
  - { stage: compliance, role: reviewer }
  - { stage: principal, role: principal }
${header}
rules:
${PII_RULE}
${rules}`,
      locales: { en: { ...PII_MESSAGES, ...messages } },
    },
  };
}

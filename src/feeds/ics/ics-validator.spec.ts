import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FeedRenderer } from './feed-renderer';

/**
 * Runs test/support/validate_ics.py (vobject + libical, the check `.ci/run` applies to every
 * feed the e2e tests fetch) on rendered feeds and on broken ones. It needs Debian's
 * /usr/bin/python3 with python3-vobject, gir1.2-ical-3.0 and python3-gi; without them these
 * tests are skipped with a message rather than failing on a developer machine.
 */
const PYTHON = '/usr/bin/python3';
const SCRIPT = resolve(__dirname, '../../../test/support/validate_ics.py');
const probe = spawnSync(
  PYTHON,
  ['-c', "import vobject, gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"],
  { encoding: 'utf8' },
);
const parsersInstalled = probe.status === 0;
if (!parsersInstalled) {
  console.warn(`validate_ics.py tests skipped: ${PYTHON} lacks python3-vobject / gir1.2-ical-3.0 / python3-gi`);
}

const describeWithParsers = parsersInstalled ? describe : describe.skip;

describeWithParsers('validate_ics.py', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ics-validate-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const good = new FeedRenderer().render({
    name: 'Validator; DE, PL',
    description: 'Two parsers\nmust agree',
    events: [
      {
        uid: 'post-1@preclear.test',
        sequence: 3,
        start: new Date('2026-10-25T00:30:00Z'),
        timezone: 'Europe/Berlin',
        durationMinutes: 30,
        summary: '[Scheduled] Frühjahrs-Sparaktion 🚀, jetzt; mit Zins',
        description: `${'Pflichtangaben gemäß §6a PAngV '.repeat(8)}\nzweite Zeile`,
        categories: ['Scheduled', 'DE', 'a,b'],
        status: 'CONFIRMED',
        url: 'https://app.preclear.test/p/1?a=1,2;b',
        lastModified: new Date('2026-01-05T08:00:00Z'),
      },
      {
        uid: 'stage-1-legal@preclear.test',
        sequence: 0,
        start: new Date('2026-03-08T07:30:00Z'),
        timezone: 'America/New_York',
        durationMinutes: 15,
        summary: '[Review due: legal] Spring CD special',
        description: '',
        categories: [],
        status: 'TENTATIVE',
        lastModified: new Date('2026-01-05T08:00:00Z'),
      },
    ],
  }).body;

  function validate(...files: string[]): { status: number | null; output: string } {
    const run = spawnSync(PYTHON, [SCRIPT, ...files], { encoding: 'utf8' });
    return { status: run.status, output: run.stdout + run.stderr };
  }

  function write(name: string, text: string): string {
    const path = join(directory, name);
    writeFileSync(path, text, 'utf8');
    return path;
  }

  it('accepts a rendered feed', () => {
    const result = validate(write('good.ics', good));
    expect(result.output).toMatch(/^ok {3}.*good\.ics$/m);
    expect(result.status).toBe(0);
  });

  it.each([
    [
      'a VEVENT without UID (vobject)',
      (text: string) => text.replace('UID:stage-1-legal@preclear.test\r\n', ''),
      /vobject: .*UID/,
    ],
    [
      'an unknown property (libical)',
      (text: string) => text.replace('SEQUENCE:0\r\n', 'SEQUENCE:0\r\nFOO:bar\r\n'),
      /libical: X-LIC-ERROR .*FOO/,
    ],
    [
      'TIMEZONE-ID (libical)',
      (text: string) =>
        text.replace('X-PUBLISHED-TTL:PT1H\r\n', 'X-PUBLISHED-TTL:PT1H\r\nTIMEZONE-ID:Europe/Berlin\r\n'),
      /TIMEZONE-ID/,
    ],
    [
      'an unclosed calendar (both)',
      (text: string) => text.replace('END:VCALENDAR\r\n', ''),
      /never closed.*libical: could not parse/,
    ],
  ])('rejects %s and exits non-zero', (name, breakIt, expected) => {
    const path = write(`${name.replace(/\W+/g, '-')}.ics`, breakIt(good));
    const result = validate(path, write('also-good.ics', good));
    expect(result.output).toMatch(/^ok {3}.*also-good\.ics$/m);
    expect(result.output).toMatch(new RegExp(`^FAIL .*${name.replace(/\W+/g, '-')}\\.ics: .*${expected.source}`, 'm'));
    expect(result.status).toBe(1);
  });

  it('checks every .ics file of a directory', () => {
    const only = mkdtempSync(join(directory, 'dir-'));
    writeFileSync(join(only, 'a.ics'), good);
    writeFileSync(join(only, 'b.ics'), good);
    writeFileSync(join(only, 'notes.txt'), 'not a calendar');
    const result = validate(only);
    expect(result.output).toMatch(/2 file\(s\) checked, 0 failed/);
    expect(result.status).toBe(0);
  });
});

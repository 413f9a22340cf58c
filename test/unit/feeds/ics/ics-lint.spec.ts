import { lintIcs } from '../../../support/ics-lint';
import { renderFeed } from '../../../../src/feeds/ics/feed-renderer';

/** A minimal feed that passes, edited by each case below into one that must not. */
const GOOD = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Preclear//Test//EN',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19701025T030000',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:post-1@preclear.test',
  'DTSTAMP:20260105T080000Z',
  'DTSTART;TZID=Europe/Berlin:20260501T100000',
  'STATUS:CONFIRMED',
  'URL;VALUE=URI:https://app.preclear.test/p?a=1%2C2',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:post-2@preclear.test',
  'DTSTAMP:20260105T080000Z',
  'DTSTART:20260501T100000Z',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('lintIcs', () => {
  it('accepts a correct feed and the renderer output', () => {
    expect(lintIcs(GOOD)).toEqual([]);
    expect(lintIcs(renderFeed({ name: 'Lint', events: [] }))).toEqual([]);
  });

  it.each<[string, (text: string) => string, RegExp]>([
    ['a byte order mark', (text) => '\uFEFF' + text, /byte order mark/],
    ['LF line ends', (text) => text.replace(/\r\n/g, '\n'), /bare CR or LF/],
    ['a missing final CRLF', (text) => text.slice(0, -2), /does not end with CRLF/],
    [
      'a line over 75 octets',
      (text) => text.replace('STATUS:CONFIRMED', `SUMMARY:${'ü'.repeat(40)}\r\nSTATUS:CONFIRMED`),
      /octets, more than 75/,
    ],
    ['no VERSION', (text) => text.replace('VERSION:2.0\r\n', ''), /VERSION/],
    ['no PRODID', (text) => text.replace('PRODID:-//Preclear//Test//EN\r\n', ''), /PRODID/],
    ['a VEVENT without UID', (text) => text.replace('UID:post-2@preclear.test\r\n', ''), /needs exactly one UID/],
    [
      'a VEVENT without DTSTART',
      (text) => text.replace('DTSTART:20260501T100000Z\r\n', ''),
      /needs exactly one DTSTART/,
    ],
    [
      'a DTSTAMP without Z',
      (text) => text.replace('DTSTAMP:20260105T080000Z', 'DTSTAMP:20260105T080000'),
      /not a UTC date-time/,
    ],
    [
      'a TZID without VTIMEZONE',
      (text) => text.replace('DTSTART:20260501T100000Z', 'DTSTART;TZID=America/New_York:20260501T100000'),
      /TZID=America\/New_York has no VTIMEZONE/,
    ],
    [
      'a floating DTSTART',
      (text) => text.replace('DTSTART:20260501T100000Z', 'DTSTART:20260501T100000'),
      /floating time/,
    ],
    ['STATUS:PUBLISHED', (text) => text.replace('STATUS:CONFIRMED', 'STATUS:PUBLISHED'), /STATUS:PUBLISHED/],
    ['STATUS:CANCELLED', (text) => text.replace('STATUS:CONFIRMED', 'STATUS:CANCELLED'), /STATUS:CANCELLED/],
    ['a duplicate UID', (text) => text.replace('UID:post-2@preclear.test', 'UID:post-1@preclear.test'), /already used/],
    [
      'X-WR-TIMEZONE',
      (text) =>
        text.replace('PRODID:-//Preclear//Test//EN', 'PRODID:-//Preclear//Test//EN\r\nX-WR-TIMEZONE:Europe/Berlin'),
      /X-WR-TIMEZONE must not be used/,
    ],
    [
      'TIMEZONE-ID',
      (text) =>
        text.replace('PRODID:-//Preclear//Test//EN', 'PRODID:-//Preclear//Test//EN\r\nTIMEZONE-ID:Europe/Berlin'),
      /TIMEZONE-ID must not be used/,
    ],
    ['METHOD:REQUEST', (text) => text.replace('VERSION:2.0', 'VERSION:2.0\r\nMETHOD:REQUEST'), /METHOD:REQUEST/],
    ['a backslash in a URL', (text) => text.replace('a=1%2C2', 'a=1\\,2'), /backslash/],
    ['an unclosed component', (text) => text.replace('END:VEVENT\r\nEND:VCALENDAR', 'END:VCALENDAR'), /does not close/],
    [
      'a body of 1 MB or more',
      (text) => text.replace('STATUS:CONFIRMED', 'X-PAD:x\r\n'.repeat(120_000) + 'STATUS:CONFIRMED'),
      /bytes, limit is under 1000000/,
    ],
  ])('reports %s', (_, breakIt, expected) => {
    const problems = lintIcs(breakIt(GOOD));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it('accepts METHOD:PUBLISH and folded lines', () => {
    const text = GOOD.replace('VERSION:2.0', 'VERSION:2.0\r\nMETHOD:PUBLISH').replace(
      'STATUS:CONFIRMED',
      `SUMMARY:${'a'.repeat(60)}\r\n ${'b'.repeat(70)}\r\nSTATUS:CONFIRMED`,
    );
    expect(lintIcs(text)).toEqual([]);
  });
});

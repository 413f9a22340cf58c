/**
 * Our own line-level check of a feed, for the properties the parsers accept silently
 * (ICAL.md §3): ical.js takes LF-only text, long lines, missing UID/DTSTAMP and DTSTAMP
 * without Z; every parser takes STATUS:PUBLISHED. Returns a list of problems, empty when
 * the feed is fine, so a failing test shows all of them at once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface IcsLintOptions {
  /** Largest body accepted, in bytes (default 1,000,000: Google's limit is about 1 MB). */
  maxBytes?: number;
}

interface ContentLine {
  /** 1-based number of the physical line where the content line starts. */
  lineNumber: number;
  name: string;
  params: Map<string, string>;
  value: string;
}

interface Component {
  name: string;
  lineNumber: number;
  lines: ContentLine[];
}

const MAX_LINE_OCTETS = 75;
const ALLOWED_STATUS = new Set(['TENTATIVE', 'CONFIRMED']);
const UTC_DATE_TIME = /^\d{8}T\d{6}Z$/;
const LOCAL_DATE_TIME = /^\d{8}T\d{6}$/;

export function lintIcs(text: string, options: IcsLintOptions = {}): string[] {
  const problems: string[] = [];
  const maxBytes = options.maxBytes ?? 1_000_000;
  const bytes = Buffer.byteLength(text, 'utf8');

  if (text.charCodeAt(0) === 0xfeff) {
    problems.push('starts with a byte order mark');
  }
  if (bytes >= maxBytes) {
    problems.push(`body is ${bytes} bytes, limit is under ${maxBytes}`);
  }
  if (!text.endsWith('\r\n')) {
    problems.push('does not end with CRLF');
  }

  const physical = text.split('\r\n');
  if (physical[physical.length - 1] === '') {
    physical.pop();
  }
  physical.forEach((line, index) => {
    if (line.includes('\n') || line.includes('\r')) {
      problems.push(`line ${index + 1}: bare CR or LF (lines must end with CRLF)`);
    }
    const octets = Buffer.byteLength(line, 'utf8');
    if (octets > MAX_LINE_OCTETS) {
      problems.push(`line ${index + 1}: ${octets} octets, more than ${MAX_LINE_OCTETS}`);
    }
  });

  const contentLines = unfold(physical, problems);
  const calendar = structure(contentLines, problems);
  if (calendar === null) {
    return problems;
  }

  checkCalendar(calendar, problems);
  return problems;
}

/**
 * Writes a fetched feed where `.ci/run` validates every feed with validate_ics.py, when
 * ICS_OUT_DIR is set (the e2e run sets it); otherwise does nothing.
 */
export function saveIcsForValidation(label: string, body: string): void {
  const directory = process.env.ICS_OUT_DIR;
  if (!directory) {
    return;
  }
  mkdirSync(directory, { recursive: true });
  const safeLabel = label.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 100);
  writeFileSync(join(directory, `${safeLabel}-${process.pid}-${Date.now()}.ics`), body, 'utf8');
}

function unfold(physical: string[], problems: string[]): ContentLine[] {
  const lines: ContentLine[] = [];
  let current: { lineNumber: number; text: string } | null = null;
  const flush = (): void => {
    if (current !== null) {
      const parsed = parseContentLine(current.text, current.lineNumber);
      if (parsed === null) {
        problems.push(`line ${current.lineNumber}: not a content line (name[;params]:value)`);
      } else {
        lines.push(parsed);
      }
    }
  };
  physical.forEach((line, index) => {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (current === null) {
        problems.push(`line ${index + 1}: continuation line with nothing to continue`);
      } else {
        current.text += line.slice(1);
      }
      return;
    }
    flush();
    current = { lineNumber: index + 1, text: line };
  });
  flush();
  return lines;
}

function parseContentLine(text: string, lineNumber: number): ContentLine | null {
  // The name and parameters end at the first colon outside a quoted parameter value.
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      inQuotes = !inQuotes;
    } else if (char === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) {
    return null;
  }
  const [name, ...rawParams] = text.slice(0, colon).split(';');
  if (!/^[A-Za-z0-9-]+$/.test(name)) {
    return null;
  }
  const params = new Map<string, string>();
  for (const param of rawParams) {
    const equals = param.indexOf('=');
    if (equals <= 0) {
      return null;
    }
    params.set(param.slice(0, equals).toUpperCase(), param.slice(equals + 1).replace(/^"(.*)"$/, '$1'));
  }
  return { lineNumber, name: name.toUpperCase(), params, value: text.slice(colon + 1) };
}

/** Checks BEGIN/END nesting and returns the VCALENDAR with its direct lines and components. */
function structure(lines: ContentLine[], problems: string[]): { calendar: Component; children: Component[] } | null {
  if (lines.length === 0 || lines[0].name !== 'BEGIN' || lines[0].value.toUpperCase() !== 'VCALENDAR') {
    problems.push('does not start with BEGIN:VCALENDAR');
    return null;
  }
  const last = lines[lines.length - 1];
  if (last.name !== 'END' || last.value.toUpperCase() !== 'VCALENDAR') {
    problems.push('does not end with END:VCALENDAR');
  }
  const calendar: Component = { name: 'VCALENDAR', lineNumber: lines[0].lineNumber, lines: [] };
  const children: Component[] = [];
  const stack: Component[] = [calendar];
  for (const line of lines.slice(1)) {
    if (line.name === 'BEGIN') {
      const component: Component = { name: line.value.toUpperCase(), lineNumber: line.lineNumber, lines: [] };
      if (stack.length === 1) {
        children.push(component);
      }
      stack.push(component);
    } else if (line.name === 'END') {
      const open = stack.pop();
      if (open === undefined || open.name !== line.value.toUpperCase()) {
        problems.push(`line ${line.lineNumber}: END:${line.value} does not close ${open?.name ?? 'anything'}`);
        return null;
      }
    } else if (stack.length === 0) {
      problems.push(`line ${line.lineNumber}: ${line.name} after END:VCALENDAR`);
    } else {
      stack[stack.length - 1].lines.push(line);
    }
  }
  if (stack.length > 0) {
    problems.push(`unclosed component(s): ${stack.map((component) => component.name).join(', ')}`);
  }
  return { calendar, children };
}

function checkCalendar(
  { calendar, children }: { calendar: Component; children: Component[] },
  problems: string[],
): void {
  const calendarProperty = (name: string): ContentLine[] => calendar.lines.filter((line) => line.name === name);

  if (calendarProperty('VERSION').length !== 1 || calendarProperty('VERSION')[0].value !== '2.0') {
    problems.push('VCALENDAR needs exactly one VERSION:2.0');
  }
  if (calendarProperty('PRODID').length !== 1 || calendarProperty('PRODID')[0].value === '') {
    problems.push('VCALENDAR needs exactly one non-empty PRODID');
  }
  for (const forbidden of ['X-WR-TIMEZONE', 'TIMEZONE-ID']) {
    for (const line of calendarProperty(forbidden)) {
      problems.push(
        `line ${line.lineNumber}: ${forbidden} must not be used (set per-event TZID with a VTIMEZONE instead)`,
      );
    }
  }
  for (const line of calendarProperty('METHOD')) {
    if (line.value.toUpperCase() !== 'PUBLISH') {
      problems.push(`line ${line.lineNumber}: METHOD:${line.value} (a feed omits METHOD or uses PUBLISH)`);
    }
  }

  const declaredZones = new Set(
    children
      .filter((component) => component.name === 'VTIMEZONE')
      .map((component) => component.lines.find((line) => line.name === 'TZID')?.value)
      .filter((tzid): tzid is string => tzid !== undefined),
  );
  const uids = new Map<string, number>();

  for (const event of children.filter((component) => component.name === 'VEVENT')) {
    const where = `VEVENT at line ${event.lineNumber}`;
    const property = (name: string): ContentLine[] => event.lines.filter((line) => line.name === name);
    for (const required of ['UID', 'DTSTAMP', 'DTSTART']) {
      if (property(required).length !== 1) {
        problems.push(`${where}: needs exactly one ${required}`);
      }
    }
    const uid = property('UID')[0]?.value;
    if (uid !== undefined) {
      const firstSeen = uids.get(uid);
      if (firstSeen !== undefined) {
        problems.push(`${where}: UID ${uid} already used by the VEVENT at line ${firstSeen}`);
      } else {
        uids.set(uid, event.lineNumber);
      }
    }
    for (const stamp of [...property('DTSTAMP'), ...property('LAST-MODIFIED'), ...property('CREATED')]) {
      if (!UTC_DATE_TIME.test(stamp.value)) {
        problems.push(`line ${stamp.lineNumber}: ${stamp.name}:${stamp.value} is not a UTC date-time (…Z)`);
      }
    }
    for (const time of [...property('DTSTART'), ...property('DTEND')]) {
      const tzid = time.params.get('TZID');
      if (time.params.get('VALUE') === 'DATE') {
        continue;
      }
      if (tzid !== undefined) {
        if (!declaredZones.has(tzid)) {
          problems.push(`line ${time.lineNumber}: TZID=${tzid} has no VTIMEZONE`);
        }
        if (!LOCAL_DATE_TIME.test(time.value)) {
          problems.push(`line ${time.lineNumber}: ${time.name} with TZID must be a local date-time, got ${time.value}`);
        }
      } else if (!UTC_DATE_TIME.test(time.value)) {
        problems.push(`line ${time.lineNumber}: ${time.name}:${time.value} is a floating time (needs Z or TZID)`);
      }
    }
    for (const status of property('STATUS')) {
      if (!ALLOWED_STATUS.has(status.value)) {
        problems.push(`line ${status.lineNumber}: STATUS:${status.value} (only TENTATIVE or CONFIRMED)`);
      }
    }
    for (const url of property('URL')) {
      if (url.value.includes('\\')) {
        problems.push(`line ${url.lineNumber}: URL contains a backslash (percent-encode , and ; instead)`);
      }
    }
  }

  // TZIDs on any other property (e.g. in a future RECURRENCE-ID) need a VTIMEZONE too.
  for (const component of children.filter((child) => child.name !== 'VTIMEZONE')) {
    for (const line of component.lines) {
      const tzid = line.params.get('TZID');
      if (tzid !== undefined && !declaredZones.has(tzid) && line.name !== 'DTSTART' && line.name !== 'DTEND') {
        problems.push(`line ${line.lineNumber}: TZID=${tzid} has no VTIMEZONE`);
      }
    }
  }
}

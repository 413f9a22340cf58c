/**
 * Text clean-up applied before values reach ical-generator. ical-generator escapes SUMMARY,
 * DESCRIPTION and CATEGORIES, but writes the calendar NAME / X-WR-CALNAME / X-WR-CALDESC and
 * PRODID verbatim, backslash-escapes `,` and `;` inside URL values (clients then keep the
 * backslashes), and passes control characters through. These helpers close those gaps.
 */

/** Outlook uses X-WR-CALNAME as a folder name and may cut it at 255 characters (MS-OXCICAL). */
export const MAX_CALENDAR_NAME_LENGTH = 255;

// RFC 5545 §3.1 forbids CONTROL characters (all of C0 but HTAB, plus DEL) in values.
// Line breaks are handled separately by each caller.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_EXCEPT_TAB_AND_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LINE_BREAKS = /\r\n|\r|\n/g;
// A lone UTF-16 surrogate has no UTF-8 encoding; Buffer would write U+FFFD while the line
// folder counts it differently, so replace it before anything measures octets.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function wellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

/** A single-line TEXT value: line breaks become spaces, control characters disappear. */
export function singleLineText(value: string): string {
  return wellFormed(value).replace(LINE_BREAKS, ' ').replace(CONTROL_EXCEPT_TAB_AND_LINE_BREAKS, '').trim();
}

/** A multi-line TEXT value: line breaks kept (the writer escapes them as `\n`), controls removed. */
export function multiLineText(value: string): string {
  return wellFormed(value).replace(CONTROL_EXCEPT_TAB_AND_LINE_BREAKS, '').replace(LINE_BREAKS, '\n');
}

/** RFC 5545 §3.3.11 TEXT escaping, for the properties ical-generator writes unescaped. */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (match) => '\\' + match).replace(/\n/g, '\\n');
}

/**
 * The calendar name, safe for NAME and X-WR-CALNAME: one line (a CR/LF would start a new,
 * attacker-chosen property), at most 255 characters (cut between code points), TEXT-escaped.
 */
export function calendarNameValue(name: string): string {
  const oneLine = singleLineText(name);
  const codePoints = Array.from(oneLine);
  const cut =
    codePoints.length > MAX_CALENDAR_NAME_LENGTH ? codePoints.slice(0, MAX_CALENDAR_NAME_LENGTH).join('') : oneLine;
  return escapeText(cut.trim());
}

/** The calendar description for X-WR-CALDESC: line breaks kept as `\n`, TEXT-escaped. */
export function calendarDescriptionValue(description: string): string {
  return escapeText(multiLineText(description).trim());
}

/**
 * One PRODID part (company, product, language). PRODID is written verbatim, so a line break
 * would inject properties and `//` would shift the parts.
 */
export function prodIdPart(value: string): string {
  return singleLineText(value).replace(/\/\/+/g, '/');
}

// RFC 3986 unreserved and reserved characters, plus `%` for existing escapes; `,` and `;` are
// left out on purpose so they get percent-encoded (ical-generator would backslash them).
const URL_SAFE_CHAR = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+=%]/;

/**
 * The event URL as an ASCII URI that survives ical-generator's TEXT escaping unchanged:
 * `,` `;` `\` and anything outside RFC 3986 are percent-encoded. Returns null for anything
 * that is not an absolute http(s) URL, which is then left out of the feed.
 */
export function eventUrlValue(url: string | undefined): string | null {
  if (url === undefined || url.trim() === '') {
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return null;
  }
  let encoded = '';
  for (const char of wellFormed(parsed.href)) {
    encoded += URL_SAFE_CHAR.test(char) ? char : encodeURIComponent(char);
  }
  return encoded;
}

/**
 * Line folding with exactly the output of ical-generator 11's `foldLines` (74 octets per
 * physical line before the CRLF, continuation lines start with one space, multi-byte
 * characters never split), but without building each long line one character at a time:
 * the library's version is the largest single cost of a full-calendar render.
 *
 * Folding is per line, so folding the calendar piece by piece (header, each VEVENT block,
 * footer) and concatenating gives the same bytes as folding the whole text at once, as long
 * as every piece ends on a line boundary. The renderer relies on that; fold-lines.spec.ts
 * compares this function with the library's on random input.
 */

const MAX_OCTETS = 74;
const NON_ASCII = /[\u0080-\uFFFF]/;

export function foldIcsLines(input: string): string {
  const lines = input.split('\r\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (line.length > MAX_OCTETS || NON_ASCII.test(line)) {
      lines[n] = foldLine(line);
    }
  }
  return lines.join('\r\n');
}

function foldLine(line: string): string {
  let pieces: string[] | null = null;
  let pieceStart = 0;
  let octets = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    const charStart = i;
    let size: number;
    if (code < 0x80) {
      size = 1;
    } else if (code < 0x800) {
      size = 2;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      // A high surrogate always takes the next code unit with it, as in the library.
      size = 4;
      i++;
    } else {
      size = 3;
    }
    octets += size;
    if (octets > MAX_OCTETS) {
      (pieces ??= []).push(line.slice(pieceStart, charStart));
      pieceStart = charStart;
      octets = size;
    }
  }
  if (pieces === null) {
    return line;
  }
  pieces.push(line.slice(pieceStart));
  return pieces.join('\r\n ');
}

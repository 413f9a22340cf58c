// Candidate tokens: a dot with something after it (cheap to find); each is then tested as a whole against
// URL. The lookbehind anchors a token at its first character, so a long run without spaces is scanned once,
// not once per position: scheme or www URLs, and bare domains of the TLDs our posts use (X links those too).
const DOTTED_TOKEN = /(?<!\S)\S*\.\S+/g;
const URL =
  /^(?:https?:\/\/\S+|www\.\S+|(?:[a-z0-9-]+\.)+(?:com|org|net|uk|de|fr|es|nl|pl|eu|io|co|us|gov)(?:\/\S*)?[.,;:!?)]*)$/i;

/**
 * A text's length as a channel counts it: each URL as `urlWeight` when given (X's t.co links)
 * and, with `wideDouble`, CJK and emoji as two. Shared by the length-limit check and the API's
 * body limits (limits.ts), which is why it lives apart from both.
 */
export function weightedLength(text: string, urlWeight: number | undefined, wideDouble: boolean): number {
  let length = 0;
  let rest = text;
  if (urlWeight !== undefined) {
    rest = text.replace(DOTTED_TOKEN, (token) => {
      if (!URL.test(token)) return token;
      length += urlWeight;
      return '';
    });
  }
  for (const ch of rest) {
    const code = ch.codePointAt(0) as number;
    // Joiners and variation selectors are part of the emoji before them.
    if (code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) continue;
    length += wideDouble && isWide(code) ? 2 : 1;
  }
  return length;
}

/** X counts these ranges as one; everything else (CJK, emoji) as two. */
function isWide(code: number): boolean {
  return !(
    code <= 0x10ff ||
    (code >= 0x2000 && code <= 0x200d) ||
    (code >= 0x2010 && code <= 0x201f) ||
    (code >= 0x2032 && code <= 0x2037)
  );
}

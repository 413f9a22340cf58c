import { ArgError } from '../errors';
import { MAX_BODY_LENGTH } from '../limits';
import { boundedPaths } from './bounded-pattern';

/**
 * CPU budget of one pattern on one adversarial text of MAX_BODY_LENGTH characters. A linear
 * pattern needs a few hundredths of a millisecond there; one that backtracks quadratically
 * (an unanchored `\d+` before something that fails) needs tens of milliseconds, so the margin
 * absorbs a loaded machine while a real regression still fails.
 */
export const PATTERN_BUDGET_MS = 4;

/**
 * A pattern over budget is measured again this many times; only the
 * fastest run counts (noise, such as a GC pause, is one-sided).
 */
const RETRIES = 4;

const PROBE_LENGTHS = [20, 256, MAX_BODY_LENGTH];

interface AdversarialText {
  name: string;
  text: string;
}

function fill(unit: string, length = MAX_BODY_LENGTH): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/**
 * Texts that make badly written patterns backtrack: long digit runs, digit runs with the
 * separators of every pack language, repeated words and spaces, letters glued to digits.
 */
const GENERIC_TEXTS: readonly AdversarialText[] = [
  { name: 'a digit run', text: fill('1') },
  { name: 'digits with dots', text: fill('1.') },
  { name: 'digits with commas', text: fill('12,') },
  { name: 'digits with spaces', text: fill('1 ') },
  { name: 'amounts and percent signs', text: fill('1.000,5 % ') },
  { name: 'a letter run', text: fill('a') },
  { name: 'repeated words', text: fill('credit loan rate ') },
  { name: 'spaces', text: fill(' ') },
  { name: 'letters and digits', text: fill('a1') },
];

/**
 * The generic texts plus one built from the pattern's own words, so patterns are also tried on many partial matches.
 */
export function adversarialTexts(source: string): AdversarialText[] {
  const words = source.replace(/\\[pPu]\{[^}]*\}|\\./g, ' ').match(/\p{L}{2,}/gu);
  if (words === null) return [...GENERIC_TEXTS];
  const own = [...new Set(words)].join(' 1 ');
  return [
    ...GENERIC_TEXTS,
    { name: "the pattern's own words repeated", text: fill(`${own} 1,5 % `) },
    { name: "the pattern's own words without spaces", text: fill(own.replace(/ /g, '')) },
  ];
}

const proven = new Set<string>();

/**
 * Runs the pattern as evaluation does (every match, from the start) and returns the CPU
 * milliseconds of this process when the run is slow: unlike wall time, it does not grow when
 * other processes share the cores, so a busy machine does not fail a sound pattern.
 */
function timeAllMatches(re: RegExp, probes: readonly AdversarialText[]): number {
  // Wall time bounds this thread's CPU time from above and costs no system call: a pattern
  // within budget by the clock is within it by CPU time. Only a slow run is timed again by CPU.
  const wallStarted = performance.now();
  runAllMatches(re, probes);
  const wallMs = performance.now() - wallStarted;
  if (wallMs <= PATTERN_BUDGET_MS) return wallMs;
  const started = process.cpuUsage();
  runAllMatches(re, probes);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

function runAllMatches(re: RegExp, probes: readonly AdversarialText[]): void {
  for (const { text } of probes) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  re.lastIndex = 0;
}

/**
 * Refuses a compiled pattern that exceeds PATTERN_BUDGET_MS on any adversarial text. Proven
 * patterns are remembered by source and flags, so a shared pattern is measured once; a
 * pattern without repetition is linear by construction (bounded-pattern.ts) and not run.
 * `source` is the pattern as the pack writes it, `re` its compiled form.
 */
export function assertWithinBudget(
  re: RegExp,
  source: string,
  path: string,
  bounded: boolean = boundedPaths(source) !== null,
): void {
  const key = `${re.flags}/${re.source}`;
  if (proven.has(key)) return;
  if (bounded) {
    proven.add(key);
    return;
  }
  const texts = adversarialTexts(source);
  // Growing lengths: an exponential pattern is caught on a short prefix instead of hanging start-up.
  for (const length of PROBE_LENGTHS) {
    const probes = texts.map(({ name, text }) => ({ name, text: text.slice(0, length) }));
    // All texts of one length are timed together: when the sum is within budget, so is each
    // one, and a sound pattern costs one CPU reading per length instead of one per text.
    if (timeAllMatches(re, probes) <= PATTERN_BUDGET_MS) continue;
    for (const probe of probes) {
      let fastest = timeAllMatches(re, [probe]);
      for (let i = 0; i < RETRIES && fastest > PATTERN_BUDGET_MS; i++) {
        fastest = Math.min(fastest, timeAllMatches(re, [probe]));
      }
      if (fastest > PATTERN_BUDGET_MS) {
        throw new ArgError(
          path,
          `regular expression /${source}/ takes ${fastest.toFixed(1)} ms on ${probe.name} of ${length} characters (budget ${PATTERN_BUDGET_MS} ms): ` +
            'anchor or bound its quantifiers (e.g. (?<![\\d.,])\\d{1,7} instead of \\d+)',
        );
      }
    }
  }
  proven.add(key);
}

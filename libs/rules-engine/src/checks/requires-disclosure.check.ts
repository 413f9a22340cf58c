import { ArgError } from '../errors';
import { ArgReader } from '../pack/arg-reader';
import { readPatternSet } from '../pack/pattern-input';
import { PatternSet } from '../text/pattern';
import { foldText } from '../text/post-text';
import { defineCheck } from './check-kind';
import { LanguageCache, readTextsByLanguage, TextsByLanguage, textsFor } from './texts-by-language';

/**
 * A mandatory statement. `text` statements are exact wording (per language, alternatives
 * allowed): matching ignores case, whitespace, NBSP, quote style and spacing before
 * punctuation, but every word must be there in order, so a warning with one word changed
 * fails. `pattern` statements accept any wording matching the pattern (for duties with no
 * prescribed text); `suggest` is what the fix proposes.
 */
interface Statement {
  name?: string;
  texts?: TextsByLanguage;
  pattern?: PatternSet;
  suggest?: TextsByLanguage;
}

interface Args {
  statements: Statement[];
  acceptInMediaAltText: boolean;
}

interface ResolvedStatement {
  needles: string[] | null;
  pattern: PatternSet | null;
  display: string;
  fixText: string | null;
}

export const requiresDisclosure = defineCheck<Args>({
  kind: 'requires-disclosure',
  findingKinds: ['missing_disclosure'],
  messageParams: ['missing', 'text'],
  phase: 'content',

  validateArgs(args: ArgReader, env) {
    args.allowOnly(['text', 'statements', 'acceptInMediaAltText']);
    const acceptInMediaAltText = args.boolean('acceptInMediaAltText', false);
    if (args.has('text') === args.has('statements')) throw new ArgError(args.path, 'give either text or statements');
    if (args.has('text')) return { statements: [{ texts: readTextsByLanguage(args, 'text') }], acceptInMediaAltText };
    const statements = args.children('statements', { nonEmpty: true }).map((item): Statement => {
      item.allowOnly(['name', 'text', 'pattern', 'suggest']);
      if (item.has('text') === item.has('pattern')) throw new ArgError(item.path, 'give either text or pattern');
      if (item.has('text')) return { name: item.optionalString('name'), texts: readTextsByLanguage(item, 'text') };
      return {
        name: item.string('name'),
        pattern: readPatternSet(item.raw('pattern'), item.at('pattern'), env.namedPatterns),
        suggest: item.has('suggest') ? readTextsByLanguage(item, 'suggest') : undefined,
      };
    });
    return { statements, acceptInMediaAltText };
  },

  compile({ statements, acceptInMediaAltText }) {
    const resolved = new LanguageCache<ResolvedStatement[]>((language) =>
      statements.map((st) => {
        if (st.texts !== undefined) {
          const texts = textsFor(st.texts, language);
          return {
            needles: texts.map((t) => foldText(t).replace(/\.$/, '')),
            pattern: null,
            display: st.name ?? texts[0],
            fixText: texts[0],
          };
        }
        const suggestion = st.suggest ? textsFor(st.suggest, language)[0] : null;
        return { needles: null, pattern: st.pattern ?? null, display: st.name ?? suggestion ?? '', fixText: suggestion };
      }),
    );

    return (ctx, out) => {
      const list = resolved.get(ctx.language);
      let missing: ResolvedStatement[] | null = null;
      for (const st of list) {
        if (isPresent(st, ctx.text.folded, ctx.text.normalized, ctx.language)) continue;
        if (acceptInMediaAltText && ctx.foldedAltText !== '' && isPresent(st, ctx.foldedAltText, ctx.foldedAltText, ctx.language)) continue;
        (missing ??= []).push(st);
      }
      if (missing === null) return;
      const fixTexts = missing.map((st) => st.fixText).filter((t): t is string => t !== null);
      out.finding({
        params: { missing: missing.map((st) => st.display).join(' | '), text: fixTexts.join(' ') },
        fix: fixTexts.length > 0 ? { append: fixTexts.join('\n') } : null,
      });
    };
  },
});

function isPresent(st: ResolvedStatement, folded: string, normalized: string, language: string): boolean {
  if (st.needles !== null) return st.needles.some((needle) => folded.includes(needle));
  return st.pattern !== null && st.pattern.matches(normalized, language);
}

import { ArgError } from '../errors';
import { ArgReader } from '../pack/arg-reader';
import { readPatternSet } from '../pack/pattern-input';
import { PatternSet } from '../text/pattern';
import { foldText, PostText } from '../text/post-text';
import { defineCheck } from './check-kind';
import { LanguageCache, readTextsByLanguage, TextsByLanguage, textsFor } from './texts-by-language';

/**
 * A mandatory statement. `text` is exact wording (per language, alternatives allowed):
 * matching ignores case, whitespace, NBSP, quote style and spacing before punctuation, but
 * every word must be there in order, so a warning with one word changed fails. `pattern`
 * accepts any wording that matches (duties with no prescribed text, or language versions
 * whose official wording was not verified); `suggest` is what the fix proposes then.
 * A statement may have both: a language with an exact text is held to it, a language with
 * only a pattern is matched by meaning.
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
  /** Where the statement belongs: 'start' (a warning the law wants before the offer) makes the fix prepend it. */
  placement: 'start' | 'end';
}

interface ResolvedStatement {
  needles: string[];
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
    args.allowOnly(['text', 'statements', 'acceptInMediaAltText', 'placement']);
    const acceptInMediaAltText = args.boolean('acceptInMediaAltText', false);
    const placement = readPlacement(args);
    const base = { acceptInMediaAltText, placement };
    if (args.has('text') === args.has('statements')) throw new ArgError(args.path, 'give either text or statements');
    if (args.has('text')) return { statements: [{ texts: readTextsByLanguage(args, 'text') }], ...base };
    const statements = args.children('statements', { nonEmpty: true }).map((item): Statement => {
      item.allowOnly(['name', 'text', 'pattern', 'suggest']);
      if (!item.has('text') && !item.has('pattern')) throw new ArgError(item.path, 'give text, pattern or both');
      if (item.has('pattern') && !item.has('name')) {
        throw new ArgError(item.at('name'), 'a pattern statement needs a name to show when it is missing');
      }
      return {
        name: item.optionalString('name'),
        texts: item.has('text') ? readTextsByLanguage(item, 'text') : undefined,
        pattern: item.has('pattern')
          ? readPatternSet(item.raw('pattern'), item.at('pattern'), env.namedPatterns)
          : undefined,
        suggest: item.has('suggest') ? readTextsByLanguage(item, 'suggest') : undefined,
      };
    });
    return { statements, ...base };
  },

  compile({ statements, acceptInMediaAltText, placement }) {
    const resolved = new LanguageCache<ResolvedStatement[]>((language) =>
      statements.map((st) => resolve(st, language)),
    );

    return (ctx, out) => {
      const list = resolved.get(ctx.language);
      let missing: ResolvedStatement[] | null = null;
      for (const st of list) {
        if (isPresent(st, ctx.text, ctx.language)) continue;
        if (acceptInMediaAltText && ctx.altText !== null && isPresent(st, ctx.altText, ctx.language)) continue;
        (missing ??= []).push(st);
      }
      if (missing === null) return;
      const fixTexts = missing.map((st) => st.fixText).filter((t): t is string => t !== null);
      out.finding({
        params: { missing: missing.map((st) => st.display).join(' | '), text: fixTexts.join(' ') },
        fix:
          fixTexts.length === 0
            ? null
            : placement === 'start'
              ? { prepend: fixTexts.join('\n') }
              : { append: fixTexts.join('\n') },
      });
    };
  },
});

function readPlacement(args: ArgReader): Args['placement'] {
  if (!args.has('placement')) return 'end';
  const placement = args.string('placement');
  if (placement === 'start' || placement === 'end') return placement;
  throw new ArgError(args.at('placement'), "must be 'start' or 'end'");
}

function resolve(st: Statement, language: string): ResolvedStatement {
  const ownTexts = st.texts
    ? (st.texts.byLanguage.get(language) ?? (st.texts.any.length > 0 ? st.texts.any : null))
    : null;
  const patternCovers = st.pattern !== undefined && st.pattern.covers(language);
  // Exact text of the post's language; else, where only a pattern covers the language, any
  // listed text still counts; else (a language the rule does not know) everything counts.
  const texts = ownTexts ?? (st.texts ? textsFor(st.texts, language) : []);
  const suggestion = st.suggest ? textsFor(st.suggest, language)[0] : null;
  const fixText = ownTexts?.[0] ?? (patternCovers ? suggestion : null) ?? texts[0] ?? suggestion;
  return {
    needles: texts.map((t) => foldText(t).replace(/\.$/, '')),
    pattern: ownTexts !== null && !patternCovers ? null : (st.pattern ?? null),
    display: st.name ?? fixText ?? '',
    fixText,
  };
}

function isPresent(st: ResolvedStatement, text: PostText, language: string): boolean {
  const folded = text.folded;
  for (let i = 0; i < st.needles.length; i++) if (folded.includes(st.needles[i])) return true;
  return st.pattern !== null && st.pattern.matches(text, language);
}

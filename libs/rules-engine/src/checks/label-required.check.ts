import { ArgReader } from '../pack/arg-reader';
import { escapeRegex, testAt0 } from '../text/pattern';
import { defineCheck } from './check-kind';
import { LanguageCache, readTextsByLanguage, TextsByLanguage, textsFor } from './texts-by-language';

interface Args {
  labels: TextsByLanguage;
}

/**
 * Advertising must be recognisable as such ("Werbung", "#ad", "Publicité"). A label counts
 * as a whole word or hashtag anywhere in the body, in any case: "#ad" does not hide inside
 * "#adventure" and "Anzeige" is not "Anzeigen". The fix proposes the first label of the
 * post's language, prepended, where the courts want to see it.
 */
export const labelRequired = defineCheck<Args>({
  kind: 'label-required',
  findingKinds: ['missing_label'],
  messageParams: ['labels'],
  phase: 'content',

  validateArgs(args: ArgReader) {
    args.allowOnly(['labels']);
    return { labels: readTextsByLanguage(args, 'labels') };
  },

  compile({ labels }) {
    const compiled = new LanguageCache((language) => {
      const list = textsFor(labels, language);
      const alternatives = list.map((label) => escapeRegex(label.trim())).join('|');
      return {
        re: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, 'iu'),
        display: list.join(' / '),
        first: list[0],
      };
    });
    return (ctx, out) => {
      const { re, display, first } = compiled.get(ctx.language);
      if (testAt0(re, ctx.text.normalized)) return;
      out.finding({ params: { labels: display }, fix: { prepend: first } });
    };
  },
});

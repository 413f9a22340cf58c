import { foldText, PostText } from './post-text';
import { literalId } from './required-literals';

describe(PostText.name, () => {
  it('keeps a plain ASCII body as it is', () => {
    const text = PostText.of('Save 3.99% today');
    expect(text.normalized).toBe('Save 3.99% today');
    expect(text.evidence(5, 10)).toEqual({ start: 5, end: 10, text: '3.99%' });
  });

  it('collapses NBSP, narrow NBSP and line breaks into single spaces', () => {
    const text = PostText.of('ab 3,9\u00a0%\n\n  effektiver\u202fJahreszins');
    expect(text.normalized).toBe('ab 3,9 % effektiver Jahreszins');
  });

  it('maps evidence back to the original characters', () => {
    const body = 'Nur\n\n3,9\u00a0% Zins';
    const text = PostText.of(body);
    const start = text.normalized.indexOf('3,9 %');
    const evidence = text.evidence(start, start + 5);
    expect(evidence.text).toBe('3,9\u00a0%');
    expect(body.slice(evidence.start, evidence.end)).toBe('3,9\u00a0%');
  });

  it('straightens quotes and guillemets and drops soft hyphens', () => {
    expect(PostText.of('Don\u2019t \u00abguess\u00bb Kre\u00addit').normalized).toBe('Don\'t "guess" Kredit');
  });

  it('folds case and French spacing before punctuation but keeps words', () => {
    expect(foldText('Attention\u202f! Un crédit')).toBe(foldText('attention! un CRÉDIT'));
    expect(foldText('Attention ! Un prêt')).not.toBe(foldText('Attention ! Un crédit'));
  });

  it('finds literals through the character-pair table exactly as a text search would', () => {
    const text = PostText.of('Kredyt gotówkowy: RRSO 9,99 %, Łódź');
    for (const [literal, present] of [
      ['rrso', true],
      ['gotówkowy', true],
      ['łódź', true],
      ['kredit', false],
      ['oso', false],
      ['%', true],
      ['€', false],
    ] as const) {
      expect(text.hasLiteral(literalId(literal, false))).toBe(present);
    }
    expect(text.hasLiteral(literalId('RRSO', true))).toBe(true);
    expect(text.hasLiteral(literalId('rrso', true))).toBe(false);
  });
});

import { I18nService } from './i18n.service';

describe(I18nService.name, () => {
  it('prefers ?lang= over Accept-Language, ranks by q, and falls back to English', () => {
    expect(I18nService.resolveLanguage('pl', 'de-DE,de;q=0.9')).toBe('pl');
    expect(I18nService.resolveLanguage(undefined, 'it-IT,fr;q=0.8,de;q=0.9')).toBe('de');
    expect(I18nService.resolveLanguage('xx', 'ja')).toBe('en');
    expect(I18nService.resolveLanguage(undefined, undefined)).toBe('en');
  });

  it('translates app messages with parameters in every language and falls back per key', () => {
    const i18n = new I18nService();
    expect(i18n.t('errors.forbiddenRole', 'de', { roles: 'admin' })).toBe(
      'Ihre Rollen erlauben das nicht; nötig ist eine von: Administration (admin)',
    );
    expect(i18n.t('errors.forbiddenRole', 'fr', { roles: 'admin' })).toContain('admin');
    i18n.addNamespace('XX', { en: { only: 'English only' } });
    expect(i18n.t('XX:only', 'nl')).toBe('English only');
  });
});

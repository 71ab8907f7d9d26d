import { afterEach, describe, expect, it } from 'vitest';
import { followSystem, intlLocale, language, languageOf, setLanguage } from '.';

afterEach(() => followSystem({}));

describe('the language', () => {
  it('is German for any German tag, else English', () => {
    expect(languageOf('de')).toBe('de');
    expect(languageOf('de-AT')).toBe('de');
    expect(languageOf('DE_ch')).toBe('de');
    expect(languageOf('en-GB')).toBe('en');
    expect(languageOf('fr-FR')).toBe('en');
    expect(languageOf('dev')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });

  it('follows the system before sign-in', () => {
    followSystem({ language: 'de-DE' });
    expect(language()).toBe('de');
    followSystem({ language: 'fr-FR' });
    expect(language()).toBe('en');
    followSystem(undefined);
    expect(language()).toBe('en');
  });

  it('formats with the system tag only when it is a variant of the language', () => {
    followSystem({ language: 'en-GB' });
    expect(intlLocale()).toBe('en-GB');
    setLanguage('de');
    expect(intlLocale()).toBe('de');
    followSystem({ language: 'de-AT' });
    expect(intlLocale()).toBe('de-AT');
    followSystem({ language: 'fr-FR' });
    expect(intlLocale()).toBe('en');
  });
});

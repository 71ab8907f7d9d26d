import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it('follows the system before sign-in', async () => {
    await followSystem({ language: 'de-DE' });
    expect(language()).toBe('de');
    followSystem({ language: 'fr-FR' });
    expect(language()).toBe('en');
    followSystem(undefined);
    expect(language()).toBe('en');
  });

  it('formats with the system tag only when it is a variant of the language', async () => {
    followSystem({ language: 'en-GB' });
    expect(intlLocale()).toBe('en-GB');
    await setLanguage('de');
    expect(intlLocale()).toBe('de');
    await followSystem({ language: 'de-AT' });
    expect(intlLocale()).toBe('de-AT');
    followSystem({ language: 'fr-FR' });
    expect(intlLocale()).toBe('en');
  });
});

describe('German, fetched when it is to be spoken', () => {
  // Fresh modules: the German texts not yet here.
  async function fresh() {
    vi.resetModules();
    return import('.');
  }
  afterEach(() => {
    vi.doUnmock('./areas/de');
    vi.resetModules();
  });

  it('is spoken once its texts are here, so t() never waits and nothing is half translated', async () => {
    const i18n = await fresh();
    const switching = i18n.setLanguage('de');
    expect(i18n.language()).toBe('en');
    expect(i18n.t('common.cancel')).toBe('Cancel');
    await switching;
    expect(i18n.language()).toBe('de');
    expect(i18n.t('common.cancel')).toBe('Abbrechen');
  });

  it('gives way to a later choice', async () => {
    const i18n = await fresh();
    const german = i18n.setLanguage('de');
    await i18n.setLanguage('en');
    await german;
    expect(i18n.language()).toBe('en');
  });

  it('leaves the language in force when its texts cannot be had, and is tried again next time', async () => {
    vi.doMock('./areas/de', () => {
      throw new TypeError('Importing a module script failed.');
    });
    const i18n = await fresh();
    await i18n.setLanguage('de');
    expect(i18n.language()).toBe('en');
    vi.doUnmock('./areas/de');
    await i18n.setLanguage('de');
    expect(i18n.language()).toBe('de');
  });
});

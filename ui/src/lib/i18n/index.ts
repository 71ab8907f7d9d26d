// Languages for the console (issue 9): `t()` for text, the current language,
// and the switch between them. Formatting of dates, numbers and money is in
// ../format.ts, which formats for the current language too.

export type { MessageKey } from './catalogue';
export { interpolate, midSentence, t, tIn, withArticle, type Params } from './translate';
export {
  followSystem,
  IN_ITSELF,
  intlLocale,
  language,
  languageOf,
  LANGUAGES,
  loadLanguage,
  pageLocale,
  setLanguage,
  type LocaleStore,
} from './locale.svelte';

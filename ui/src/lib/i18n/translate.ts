// `t(key, params)`: the current language's text for `key`, placeholders
// filled. Reading the language makes every caller reactive in Svelte
// templates and `$derived`, so nothing needs to subscribe.

import type { Language } from '../generated/Language';
import type { Message, Plural } from './area';
import { catalogue, type MessageKey } from './catalogue';
import { language } from './locale.svelte';

/** Values for `{name}` placeholders; `count` also picks the plural form. */
export type Params = Record<string, string | number>;

const pluralRules = new Map<Language, Intl.PluralRules>();

function pluralForm(lang: Language, forms: Plural, count: string | number | undefined): string {
  if (typeof count !== 'number') return forms.other;
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  return forms[rules.select(count)] ?? forms.other;
}

/** `{name}` replaced by `params.name`; a placeholder without a value stays, so it shows rather than vanishes. */
export function interpolate(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

function lookup(lang: Language, key: string): Message | undefined {
  const dot = key.indexOf('.');
  return catalogue(lang)?.[key.slice(0, dot)]?.[key.slice(dot + 1)];
}

/** The text for `key` in `lang`, if its catalogue is here (see `setLanguage`); English otherwise. */
export function tIn(lang: Language, key: MessageKey, params?: Params): string {
  // German is typed complete; English is the fallback should that ever slip.
  const message = lookup(lang, key) ?? lookup('en', key);
  if (message === undefined) return key;
  const text = typeof message === 'string' ? message : pluralForm(lang, message, params?.count);
  return params ? interpolate(text, params) : text;
}

export function t(key: MessageKey, params?: Params): string {
  return tIn(language(), key, params);
}

/** A label inside a sentence ("Edit contact details"): English lower-cases it; German nouns keep their capitals. */
export function midSentence(label: string): string {
  return language() === 'de' ? label : label.toLowerCase();
}

/** A role after "As" ("As a viewer, …"): English adds "a" or "an" and lower-cases it; German needs neither ("Als Leser"). */
export function withArticle(label: string): string {
  if (language() === 'de') return label;
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label.toLowerCase()}`;
}

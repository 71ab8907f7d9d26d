// The message catalogues, one file per area in ./areas: English, the source,
// always here; German in ./areas/de, a chunk of its own fetched only when the
// console is to speak German, so start-up parses English alone. To add an
// area: add `areas/<name>.ts` (see areas/common.ts) and `areas/de/<name>.ts`,
// and a line in each index.ts; its keys are then `t('<name>.<key>')`, and the
// type check holds its German to exactly its English keys.

import type { Language } from '../generated/Language';
import { lazy } from '../lazy.svelte';
import type { Messages, Translation } from './area';
import * as english from './areas';

export const ENGLISH = english satisfies Record<string, Messages>;

type Areas = typeof ENGLISH;

/** Every area in German, each with exactly its English keys. */
export type GermanAreas = { [A in keyof Areas]: Translation<Areas[A]> };

/** Every key `t()` knows: "<area>.<key>". */
export type MessageKey = {
  [A in keyof Areas & string]: `${A}.${keyof Areas[A] & string}`;
}[keyof Areas & string];

const GERMAN = lazy(async () => {
  const german: GermanAreas = await import('./areas/de');
  return { default: german };
});

/** `lang`'s catalogue, if it is here (English always is). */
export function catalogue(lang: Language): Record<string, Messages> | undefined {
  return lang === 'en' ? ENGLISH : GERMAN.current;
}

/** Fetches `lang`'s catalogue, once; rejects if it cannot be had. */
export async function loadCatalogue(lang: Language): Promise<void> {
  if (lang !== 'en') await GERMAN.load();
}

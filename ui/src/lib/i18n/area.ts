// What an area catalogue is: English, the source text, and a German
// translation typed from it, so a key missing from or extra to German fails
// the type check (an annotated object literal gets excess-property checks).

/** Forms by `Intl.PluralRules` category; `other` is the one every language has. */
export interface Plural {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** Plain text with `{name}` placeholders, or plural forms chosen by `{count}`. */
export type Message = string | Plural;

export type Messages = Record<string, Message>;

/** Exactly the keys of `T`, each the same shape: text for text, plural forms for plural forms. */
export type Translation<T extends Messages> = { [K in keyof T]: T[K] extends string ? string : Plural };

export interface Area<T extends Messages = Messages> {
  en: T;
  de: Translation<T>;
}

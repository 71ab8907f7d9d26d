// What the types cannot see: both languages use the same placeholders in
// every message, and no text is empty.

import { describe, expect, it } from 'vitest';
import type { Message, Messages } from './area';
import * as GERMAN from './areas/de';
import { ENGLISH } from './catalogue';

const texts = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));

const placeholders = (message: Message): string[] =>
  [...new Set(texts(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')))].sort();

const german: Record<string, Messages | undefined> = GERMAN;

const entries = Object.entries(ENGLISH).flatMap(([area, en]) =>
  Object.keys(en).map((key) => ({
    key: `${area}.${key}`,
    en: (en as Messages)[key]!,
    de: german[area]?.[key],
  })),
);

describe('the catalogues', () => {
  it('have the same areas, and the same keys, in English and German', () => {
    expect(Object.keys(GERMAN).sort()).toEqual(Object.keys(ENGLISH).sort());
    for (const [area, en] of Object.entries(ENGLISH)) {
      expect(Object.keys(german[area] ?? {}).sort(), area).toEqual(Object.keys(en).sort());
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const { key, en, de } of entries) {
      expect(de, key).toBeDefined();
      expect(placeholders(de!), key).toEqual(placeholders(en));
    }
  });

  it('give plural forms where English does, with an "other" form', () => {
    for (const { key, en, de } of entries) {
      expect(typeof de, key).toBe(typeof en);
      if (typeof de === 'object') expect(de.other, key).toBeTruthy();
    }
  });

  it('have no empty texts and no stray braces', () => {
    for (const { key, en, de } of entries) {
      for (const text of [...texts(en), ...texts(de!)]) {
        expect(text.trim(), key).not.toBe('');
        expect(text.replace(/\{\w+\}/g, ''), key).not.toMatch(/[{}]/);
      }
    }
  });
});

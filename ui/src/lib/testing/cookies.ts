// A fake of the two cookie consent commands that behaves like the server
// (PR-14): per person, refused until chosen (version 0, no `decided_at`),
// the whole choice saved on top of a version (a stale one is a `conflict`
// error), a choice that changes nothing keeps its version, and each change
// leaves a receipt (the first choice one per kind, from "not_chosen").

import { vi } from 'vitest';
import type { Api } from '../api';
import type { CookieChoice } from '../generated/CookieChoice';
import type { CookieConsent } from '../generated/CookieConsent';

/** The consent the server sends; `decidedAt` absent while nothing was chosen. */
export function cookieConsent(
  choice: Partial<CookieChoice> = {},
  version = 0,
  decidedAt?: string,
): CookieConsent {
  const consent: CookieConsent = {
    version: BigInt(version),
    necessary: true,
    preferences: choice.preferences ?? false,
    analytics: choice.analytics ?? false,
  };
  if (decidedAt) consent.decided_at = decidedAt;
  return consent;
}

export interface CookieReceipt {
  subject: 'cookies/preferences' | 'cookies/analytics';
  old_state: 'not_chosen' | 'refused' | 'accepted';
  new_state: 'refused' | 'accepted';
}

export interface FakeCookies {
  api: Pick<Api, 'loadCookieConsent' | 'saveCookieConsent'>;
  current(): CookieConsent;
  /** A choice saved elsewhere (the website's banner, another device). */
  elsewhere(choice: CookieChoice): void;
  /** Every receipt written, oldest first. */
  receipts(): CookieReceipt[];
}

export const COOKIE_CONFLICT_ERROR = {
  code: 'conflict',
  message: 'This was changed elsewhere meanwhile.',
  advice: 'Reload it and make your change again.',
} as const;

export function fakeCookies(options: Partial<CookieChoice> & { decided?: boolean; version?: number } = {}): FakeCookies {
  let clock = Date.UTC(2026, 1, 3, 9, 30);
  const stamp = () => new Date((clock += 60_000)).toISOString();
  let version = options.version ?? (options.decided ? 1 : 0);
  let preferences = options.preferences ?? false;
  let analytics = options.analytics ?? false;
  let decidedAt = options.decided ? stamp() : undefined;
  const log: CookieReceipt[] = [];

  const current = () => cookieConsent({ preferences, analytics }, version, decidedAt);
  const word = (on: boolean) => (on ? 'accepted' : 'refused');

  function apply(choice: CookieChoice) {
    const first = decidedAt === undefined;
    const changes = (['preferences', 'analytics'] as const).filter(
      (kind) => first || choice[kind] !== (kind === 'preferences' ? preferences : analytics),
    );
    if (changes.length === 0) return;
    for (const kind of changes) {
      const old = kind === 'preferences' ? preferences : analytics;
      log.push({ subject: `cookies/${kind}`, old_state: first ? 'not_chosen' : word(old), new_state: word(choice[kind]) });
    }
    preferences = choice.preferences;
    analytics = choice.analytics;
    decidedAt = stamp();
    version++;
  }

  const api: FakeCookies['api'] = {
    loadCookieConsent: vi.fn(() => Promise.resolve(current())),
    saveCookieConsent: vi.fn((choice: CookieChoice, seen: bigint) => {
      if (Number(seen) !== version) return Promise.reject({ ...COOKIE_CONFLICT_ERROR });
      apply(choice);
      return Promise.resolve(current());
    }),
  };

  return { api, current, elsewhere: apply, receipts: () => [...log] };
}

// The service partners and a fake of the three sharing commands that behaves
// like the server (PR-6): the whole choice saved at once on top of a version
// (a stale one is a conflict), only optional partners in `opted_out` (kept,
// and sent in the view, while the switch is on), a choice that changes
// nothing keeps its version, only owners may change it, and every export goes
// through the switch and lands in the ledger. It also opens links as the
// desktop app does: https only.

import { vi } from 'vitest';
import type { Api } from '../api';
import type { LedgerEntry } from '../generated/LedgerEntry';
import type { PartnerView } from '../generated/PartnerView';
import type { SharingChange } from '../generated/SharingChange';
import type { SharingView } from '../generated/SharingView';

export const ACCOUNT_ID = '5f1d2f7e-1c0a-4f7b-8d8e-1a2b3c4d5e6f';

/** The server's partners, in its order, without the per-account `shared`. */
export const PARTNERS: readonly Omit<PartnerView, 'shared'>[] = [
  {
    id: 'northbeam-cdn',
    name: 'Northbeam CDN',
    purpose: 'Delivers your media to listeners and viewers worldwide.',
    categories: ['IP addresses of downloads', 'download logs'],
    privacy_url: 'https://northbeam.example/privacy',
    optional: false,
    curtails: 'Media is served from our own servers only: slower downloads far from them.',
  },
  {
    id: 'ledgerline-payments',
    name: 'Ledgerline Payments',
    purpose: 'Charges your card for your plan.',
    categories: ['billing name', 'billing address', 'card token'],
    privacy_url: 'https://ledgerline.example/privacy',
    optional: false,
    curtails: 'Cards cannot be charged: you pay each invoice by bank transfer.',
  },
  {
    id: 'tally-insights',
    name: 'Tally Insights',
    purpose: 'Aggregate audience statistics for your usage reports.',
    categories: ['usage records'],
    privacy_url: 'https://tally.example/privacy',
    optional: true,
    curtails: 'Usage reports show downloads only, without audience breakdowns.',
  },
  {
    id: 'network-liaison',
    name: 'ISPs and network administrators',
    purpose: 'We advocate for you when an ISP or corporate network blocks your media.',
    categories: ['account name', 'contact e-mail', 'IP ranges'],
    privacy_url: 'https://steward.example/privacy/network-liaison',
    optional: true,
    curtails: 'We cannot contact networks on your behalf when they block your media.',
  },
  {
    id: 'postbox-mailing',
    name: 'Postbox Mailing',
    purpose: 'Sends our newsletters and product e-mail.',
    categories: ['name', 'e-mail address'],
    privacy_url: 'https://postbox.example/privacy',
    optional: true,
    curtails: 'No newsletters or product e-mail reach you, whatever Communications says.',
  },
];

export const OPTIONAL_IDS = PARTNERS.filter((p) => p.optional).map((p) => p.id);

export interface Choice {
  shareNone?: boolean;
  optedOut?: string[];
}

/** The view the server sends for `choice` at `version`. */
export function sharingView(choice: Choice = {}, version = 1): SharingView {
  const optedOut = choice.optedOut ?? [];
  return {
    version: BigInt(version),
    share_none: choice.shareNone ?? false,
    opted_out: [...optedOut].sort(),
    partners: PARTNERS.map((p) => ({ ...p, categories: [...p.categories], shared: !choice.shareNone && !optedOut.includes(p.id) })),
  };
}

export function sharedWith(view: SharingView | undefined, partnerId: string): boolean | undefined {
  return view?.partners.find((p) => p.id === partnerId)?.shared;
}

export function ledgerEntry(n: number, changes: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: `l-${n}`,
    partner_id: 'northbeam-cdn',
    partner_name: 'Northbeam CDN',
    categories: ['IP addresses of downloads', 'download logs'],
    reason: 'Monthly delivery logs for media served',
    at: new Date(Date.UTC(2026, 1, 1 + n, 9, 30)).toISOString(),
    ...changes,
  };
}

export interface FakeSharing {
  api: Pick<Api, 'loadSharing' | 'saveSharing' | 'sharingLedger' | 'openExternalLink'>;
  /** The current view, as the server would send it. */
  current(): SharingView;
  /** What the server stores: the switch and the optional partners turned off (even under the switch). */
  stored(): { shareNone: boolean; optedOut: string[]; version: number };
  /** The ledger, newest first. */
  ledger(): LedgerEntry[];
  /** A change saved elsewhere (another owner, another device): bumps the version. */
  elsewhere(change: SharingChange): void;
  /** An export through the one gate: refused (false) when the account does not share with the partner. */
  exportTo(partnerId: string, reason: string): boolean;
  /** The addresses handed to the browser, in order. */
  opened(): string[];
}

/** What the desktop app answers for a link it does not open. */
export const NOT_HTTPS = { code: 'other', message: 'Only https links can be opened.' } as const;

const forbidden = () => ({
  code: 'forbidden',
  message: 'Forbidden',
  advice: 'Your account is not allowed to do this. Ask an account owner or an administrator.',
});

/** A stateful fake of the sharing commands; `writable: false` is a billing manager or a viewer. */
export function fakeSharing(
  options: Choice & { version?: number; ledger?: LedgerEntry[]; writable?: boolean } = {},
): FakeSharing {
  let version = options.version ?? 1;
  let shareNone = options.shareNone ?? false;
  let optedOut = [...(options.optedOut ?? [])].sort();
  const log: LedgerEntry[] = [...(options.ledger ?? [])];
  let clock = 100;
  const opened: string[] = [];

  const current = () => sharingView({ shareNone, optedOut }, version);

  /** The server's `plan`: field errors, or the new choice (deduplicated, sorted). */
  function plan(change: SharingChange): { fields: { field: string; rule: string; message: string }[] } | string[] {
    const fields: { field: string; rule: string; message: string }[] = [];
    const next: string[] = [];
    change.opted_out.forEach((id, i) => {
      const p = PARTNERS.find((x) => x.id === id);
      if (!p) fields.push({ field: `opted_out[${i}]`, rule: 'unknown_partner', message: 'There is no partner with this id.' });
      else if (!p.optional) {
        fields.push({
          field: `opted_out[${i}]`,
          rule: 'not_optional',
          message: `${p.name} cannot be turned off on its own; use "Do not share my personal information".`,
        });
      } else if (!next.includes(id)) next.push(id);
    });
    return fields.length > 0 ? { fields } : next.sort();
  }

  function apply(change: SharingChange): boolean {
    const next = plan(change);
    if (!Array.isArray(next)) throw new Error(`invalid change ${JSON.stringify(next.fields)}`);
    if (change.share_none === shareNone && next.join() === optedOut.join()) return false;
    shareNone = change.share_none;
    optedOut = next;
    version++;
    return true;
  }

  const api: FakeSharing['api'] = {
    loadSharing: vi.fn(() => Promise.resolve(current())),
    saveSharing: vi.fn((_accountId: string, change: SharingChange, seen: bigint) => {
      if (options.writable === false) return Promise.reject(forbidden());
      if (Number(seen) !== version) return Promise.resolve({ outcome: 'conflict' as const, current: current() });
      const next = plan(change);
      if (!Array.isArray(next)) {
        return Promise.reject({ code: 'invalid_input', message: 'Some of the changes cannot be made.', fields: next.fields });
      }
      apply(change);
      return Promise.resolve({ outcome: 'saved' as const, sharing: current() });
    }),
    sharingLedger: vi.fn(() => Promise.resolve(log.map((e) => ({ ...e, categories: [...e.categories] })))),
    openExternalLink: vi.fn((url: string) => {
      let https = false;
      try {
        https = new URL(url).protocol === 'https:';
      } catch {
        // Not an address at all.
      }
      if (!https) return Promise.reject({ ...NOT_HTTPS });
      opened.push(url);
      return Promise.resolve();
    }),
  };

  return {
    api,
    current,
    stored: () => ({ shareNone, optedOut: [...optedOut], version }),
    ledger: () => [...log],
    elsewhere: (change) => void apply(change),
    opened: () => [...opened],
    exportTo(partnerId, reason) {
      const p = PARTNERS.find((x) => x.id === partnerId);
      if (!p || shareNone || optedOut.includes(partnerId)) return false;
      clock++;
      log.unshift(
        ledgerEntry(clock, {
          id: `l-${clock}`,
          partner_id: p.id,
          partner_name: p.name,
          categories: [...p.categories],
          reason,
        }),
      );
      return true;
    },
  };
}

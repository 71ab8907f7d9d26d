// Sample communication preferences and a fake of the four communications
// commands that behaves like the server: defaults and the locked cell,
// double opt-in for promotional e-mail, a version per save (a stale one is a
// conflict), a receipt per changed cell, pages of receipts newest first.

import { vi } from 'vitest';
import type { Api } from '../api';
import type { Channel } from '../generated/Channel';
import type { CommunicationPreferences } from '../generated/CommunicationPreferences';
import type { ConsentReceipt } from '../generated/ConsentReceipt';
import type { PrefChange } from '../generated/PrefChange';
import type { PrefState } from '../generated/PrefState';
import type { Purpose } from '../generated/Purpose';
import type { ReceiptSource } from '../generated/ReceiptSource';

export const POLICY = 'privacy-policy-2013';

export const PURPOSES: readonly Purpose[] = [
  'service_information',
  'newsletters',
  'support_maintenance',
  'product_testing',
  'usage_trends',
  'status_information',
];

export const CHANNELS: readonly Channel[] = ['email', 'postal', 'telephone', 'in_app'];

const INFO: Record<Purpose, { label: string; description: string }> = {
  service_information: { label: 'About our services', description: 'What is new or changing in the services you use.' },
  newsletters: {
    label: 'Newsletters and product ideas',
    description: 'Our newsletter, occasional e-mails and ideas for future products.',
  },
  support_maintenance: {
    label: 'Support and account maintenance',
    description: 'Answers to your support requests and notices about keeping your account running.',
  },
  product_testing: {
    label: 'Product testing and evaluation',
    description: 'Invitations to try new features early and tell us what you think.',
  },
  usage_trends: { label: 'Usage and trends', description: 'Aggregate usage and trends that help you manage your account.' },
  status_information: {
    label: 'Status: account usage, billing, system status',
    description: "Your account's usage, invoices and billing, and the status of our systems.",
  },
};

export const LOCKED_REASON =
  'Account maintenance notices (a password reset, a security alert, a failed payment) go by e-mail to keep your ' +
  'account working. They cannot be turned off, and they never carry promotions.';

export const isPromotional = (p: Purpose): boolean => p === 'newsletters' || p === 'product_testing';
const isLocked = (p: Purpose, c: Channel): boolean => p === 'support_maintenance' && c === 'email';

/** The server's defaults: promotional off; the rest by e-mail and in the app; trends in the app only. */
export function defaultState(p: Purpose, c: Channel): PrefState {
  if (isPromotional(p)) return 'off';
  if (p === 'usage_trends') return c === 'in_app' ? 'on' : 'off';
  return c === 'email' || c === 'in_app' ? 'on' : 'off';
}

export type Cells = Partial<Record<`${Purpose}/${Channel}`, PrefState>>;

/** The matrix at `version`, with `cells` on top of the defaults. */
export function prefs(cells: Cells = {}, version = 1): CommunicationPreferences {
  return {
    version: BigInt(version),
    policy_version: POLICY,
    purposes: PURPOSES.map((purpose) => ({
      purpose,
      ...INFO[purpose],
      promotional: isPromotional(purpose),
      channels: CHANNELS.map((channel) => ({
        channel,
        state: cells[`${purpose}/${channel}`] ?? defaultState(purpose, channel),
        locked: isLocked(purpose, channel),
        ...(isLocked(purpose, channel) ? { locked_reason: LOCKED_REASON } : {}),
      })),
    })),
  };
}

/** The state of one cell of `p`. */
export function stateOf(p: CommunicationPreferences | undefined, purpose: Purpose, channel: Channel): PrefState | undefined {
  return p?.purposes.find((x) => x.purpose === purpose)?.channels.find((c) => c.channel === channel)?.state;
}

export function receipt(n: number, changes: Partial<ConsentReceipt> = {}): ConsentReceipt {
  return {
    id: `r-${n}`,
    at: new Date(Date.UTC(2026, 2, 1, 9, n)).toISOString(),
    actor: { user_id: 'u-1', name: 'Ada Customer', kind: 'member' },
    subject: 'newsletters/email',
    old_state: 'off',
    new_state: 'pending',
    source: 'console',
    policy_version: POLICY,
    ...changes,
  };
}

export interface FakeComms {
  api: Pick<Api, 'loadCommunications' | 'saveCommunications' | 'unsubscribeAllPromotional' | 'consentReceipts'>;
  /** The current matrix, as the server would send it. */
  current(): CommunicationPreferences;
  /** All receipts, newest first. */
  receipts(): ConsentReceipt[];
  /** A change made elsewhere (another device, an e-mail link): bumps the version. */
  elsewhere(changes: PrefChange[], source?: ReceiptSource): void;
}

/** A stateful fake of the communications commands; `pageSize` receipts a page. */
export function fakeComms(options: { cells?: Cells; version?: number; pageSize?: number } = {}): FakeComms {
  let version = options.version ?? 1;
  const cells: Cells = { ...options.cells };
  const log: ConsentReceipt[] = [];
  const pageSize = options.pageSize ?? 50;
  let clock = 0;

  const current = () => prefs(cells, version);

  function apply(changes: PrefChange[], source: ReceiptSource) {
    let changed = false;
    for (const c of changes) {
      const key = `${c.purpose}/${c.channel}` as const;
      const old = cells[key] ?? defaultState(c.purpose, c.channel);
      const next: PrefState = !c.on
        ? 'off'
        : old === 'on'
          ? 'on'
          : isPromotional(c.purpose) && c.channel === 'email'
            ? 'pending'
            : 'on';
      if (next === old) continue;
      cells[key] = next;
      changed = true;
      log.unshift(receipt(++clock, { id: `r-${clock}`, subject: key, old_state: old, new_state: next, source }));
    }
    if (changed) version++;
  }

  const api: FakeComms['api'] = {
    loadCommunications: vi.fn(() => Promise.resolve(current())),
    saveCommunications: vi.fn((changes: PrefChange[], seen: bigint) => {
      if (Number(seen) !== version) return Promise.resolve({ outcome: 'conflict' as const, current: current() });
      const locked = changes.findIndex((c) => !c.on && isLocked(c.purpose, c.channel));
      if (locked >= 0) {
        return Promise.reject({
          code: 'invalid_input',
          message: 'Some of the changes cannot be made.',
          fields: [
            {
              field: `changes[${locked}]`,
              rule: 'locked',
              message: 'Account maintenance e-mail cannot be turned off: it keeps your account working.',
            },
          ],
        });
      }
      apply(changes, 'console');
      return Promise.resolve({ outcome: 'saved' as const, prefs: current() });
    }),
    unsubscribeAllPromotional: vi.fn(() => {
      const off = PURPOSES.filter(isPromotional).flatMap((purpose) =>
        CHANNELS.map((channel) => ({ purpose, channel, on: false })),
      );
      apply(off, 'unsubscribe_all');
      return Promise.resolve(current());
    }),
    consentReceipts: vi.fn((cursor: string | null) => {
      const start = cursor === null ? 0 : Number(cursor);
      const items = log.slice(start, start + pageSize);
      const next = start + pageSize < log.length ? String(start + pageSize) : undefined;
      return Promise.resolve(next === undefined ? { items } : { items, next_cursor: next });
    }),
  };

  return {
    api,
    current,
    receipts: () => [...log],
    elsewhere: (changes, source = 'unsubscribe_link') => apply(changes, source),
  };
}

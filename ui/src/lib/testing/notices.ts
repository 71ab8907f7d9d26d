// Sample policy versions and a fake of the three notice commands that
// behaves like the server (PR-7): per person, newest first; reading and
// acknowledging are idempotent (the first time is kept); acknowledging also
// reads, and leaves exactly one receipt; an unknown version is `not_found`.

import { vi } from 'vitest';
import type { Api } from '../api';
import type { Notice } from '../generated/Notice';
import type { NoticeInbox } from '../generated/NoticeInbox';
import type { PolicyVersion } from '../generated/PolicyVersion';

export const IN_FORCE = 'privacy-policy-2013';

/** A personal-information change, not yet in force, offering all three opt-outs. */
export const PARTNER_POLICY: PolicyVersion = {
  version: 'privacy-policy-2027',
  title: 'A new delivery partner',
  summary: 'EdgeCache Networks will deliver media.\nThey receive your account id.',
  concerns: 'personal_information',
  opt_outs: ['stop_partner_sharing', 'unsubscribe_promotional', 'refuse_optional_cookies'],
  published_at: '2026-03-01T09:00:00Z',
  effective_at: '2099-04-01T00:00:00Z',
};

/** An account-information change, already in force, sending the reader to Billing. */
export const BILLING_POLICY: PolicyVersion = {
  version: 'privacy-policy-2026',
  title: 'Invoices keep your VAT number',
  summary: 'Invoices now show the VAT number on your billing details.',
  concerns: 'account_information',
  review_section: 'billing',
  published_at: '2026-01-10T09:00:00Z',
  effective_at: '2026-02-10T00:00:00Z',
};

export interface NoticeReceipt {
  subject: string;
  old_state: 'not_acknowledged';
  new_state: 'acknowledged';
}

export interface FakeNotices {
  api: Pick<Api, 'loadNotices' | 'markNoticeRead' | 'acknowledgeNotice'>;
  current(): NoticeInbox;
  /** A version published meanwhile (an administrator): it lands on top, unread. */
  publish(policy: PolicyVersion): void;
  receipts(): NoticeReceipt[];
}

const notFound = () => ({
  code: 'not_found',
  message: 'This notice no longer exists.',
  advice: 'Reload the notices.',
});

/** `read` / `acknowledged`: versions already read or acknowledged. */
export function fakeNotices(
  options: { policies?: PolicyVersion[]; read?: string[]; acknowledged?: string[]; current?: string } = {},
): FakeNotices {
  let clock = Date.UTC(2026, 2, 5, 10, 0);
  const stamp = () => new Date((clock += 60_000)).toISOString();
  const policies = [...(options.policies ?? [PARTNER_POLICY, BILLING_POLICY])];
  const readAt = new Map<string, string>();
  const ackAt = new Map<string, string>();
  for (const v of options.read ?? []) readAt.set(v, stamp());
  for (const v of options.acknowledged ?? []) {
    if (!readAt.has(v)) readAt.set(v, stamp());
    ackAt.set(v, stamp());
  }
  const log: NoticeReceipt[] = [];

  function current(): NoticeInbox {
    const notices: Notice[] = [...policies]
      .sort((a, b) => b.published_at.localeCompare(a.published_at))
      .map((policy) => {
        const notice: Notice = { policy: { ...policy } };
        const read = readAt.get(policy.version);
        const ack = ackAt.get(policy.version);
        if (read) notice.read_at = read;
        if (ack) notice.acknowledged_at = ack;
        return notice;
      });
    return {
      unread: notices.filter((n) => !n.read_at).length,
      notices,
      current_version: options.current ?? IN_FORCE,
    };
  }

  const known = (version: string) => policies.some((p) => p.version === version);

  const api: FakeNotices['api'] = {
    loadNotices: vi.fn(() => Promise.resolve(current())),
    markNoticeRead: vi.fn((version: string) => {
      if (!known(version)) return Promise.reject(notFound());
      if (!readAt.has(version)) readAt.set(version, stamp());
      return Promise.resolve(current());
    }),
    acknowledgeNotice: vi.fn((version: string) => {
      if (!known(version)) return Promise.reject(notFound());
      if (!readAt.has(version)) readAt.set(version, stamp());
      if (!ackAt.has(version)) {
        ackAt.set(version, stamp());
        log.push({ subject: `policy/${version}`, old_state: 'not_acknowledged', new_state: 'acknowledged' });
      }
      return Promise.resolve(current());
    }),
  };

  return {
    api,
    current,
    publish: (policy) => void policies.push(policy),
    receipts: () => [...log],
  };
}

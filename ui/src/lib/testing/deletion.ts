// A fake of the three account-deletion commands that behaves like the
// server (PR-19, PR-20): what stops and what is kept, the cooling-off
// period, a legal hold (a request is still taken; nothing is deleted while
// it holds), the account's name typed again (trimmed, any case), a reason of
// at most 500 characters, one pending request at a time, and cancelling it.

import { vi } from 'vitest';
import type { Api } from '../api';
import type { DeletionRequest } from '../generated/DeletionRequest';
import type { DeletionView } from '../generated/DeletionView';
import type { LegalHold } from '../generated/LegalHold';
import type { NewDeletionRequest } from '../generated/NewDeletionRequest';

export const STOPS = [
  'Everyone on the team loses access to the account.',
  'The subscription and its licenses end, and media served from the account stops.',
  'Saved cards are removed; nothing more is charged.',
];

export const KEPT = [
  { what: 'Invoices', why: 'Tax law requires us to keep invoices for ten years.' },
  { what: 'Consent receipts', why: 'They prove each choice that was made.' },
];

export const HOLD: LegalHold = {
  explanation: 'A court order about a billing dispute requires us to keep this account’s records.',
  since: '2026-01-15T09:00:00Z',
};

export const COOLING_OFF_DAYS = 14;

export const NOW = Date.UTC(2026, 2, 5, 10, 0);

export function deletionRequest(changes: Partial<DeletionRequest> = {}): DeletionRequest {
  return {
    id: 'del-1',
    account_id: 'acc-1',
    account_name: 'Ada Lovelace',
    status: 'pending',
    requested_by: 'Ada Customer',
    requested_at: new Date(NOW).toISOString(),
    effective_at: new Date(NOW + COOLING_OFF_DAYS * 86_400_000).toISOString(),
    ...changes,
  };
}

export interface FakeDeletion {
  api: Pick<Api, 'loadDeletion' | 'requestDeletion' | 'cancelDeletion'>;
  current(): DeletionView;
  /** The requests made, oldest first. */
  requests(): NewDeletionRequest[];
}

const conflict = (message: string) => ({ code: 'conflict', message, advice: 'Reload the page to see where it stands.' });

export function fakeDeletion(
  options: { accountName?: string; hold?: LegalHold; request?: DeletionRequest } = {},
): FakeDeletion {
  const name = options.accountName ?? 'Ada Lovelace';
  let request = options.request ? { ...options.request } : undefined;
  const made: NewDeletionRequest[] = [];
  let n = 1;

  function current(): DeletionView {
    const view: DeletionView = {
      account_name: name,
      stops: [...STOPS],
      kept: KEPT.map((k) => ({ ...k })),
      cooling_off_days: COOLING_OFF_DAYS,
    };
    if (options.hold) view.legal_hold = { ...options.hold };
    if (request) view.request = { ...request };
    return view;
  }

  const api: FakeDeletion['api'] = {
    loadDeletion: vi.fn(() => Promise.resolve(current())),
    requestDeletion: vi.fn((accountId: string, input: NewDeletionRequest) => {
      made.push({ ...input });
      const fields = [];
      if (input.confirm_name.trim().toLowerCase() !== name.trim().toLowerCase()) {
        fields.push({ field: 'confirm_name', rule: 'mismatch', message: 'Type the account’s name exactly as shown to confirm.' });
      }
      const reason = input.reason?.trim() || undefined;
      if (reason !== undefined && [...reason].length > 500) {
        fields.push({ field: 'reason', rule: 'max_length', message: 'Use at most 500 characters.' });
      }
      if (fields.length > 0) {
        return Promise.reject({ code: 'invalid_input', message: 'Some fields need attention.', fields });
      }
      if (request?.status === 'pending') {
        return Promise.reject(conflict('A deletion request for this account is already waiting; cancel it or let it run.'));
      }
      request = deletionRequest({
        id: `del-${n++}`,
        account_id: accountId,
        account_name: name,
        ...(reason ? { reason } : {}),
      });
      return Promise.resolve(current());
    }),
    cancelDeletion: vi.fn(() => {
      if (request?.status !== 'pending') {
        return Promise.reject(conflict('There is no deletion request waiting to be cancelled.'));
      }
      request = { ...request, status: 'cancelled', closed_at: new Date(NOW + 3_600_000).toISOString(), closed_by: 'Ada Customer' };
      return Promise.resolve(current());
    }),
  };

  return { api, current, requests: () => made.map((r) => ({ ...r })) };
}

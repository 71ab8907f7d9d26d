// Fakes of the administrators' commands: the audit log (newest first, pages
// before a position, filters) and staff accounts (PR-16, PR-17).

import { vi } from 'vitest';
import type { Api } from '../api';
import type { AuditAction } from '../generated/AuditAction';
import type { AuditEntry } from '../generated/AuditEntry';
import type { AuditQuery } from '../generated/AuditQuery';
import type { StaffMember } from '../generated/StaffMember';
import type { StaffMemberUpdate } from '../generated/StaffMemberUpdate';
import { AUDIT_ACTIONS } from '../staff/wording';
import { ADA, ENGINES } from './staff';

export const GRACE = 'u-grace';
export const ALAN = 'a-admin';

/** Entry `seq`, cycling through the actions, accounts and staff. */
export function auditEntry(seq: number, changes: Partial<AuditEntry> = {}): AuditEntry {
  const action: AuditAction = AUDIT_ACTIONS[seq % AUDIT_ACTIONS.length]!;
  return {
    seq,
    at: new Date(Date.UTC(2026, 2, 1, 9, seq)).toISOString(),
    staff_user_id: seq % 3 === 0 ? ALAN : GRACE,
    staff_name: seq % 3 === 0 ? 'Alan Admin' : 'Grace Agent',
    staff_role: seq % 3 === 0 ? 'admin' : 'agent',
    account_id: seq % 2 === 0 ? ADA : ENGINES,
    action,
    what: action === 'reveal' ? 'contact_emails, phone' : action,
    reason: `Reason ${seq}`,
    ip: '192.0.2.10',
    hash: `${seq.toString(16).padStart(8, '0')}${'ab'.repeat(28)}`,
    ...changes,
  };
}

export interface FakeAudit {
  api: Pick<Api, 'listAudit'>;
}

/** `count` entries, `pageSize` a page, newest first. */
export function fakeAudit(count = 25, pageSize = 10): FakeAudit {
  const all = Array.from({ length: count }, (_, i) => auditEntry(i + 1));
  return {
    api: {
      listAudit: vi.fn((q: AuditQuery) => {
        const matching = all
          .filter(
            (e) =>
              (q.action === undefined || e.action === q.action) &&
              (q.account_id === undefined || e.account_id === q.account_id) &&
              (q.staff_user_id === undefined || e.staff_user_id === q.staff_user_id) &&
              (q.before === undefined || e.seq < q.before),
          )
          .sort((a, b) => b.seq - a.seq);
        const items = matching.slice(0, pageSize);
        const last = items[items.length - 1];
        return Promise.resolve(matching.length > pageSize && last ? { items, next_before: last.seq } : { items });
      }),
    },
  };
}

export interface FakeStaffAccounts {
  api: Pick<Api, 'listStaff' | 'updateStaff'>;
  members(): StaffMember[];
}

export function fakeStaffAccounts(): FakeStaffAccounts {
  let all: StaffMember[] = [
    { user_id: ALAN, name: 'Alan Admin', email: 'alan@steward.example', role: 'admin', two_factor: true, disabled: false },
    { user_id: GRACE, name: 'Grace Agent', email: 'grace@steward.example', role: 'agent', pseudonym: 'Grace', two_factor: true, disabled: false },
    { user_id: 'u-ned', name: 'Ned Newcomer', email: 'ned@steward.example', role: 'agent', two_factor: false, disabled: false },
  ];
  return {
    api: {
      listStaff: vi.fn(() => Promise.resolve({ items: all.map((m) => ({ ...m })) })),
      updateStaff: vi.fn((userId: string, update: StaffMemberUpdate) => {
        const m = all.find((x) => x.user_id === userId);
        if (!m) return Promise.reject({ code: 'not_found', message: 'No such staff member.' });
        const next: StaffMember = { ...m };
        if (update.role !== undefined) next.role = update.role;
        if (update.disabled !== undefined) next.disabled = update.disabled;
        if (update.pseudonym !== undefined) {
          if (update.pseudonym === '') delete next.pseudonym;
          else next.pseudonym = update.pseudonym;
        }
        all = all.map((x) => (x.user_id === userId ? next : x));
        return Promise.resolve({ ...next });
      }),
    },
    members: () => all.map((m) => ({ ...m })),
  };
}

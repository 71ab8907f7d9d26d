// Sample customers as staff see them, and a fake of the staff commands on a
// customer that behaves like the server: search ranked by how a field
// matched (masked), reveals that need a reason, caller checks by support PIN
// or e-mail code with a limited number of wrong answers, acting sessions
// that need a verified caller or the customer's own ticket, and customers
// who require their approval first (PR-10, PR-11, PR-17). The profile and
// preferences behind an acting session are the profile and comms fakes.

import { vi } from 'vitest';
import type { Api } from '../api';
import type { ActingSession } from '../generated/ActingSession';
import type { CallerCheck } from '../generated/CallerCheck';
import type { CommandError } from '../generated/CommandError';
import type { CustomerHit } from '../generated/CustomerHit';
import type { CustomerView } from '../generated/CustomerView';
import type { Me } from '../generated/Me';
import type { MatchKind } from '../generated/MatchKind';
import type { ProfileState } from '../generated/ProfileState';
import type { Revealed } from '../generated/Revealed';
import type { SearchField } from '../generated/SearchField';
import { fakeComms, type FakeComms } from './comms';
import { agentMe } from './fixtures';
import { profileState } from './profile';

export const adminMe: Me = { ...agentMe, user_id: 'a-admin', display_name: 'Alan Admin', roles: ['admin'] };

export const ADA = 'acc-ada';
export const ENGINES = 'acc-engines';
/** A customer who requires their approval and has not granted it. */
export const GUARDED = 'acc-guarded';

export const ADA_USER = 'u-ada';
export const CHARLES_USER = 'u-charles';
export const ADA_PIN = '2468';
export const EMAIL_CODE = '135790';
/** A ticket of Engines' own. */
export const ENGINES_TICKET = 'T-000042';

const created = '2024-05-01T09:00:00Z';

export interface FakeCustomer {
  view: CustomerView;
  /** The unmasked values. */
  full: Required<Revealed>;
  email: string;
  company?: string;
  pins: Record<string, string>;
  tickets: string[];
}

function customers(): FakeCustomer[] {
  return [
    {
      view: {
        account_id: ADA,
        account_name: 'Ada Lovelace',
        kind: 'personal',
        created_at: created,
        legal_name: 'Ada Lovelace',
        display_name: 'Ada',
        emails_masked: ['a***@example.com'],
        phone_masked: '••••••••67',
        address_masked: 'London, GB',
        members: [{ user_id: ADA_USER, name: 'Ada Lovelace', email_masked: 'a***@example.com', role: 'owner', has_support_pin: true }],
        access: { require_approval: false },
        open_tickets: 1,
      },
      full: {
        contact_emails: [{ address: 'ada@example.com', purpose: 'general' }],
        phones: ['+442071234567'],
        postal_address: { country: 'GB', line1: '12 St James Square', locality: 'London', postal_code: 'SW1Y 4JH' },
        member_emails: [{ user_id: ADA_USER, email: 'ada@example.com' }],
      },
      email: 'ada@example.com',
      pins: { [ADA_USER]: ADA_PIN },
      tickets: ['T-000041'],
    },
    {
      view: {
        account_id: ENGINES,
        account_name: 'Analytical Engines Ltd',
        kind: 'company',
        created_at: created,
        legal_name: 'Charles Babbage',
        display_name: 'Analytical Engines',
        company_name: 'Analytical Engines Ltd',
        emails_masked: ['b***@engines.example', 'o***@engines.example'],
        members: [
          { user_id: CHARLES_USER, name: 'Charles Babbage', email_masked: 'c***@engines.example', role: 'owner', has_support_pin: false },
          { user_id: ADA_USER, name: 'Ada Lovelace', email_masked: 'a***@example.com', role: 'billing_manager', has_support_pin: true },
        ],
        access: { require_approval: false },
        open_tickets: 1,
      },
      full: {
        contact_emails: [
          { address: 'billing@engines.example', purpose: 'billing' },
          { address: 'ops@engines.example', purpose: 'technical' },
        ],
        phones: [],
        postal_address: { country: 'GB', line1: '1 Dorset Street', locality: 'London' },
        member_emails: [
          { user_id: CHARLES_USER, email: 'charles@engines.example' },
          { user_id: ADA_USER, email: 'ada@example.com' },
        ],
      },
      email: 'charles@engines.example',
      company: 'Analytical Engines Ltd',
      pins: { [ADA_USER]: ADA_PIN },
      tickets: [ENGINES_TICKET],
    },
    {
      view: {
        account_id: GUARDED,
        account_name: 'Difference Engines Ltd',
        kind: 'company',
        created_at: created,
        legal_name: 'Joseph Clement',
        display_name: 'Difference Engines',
        company_name: 'Difference Engines Ltd',
        emails_masked: ['j***@difference.example'],
        members: [{ user_id: 'u-joseph', name: 'Joseph Clement', email_masked: 'j***@difference.example', role: 'owner', has_support_pin: false }],
        access: { require_approval: true },
        open_tickets: 0,
      },
      full: {
        contact_emails: [{ address: 'joseph@difference.example', purpose: 'general' }],
        phones: [],
        postal_address: { country: 'GB', line1: '2 Prospect Place', locality: 'London' },
        member_emails: [{ user_id: 'u-joseph', email: 'joseph@difference.example' }],
      },
      email: 'joseph@difference.example',
      company: 'Difference Engines Ltd',
      pins: {},
      tickets: [],
    },
  ];
}

const KINDS: readonly MatchKind[] = ['exact', 'prefix', 'word_prefix', 'substring'];

function matchKind(value: string, q: string): MatchKind | undefined {
  const v = value.toLowerCase();
  if (v === q) return 'exact';
  if (v.startsWith(q)) return 'prefix';
  if (v.split(/[\s@.]+/).some((w) => w.startsWith(q))) return 'word_prefix';
  return v.includes(q) ? 'substring' : undefined;
}

const maskEmail = (email: string) => `${email.charAt(0)}***${email.slice(email.indexOf('@'))}`;

export const reject = (code: CommandError['code'], message: string, field?: string): Promise<never> =>
  Promise.reject({ code, message, ...(field ? { fields: [{ field, rule: 'required', message }] } : {}) });

export interface StaffAuditRecord {
  action: string;
  account_id: string;
  reason?: string;
  ticket?: string;
}

type CustomerCommands =
  | 'searchCustomers'
  | 'loadCustomer'
  | 'revealCustomer'
  | 'sendCallerCode'
  | 'checkCaller'
  | 'startActing'
  | 'stopActing'
  | 'staffLoadProfile'
  | 'staffSaveProfile'
  | 'staffLoadCommunications'
  | 'staffSaveCommunications';

export interface FakeStaff {
  api: Pick<Api, CustomerCommands>;
  customers: FakeCustomer[];
  comms: FakeComms;
  /** What the server recorded in the audit log, oldest first. */
  audit(): StaffAuditRecord[];
  acting(): ActingSession | undefined;
  /** The customer grants staff access (PR-17). */
  grant(accountId: string, until: string): void;
  /** Someone else saved the profile: the next save with the old ETag is a conflict. */
  profileChangedElsewhere(): void;
}

export function fakeStaff(options: { now?: () => number } = {}): FakeStaff {
  const now = options.now ?? (() => Date.now());
  const all = customers();
  const log: StaffAuditRecord[] = [];
  const checks = new Map<string, CallerCheck>();
  const attempts = new Map<string, number>();
  const codes = new Map<string, string>();
  let acting: ActingSession | undefined;
  let profileVersion = 3;
  let checkId = 0;
  const comms = fakeComms();

  const find = (id: string) => all.find((c) => c.view.account_id === id);
  const missing = () => reject('not_found', 'No such customer.');
  const approved = (c: FakeCustomer) =>
    !c.view.access.require_approval || new Date(c.view.access.granted_until ?? 0).getTime() > now();
  const verified = (accountId: string) => {
    const check = checks.get(accountId);
    return check?.passed === true && new Date(check.valid_until).getTime() > now();
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const profile = (): ProfileState => ({ ...profileState(undefined, profileVersion) });
  const actingOn = (accountId: string) => acting?.account_id === accountId;
  const notActing = () => reject('forbidden', 'Act on behalf of the customer first.');

  function search(query: string): CustomerHit[] {
    const q = query.trim().toLowerCase();
    const hits: (CustomerHit & { rank: number })[] = [];
    for (const c of all) {
      const fields: [SearchField, string, string][] = [
        ['name', c.view.account_name, c.view.account_name],
        ['name', c.view.legal_name, c.view.legal_name],
        ['email', c.email, maskEmail(c.email)],
        ['account_id', c.view.account_id, c.view.account_id],
      ];
      if (c.company) fields.push(['company', c.company, c.company]);
      let best: (CustomerHit & { rank: number }) | undefined;
      for (const [field, value, shown] of fields) {
        const kind = matchKind(value, q);
        if (!kind) continue;
        const rank = KINDS.indexOf(kind);
        if (best && best.rank <= rank) continue;
        best = {
          account_id: c.view.account_id,
          account_name: c.view.account_name,
          kind: c.view.kind,
          holder_name: c.view.legal_name,
          email_masked: maskEmail(c.email),
          matched: field,
          match_kind: kind,
          matched_text: shown,
          rank,
          ...(c.company ? { company: c.company } : {}),
        };
      }
      if (best) hits.push(best);
    }
    hits.sort((a, b) => a.rank - b.rank || a.account_name.localeCompare(b.account_name));
    return hits.map(({ rank: _rank, ...hit }) => hit);
  }

  const api: FakeStaff['api'] = {
    searchCustomers: vi.fn((q: string) => Promise.resolve({ query: q, items: search(q) })),

    loadCustomer: vi.fn((accountId: string) => {
      const c = find(accountId);
      if (!c) return missing();
      log.push({ action: 'view_customer', account_id: accountId });
      const check = checks.get(accountId);
      const view: CustomerView = { ...c.view };
      if (check) view.caller_check = check;
      if (actingOn(accountId) && acting) view.acting = acting;
      return Promise.resolve(view);
    }),

    revealCustomer: vi.fn((accountId, request) => {
      const c = find(accountId);
      if (!c) return missing();
      if (request.reason.trim() === '') return reject('invalid_input', 'A reason is required.', 'reason');
      if (!approved(c)) return reject('approval_required', 'The customer requires approval.');
      log.push({ action: 'reveal', account_id: accountId, reason: request.reason, ...(request.ticket ? { ticket: request.ticket } : {}) });
      const revealed: Revealed = {};
      for (const f of request.fields) {
        if (f === 'contact_emails') revealed.contact_emails = c.full.contact_emails;
        if (f === 'phone') revealed.phones = c.full.phones;
        if (f === 'postal_address') revealed.postal_address = c.full.postal_address;
        if (f === 'member_emails') revealed.member_emails = c.full.member_emails;
      }
      return Promise.resolve(revealed);
    }),

    sendCallerCode: vi.fn((accountId: string, userId: string) => {
      const c = find(accountId);
      const member = c?.view.members.find((m) => m.user_id === userId);
      if (!c || !member) return missing();
      codes.set(`${accountId}/${userId}`, EMAIL_CODE);
      log.push({ action: 'caller_code_sent', account_id: accountId });
      return Promise.resolve({ sent_to: member.email_masked, expires_at: iso(now() + 10 * 60_000) });
    }),

    checkCaller: vi.fn((accountId, request) => {
      const c = find(accountId);
      const member = c?.view.members.find((m) => m.user_id === request.user_id);
      if (!c || !member) return missing();
      const key = `${accountId}/${request.user_id}`;
      const left = attempts.get(key) ?? 3;
      const expected = request.method === 'support_pin' ? c.pins[request.user_id] : codes.get(key);
      const passed = left > 0 && expected !== undefined && expected === request.answer;
      const remaining = passed ? 3 : Math.max(0, left - 1);
      attempts.set(key, remaining);
      if (passed && request.method === 'email_code') codes.delete(key);
      const check: CallerCheck = {
        id: `check-${++checkId}`,
        user_id: request.user_id,
        user_name: member.name,
        method: request.method,
        passed,
        checked_at: iso(now()),
        valid_until: iso(now() + (passed ? 30 * 60_000 : 0)),
        attempts_left: remaining,
      };
      checks.set(accountId, check);
      log.push({ action: 'caller_check', account_id: accountId });
      return Promise.resolve(check);
    }),

    startActing: vi.fn((accountId, why) => {
      const c = find(accountId);
      if (!c) return missing();
      if (why.reason.trim() === '') return reject('invalid_input', 'A reason is required.', 'reason');
      if (!approved(c)) return reject('approval_required', 'The customer requires approval.');
      const ownTicket = why.ticket !== undefined && c.tickets.includes(why.ticket);
      if (!verified(accountId) && !ownTicket) return reject('caller_not_verified', 'Verify the caller.');
      acting = {
        id: `acting-${accountId}`,
        account_id: accountId,
        account_name: c.view.account_name,
        reason: why.reason,
        started_at: iso(now()),
        expires_at: iso(now() + 60 * 60_000),
        ...(why.ticket ? { ticket: why.ticket } : {}),
      };
      log.push({ action: 'acting_started', account_id: accountId, reason: why.reason });
      return Promise.resolve(acting);
    }),

    stopActing: vi.fn((accountId: string) => {
      if (!actingOn(accountId)) return reject('not_found', 'No acting session is open.');
      acting = undefined;
      log.push({ action: 'acting_ended', account_id: accountId });
      return Promise.resolve();
    }),

    staffLoadProfile: vi.fn((accountId: string) => (actingOn(accountId) ? Promise.resolve(profile()) : notActing())),

    staffSaveProfile: vi.fn((accountId, saved, etag) => {
      if (!actingOn(accountId)) return notActing();
      if (etag !== `"${profileVersion}"`) return Promise.resolve({ outcome: 'conflict' as const, current: profile() });
      profileVersion++;
      log.push({ action: 'profile_changed', account_id: accountId });
      return Promise.resolve({ outcome: 'saved' as const, state: profileState(saved, profileVersion) });
    }),

    staffLoadCommunications: vi.fn((accountId: string) =>
      actingOn(accountId) ? comms.api.loadCommunications() : notActing(),
    ),

    staffSaveCommunications: vi.fn((accountId, _userId, changes, version) => {
      if (!actingOn(accountId)) return notActing();
      log.push({ action: 'preferences_changed', account_id: accountId });
      return comms.api.saveCommunications(changes, BigInt(version));
    }),
  };

  return {
    api,
    customers: all,
    comms,
    audit: () => [...log],
    acting: () => acting,
    grant(accountId, until) {
      const c = find(accountId);
      if (c) c.view = { ...c.view, access: { ...c.view.access, granted_until: until } };
    },
    profileChangedElsewhere: () => void profileVersion++,
  };
}

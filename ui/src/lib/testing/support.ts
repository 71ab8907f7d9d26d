// Fakes of the customer's support commands that behave like the server
// (PR-10, PR-17), to pass to `unexpectedApi`:
//
// - tickets: an account's requests, newest first; opening one checks the
//   subject and the message as the server does; a reply is added to the
//   conversation and sets the request `open` again; internal notes are
//   never sent to the customer (unless the test asks the fake to leak them,
//   to check the console skips them anyway); a closed request takes no reply.
// - staff access: the log of staff accesses, the approval switch, a grant
//   of 1 to 72 hours (only while approval is required), and revoking it.
// - the support PIN: 6 to 10 digits, not all the same nor a run; only
//   whether it is set, and since when, ever comes back.

import { vi } from 'vitest';
import type { Api } from '../api';
import type { FieldError } from '../generated/FieldError';
import type { NewTicket } from '../generated/NewTicket';
import type { StaffAccess } from '../generated/StaffAccess';
import type { StaffAccessLog } from '../generated/StaffAccessLog';
import type { StaffAccessSettings } from '../generated/StaffAccessSettings';
import type { SupportPinStatus } from '../generated/SupportPinStatus';
import type { Ticket } from '../generated/Ticket';
import type { TicketMessage } from '../generated/TicketMessage';
import type { TicketSummary } from '../generated/TicketSummary';

export const NOW = Date.UTC(2026, 2, 5, 10, 0);
const HOUR = 3_600_000;
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * HOUR).toISOString();

export const ACCOUNT_ID = 'acc-1';
export const ACCOUNT_NAME = 'Ada Lovelace';

const invalid = (fields: FieldError[]) => ({ code: 'invalid_input', message: 'Some fields need attention.', fields });
const conflict = (message: string) => ({ code: 'conflict', message, advice: 'Reload the page to see where it stands.' });
const notFound = () => ({ code: 'not_found', message: 'This request does not exist.' });

// ---- Tickets ----

export function ticketMessage(id: string, changes: Partial<TicketMessage> = {}): TicketMessage {
  return {
    id,
    author: 'Ada Customer',
    author_kind: 'customer',
    body: 'Hello, my invoices show the wrong company name.',
    internal: false,
    at: at(5),
    ...changes,
  };
}

export function ticket(id: string, changes: Partial<Ticket> = {}): Ticket {
  return {
    id,
    number: `T-00004${id.slice(-1)}`,
    account_id: ACCOUNT_ID,
    account_name: ACCOUNT_NAME,
    subject: 'Wrong company name on invoices',
    status: 'open',
    opened_by: 'Ada Customer',
    created_at: at(5),
    updated_at: at(5),
    messages: [ticketMessage(`${id}-m1`)],
    ...changes,
  };
}

export function summaryOf(t: Ticket): TicketSummary {
  const { messages: _messages, ...summary } = t;
  return summary;
}

/** A request answered by support, with an internal note the customer must never see. */
export function answeredTicket(id = 't-2'): Ticket {
  return ticket(id, {
    number: 'T-000042',
    subject: 'Cannot download the March invoice',
    status: 'pending',
    updated_at: at(1),
    messages: [
      ticketMessage(`${id}-m1`, { body: 'The PDF of invoice INV-2026-03 does not open.', at: at(4) }),
      ticketMessage(`${id}-m2`, {
        author: 'Grace Agent',
        author_kind: 'staff',
        body: 'Customer on the old plan; check the PDF renderer.',
        internal: true,
        at: at(3),
      }),
      ticketMessage(`${id}-m3`, {
        author: 'Grace Agent',
        author_kind: 'staff',
        body: 'We fixed the PDF.\nCould you try again and tell us if it opens?',
        at: at(2),
      }),
    ],
  });
}

export interface FakeTickets {
  api: Pick<Api, 'listTickets' | 'openTicket' | 'getTicket' | 'replyTicket'>;
  /** The account's tickets as the server holds them, newest first. */
  tickets(): Ticket[];
  /** Support answers (as staff), or closes the request. */
  staffReply(ticketId: string, body: string): void;
  close(ticketId: string): void;
}

export function fakeTickets(options: { tickets?: Ticket[]; leakInternal?: boolean } = {}): FakeTickets {
  let tickets: Ticket[] = (options.tickets ?? []).map((t) => structuredClone(t));
  let n = 100;
  let clock = NOW;
  const tick = () => new Date((clock += 60_000)).toISOString();

  const sent = (t: Ticket): Ticket => {
    const copy = structuredClone(t);
    if (!options.leakInternal) copy.messages = copy.messages.filter((m) => !m.internal);
    return copy;
  };
  const find = (id: string) => tickets.find((t) => t.id === id);
  const touch = (id: string, change: (t: Ticket) => Ticket) => {
    const t = find(id);
    if (!t) return undefined;
    const next = change(t);
    tickets = [next, ...tickets.filter((x) => x.id !== id)];
    return next;
  };

  function bodyError(body: string): FieldError | undefined {
    const b = body.trim();
    if (b === '') return { field: 'body', rule: 'required', message: 'Write a message.' };
    if ([...b].length > 10_000) return { field: 'body', rule: 'too_long', message: 'At most 10000 characters.' };
    return undefined;
  }

  const api: FakeTickets['api'] = {
    listTickets: vi.fn(() => Promise.resolve({ items: tickets.map(summaryOf) })),
    openTicket: vi.fn((accountId: string, input: NewTicket) => {
      const fields: FieldError[] = [];
      const subject = input.subject.trim();
      if (subject === '') fields.push({ field: 'subject', rule: 'required', message: 'Give the request a subject.' });
      else if ([...subject].length > 200) fields.push({ field: 'subject', rule: 'too_long', message: 'At most 200 characters.' });
      else if (/\p{Cc}/u.test(subject)) {
        fields.push({ field: 'subject', rule: 'control_characters', message: 'Line breaks and tabs are not allowed in the subject.' });
      }
      const body = bodyError(input.body);
      if (body) fields.push(body);
      if (fields.length > 0) return Promise.reject(invalid(fields));
      const id = `t-${++n}`;
      const now = tick();
      const created: Ticket = {
        id,
        number: `T-000${n}`,
        account_id: accountId,
        account_name: ACCOUNT_NAME,
        subject,
        status: 'open',
        opened_by: 'Ada Customer',
        created_at: now,
        updated_at: now,
        messages: [ticketMessage(`${id}-m1`, { body: input.body.trim(), at: now })],
      };
      tickets = [created, ...tickets];
      return Promise.resolve(sent(created));
    }),
    getTicket: vi.fn((_accountId: string, ticketId: string) => {
      const t = find(ticketId);
      return t ? Promise.resolve(sent(t)) : Promise.reject(notFound());
    }),
    replyTicket: vi.fn((_accountId: string, ticketId: string, body: string) => {
      const t = find(ticketId);
      if (!t) return Promise.reject(notFound());
      const problem = bodyError(body);
      if (problem) return Promise.reject(invalid([problem]));
      if (t.status === 'closed') return Promise.reject(conflict('This request is closed; open a new one.'));
      const now = tick();
      const next = touch(ticketId, (x) => ({
        ...x,
        status: 'open',
        updated_at: now,
        messages: [...x.messages, ticketMessage(`${ticketId}-m${x.messages.length + 1}`, { body: body.trim(), at: now })],
      }))!;
      return Promise.resolve(sent(next));
    }),
  };

  return {
    api,
    tickets: () => tickets.map((t) => structuredClone(t)),
    staffReply(ticketId, body) {
      const now = tick();
      touch(ticketId, (x) => ({
        ...x,
        status: 'pending',
        updated_at: now,
        messages: [
          ...x.messages,
          ticketMessage(`${ticketId}-m${x.messages.length + 1}`, { author: 'Grace Agent', author_kind: 'staff', body, at: now }),
        ],
      }));
    },
    close(ticketId) {
      touch(ticketId, (x) => ({ ...x, status: 'closed', updated_at: tick() }));
    },
  };
}

// ---- Staff access ----

export function staffAccess(changes: Partial<StaffAccess> = {}): StaffAccess {
  return {
    at: at(2),
    staff: 'Grace Agent',
    action: 'reveal',
    what: 'Revealed the billing e-mail address',
    reason: 'Caller asked to update the billing e-mail',
    ticket: 'T-000042',
    ...changes,
  };
}

/** Three accesses, oldest first (the console shows them newest first). */
export const ACCESSES: StaffAccess[] = [
  staffAccess({ at: at(30), action: 'view_customer', what: 'Opened the account (details masked)', reason: undefined, ticket: undefined }),
  staffAccess({ at: at(2) }),
  staffAccess({ at: at(1), staff: 'Support 7', action: 'profile_changed', what: 'Changed the billing e-mail address' }),
];

export interface FakeStaffAccess {
  api: Pick<Api, 'loadStaffAccess' | 'setStaffApproval' | 'grantStaffAccess' | 'revokeStaffAccess'>;
  settings(): StaffAccessSettings;
  /** Approval set from elsewhere (another owner). */
  setElsewhere(settings: StaffAccessSettings): void;
}

export function fakeStaffAccess(
  options: { items?: StaffAccess[]; settings?: StaffAccessSettings; now?: number } = {},
): FakeStaffAccess {
  const items = (options.items ?? []).map((i) => ({ ...i }));
  let settings: StaffAccessSettings = { ...(options.settings ?? { require_approval: false }) };
  const now = options.now ?? NOW;
  const copy = (): StaffAccessSettings => ({ ...settings });

  const api: FakeStaffAccess['api'] = {
    loadStaffAccess: vi.fn((): Promise<StaffAccessLog> => Promise.resolve({ items: items.map((i) => ({ ...i })), settings: copy() })),
    setStaffApproval: vi.fn((_accountId: string, requireApproval: boolean) => {
      // Turning approval off ends any grant: there is nothing left to grant.
      settings = requireApproval ? { ...settings, require_approval: true } : { require_approval: false };
      return Promise.resolve(copy());
    }),
    grantStaffAccess: vi.fn((_accountId: string, hours: number) => {
      if (!Number.isInteger(hours) || hours < 1 || hours > 72) {
        return Promise.reject(invalid([{ field: 'hours', rule: 'range', message: 'Choose 1 to 72 hours.' }]));
      }
      if (!settings.require_approval) {
        return Promise.reject(conflict('Staff do not need your approval on this account; there is nothing to grant.'));
      }
      settings = { require_approval: true, granted_until: new Date(now + hours * HOUR).toISOString() };
      return Promise.resolve(copy());
    }),
    revokeStaffAccess: vi.fn(() => {
      settings = { require_approval: settings.require_approval };
      return Promise.resolve(copy());
    }),
  };

  return {
    api,
    settings: copy,
    setElsewhere: (next) => (settings = { ...next }),
  };
}

// ---- Support PIN ----

export const PIN_SET_AT = new Date(NOW - 24 * HOUR).toISOString();

export interface FakeSupportPin {
  api: Pick<Api, 'loadSupportPin' | 'setSupportPin' | 'clearSupportPin'>;
  /** The PIN the server holds (the fake's secret; never sent back). */
  pin(): string | undefined;
}

export function fakeSupportPin(options: { pin?: string } = {}): FakeSupportPin {
  let pin = options.pin;
  let setAt = pin ? PIN_SET_AT : undefined;
  const status = (): SupportPinStatus => (pin && setAt ? { is_set: true, set_at: setAt } : { is_set: false });

  const api: FakeSupportPin['api'] = {
    loadSupportPin: vi.fn(() => Promise.resolve(status())),
    setSupportPin: vi.fn((value: string) => {
      const p = value.trim();
      const digits = [...p].map(Number);
      const steps = digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10);
      if (!/^\d{6,10}$/.test(p)) {
        return Promise.reject(invalid([{ field: 'pin', rule: 'format', message: 'Use 6 to 10 digits.' }]));
      }
      if (steps.every((s) => s === 0) || steps.every((s) => s === 1) || steps.every((s) => s === 9)) {
        return Promise.reject(
          invalid([{ field: 'pin', rule: 'guessable', message: 'Choose digits that are not all the same or in a run.' }]),
        );
      }
      pin = p;
      setAt = new Date(NOW).toISOString();
      return Promise.resolve(status());
    }),
    clearSupportPin: vi.fn(() => {
      pin = undefined;
      setAt = undefined;
      return Promise.resolve(status());
    }),
  };

  return { api, pin: () => pin };
}

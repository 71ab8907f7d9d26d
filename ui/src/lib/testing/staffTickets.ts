// Sample tickets and a fake of the staff ticket commands that behaves like
// the server: lists filtered by status, newest change first; replies and
// internal notes appended in order; status changes; an anonymised case
// summary (PR-10, PR-11).

import { vi } from 'vitest';
import type { Api } from '../api';
import type { CaseSummary } from '../generated/CaseSummary';
import type { Ticket } from '../generated/Ticket';
import type { TicketMessage } from '../generated/TicketMessage';
import type { TicketQuery } from '../generated/TicketQuery';
import type { TicketStatus } from '../generated/TicketStatus';
import { summaryOf } from '../staff/tickets';
import { ADA, ENGINES, ENGINES_TICKET } from './staff';

export const SUMMARY: CaseSummary = {
  text: 'Customer [NAME-1] reports that uploads from [IP-1] to [DOMAIN-1] fail since [DATE-1].',
  replaced: [
    { kind: 'name', placeholder: '[NAME-1]', count: 1 },
    { kind: 'ip_address', placeholder: '[IP-1]', count: 2 },
    { kind: 'domain', placeholder: '[DOMAIN-1]', count: 1 },
  ],
};

function message(n: number, changes: Partial<TicketMessage> = {}): TicketMessage {
  return {
    id: `m-${n}`,
    author: 'Charles Babbage',
    author_kind: 'customer',
    body: `Message ${n}`,
    internal: false,
    at: new Date(Date.UTC(2026, 2, 1, 9, n)).toISOString(),
    ...changes,
  };
}

function tickets(): Ticket[] {
  return [
    {
      id: 't-42',
      number: ENGINES_TICKET,
      account_id: ENGINES,
      account_name: 'Analytical Engines Ltd',
      subject: 'Uploads fail from the office network',
      status: 'open',
      opened_by: 'Charles Babbage',
      created_at: '2026-03-01T09:01:00Z',
      updated_at: '2026-03-01T09:03:00Z',
      messages: [
        message(1, { body: 'Uploads from 203.0.113.7 fail since Monday.' }),
        message(2, { author: 'Grace Agent', author_kind: 'staff', body: 'Checked the logs: blocked by the rate limit.', internal: true }),
        message(3, { author: 'Grace Agent', author_kind: 'staff', body: 'We are looking into it.' }),
      ],
    },
    {
      id: 't-41',
      number: 'T-000041',
      account_id: ADA,
      account_name: 'Ada Lovelace',
      subject: 'Invoice address',
      status: 'pending',
      opened_by: 'Ada Lovelace',
      created_at: '2026-02-20T10:00:00Z',
      updated_at: '2026-02-21T10:00:00Z',
      messages: [message(4, { author: 'Ada Lovelace', body: 'Please change the invoice address.' })],
    },
    {
      id: 't-40',
      number: 'T-000040',
      account_id: ADA,
      account_name: 'Ada Lovelace',
      subject: 'Password reset',
      status: 'closed',
      opened_by: 'Ada Lovelace',
      created_at: '2026-01-05T10:00:00Z',
      updated_at: '2026-01-06T10:00:00Z',
      messages: [message(5, { author: 'Ada Lovelace', body: 'I cannot reset my password.' })],
    },
  ];
}

type TicketCommands = 'staffListTickets' | 'staffGetTicket' | 'staffReplyTicket' | 'setTicketStatus' | 'caseSummary';

export interface FakeTickets {
  api: Pick<Api, TicketCommands>;
  get(ticketId: string): Ticket | undefined;
}

export function fakeTickets(): FakeTickets {
  const all = tickets();
  let clock = Date.UTC(2026, 2, 5, 10, 0);
  let n = 100;
  const stamp = () => new Date((clock += 60_000)).toISOString();
  const find = (id: string) => all.find((t) => t.id === id);
  const missing = () => Promise.reject({ code: 'not_found', message: 'No such ticket.' });
  const copy = (t: Ticket): Ticket => ({ ...t, messages: [...t.messages] });

  function update(id: string, change: (t: Ticket) => Ticket): Promise<Ticket> {
    const i = all.findIndex((t) => t.id === id);
    const t = all[i];
    if (!t) return missing();
    const next = { ...change(t), updated_at: stamp() };
    all[i] = next;
    return Promise.resolve(copy(next));
  }

  const api: FakeTickets['api'] = {
    staffListTickets: vi.fn((query: TicketQuery) => {
      const items = all
        .filter((t) => (query.status === undefined || t.status === query.status) && (query.account_id === undefined || t.account_id === query.account_id))
        .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
        .map(summaryOf);
      return Promise.resolve({ items });
    }),
    staffGetTicket: vi.fn((id: string) => {
      const t = find(id);
      return t ? Promise.resolve(copy(t)) : missing();
    }),
    staffReplyTicket: vi.fn((id, m) => {
      if (m.body.trim() === '') {
        return Promise.reject({
          code: 'invalid_input',
          message: 'The message is empty.',
          fields: [{ field: 'body', rule: 'required', message: 'Write the message first.' }],
        });
      }
      return update(id, (t) => ({
        ...t,
        messages: [
          ...t.messages,
          { id: `m-${++n}`, author: 'Grace Agent', author_kind: 'staff', body: m.body, internal: m.internal, at: stamp() },
        ],
      }));
    }),
    setTicketStatus: vi.fn((id: string, status: TicketStatus) => update(id, (t) => ({ ...t, status }))),
    caseSummary: vi.fn((id: string) => (find(id) ? Promise.resolve(SUMMARY) : missing())),
  };

  return { api, get: (id) => find(id) };
}

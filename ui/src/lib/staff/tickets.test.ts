import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { Ticket } from '../generated/Ticket';
import type { TicketList } from '../generated/TicketList';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { fakeTickets, SUMMARY, type FakeTickets } from '../testing/staffTickets';
import { fieldMessage } from './errors';
import {
  bodyRequired,
  createTicketsController,
  EMPTY_TICKETS,
  queryFor,
  REPLY_KEY,
  replySent,
  STATUS_KEY,
  type TicketsState,
} from './tickets';

function setup(fake: FakeTickets = fakeTickets(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: TicketsState = EMPTY_TICKETS;
  const ctl = createTicketsController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, fake, ctl, state: () => state };
}

const numbers = (s: TicketsState) => s.list.items.map((t) => t.number);

describe('the list', () => {
  it('shows open tickets first, and filters by status', async () => {
    const t = setup();
    await t.ctl.load();
    expect(t.api.staffListTickets).toHaveBeenCalledWith({ status: 'open' });
    expect(numbers(t.state())).toEqual(['T-000042']);
    await t.ctl.setFilter('all');
    expect(t.api.staffListTickets).toHaveBeenLastCalledWith({});
    expect(numbers(t.state())).toEqual(['T-000042', 'T-000041', 'T-000040']);
    await t.ctl.setFilter('closed');
    expect(numbers(t.state())).toEqual(['T-000040']);
    expect(queryFor('pending')).toEqual({ status: 'pending' });
  });

  it('does not let an older read overwrite a newer one', async () => {
    const fake = fakeTickets();
    const slow = deferred<TicketList>();
    const list = vi.fn<Api['staffListTickets']>().mockReturnValueOnce(slow.promise).mockImplementation(fake.api.staffListTickets);
    const t = setup(fake, { staffListTickets: list });
    const first = t.ctl.load();
    await t.ctl.setFilter('all');
    slow.resolve({ items: [] });
    await first;
    expect(t.state().filter).toBe('all');
    expect(numbers(t.state())).toHaveLength(3);
  });

  it('shows why it could not be read', async () => {
    const unreachable = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const t = setup(fakeTickets(), { staffListTickets: vi.fn(() => Promise.reject(unreachable)) });
    await t.ctl.load();
    expect(t.state().list).toMatchObject({ status: 'failed', error: unreachable });
  });
});

describe('a ticket', () => {
  it('opens with its messages in order, internal notes marked', async () => {
    const t = setup();
    await t.ctl.open('t-42');
    expect(t.state()).toMatchObject({ ticketId: 't-42', ticketStatus: 'ready' });
    expect(t.state().ticket?.messages.map((m) => [m.id, m.internal])).toEqual([
      ['m-1', false],
      ['m-2', true],
      ['m-3', false],
    ]);
    t.ctl.close();
    expect(t.state().ticketId).toBeUndefined();
  });

  it('drops the answer for a ticket no longer open', async () => {
    const fake = fakeTickets();
    const slow = deferred<Ticket>();
    const get = vi.fn<Api['staffGetTicket']>().mockReturnValueOnce(slow.promise).mockImplementation(fake.api.staffGetTicket);
    const t = setup(fake, { staffGetTicket: get });
    const first = t.ctl.open('t-42');
    await t.ctl.open('t-41');
    slow.resolve((await fake.api.staffGetTicket('t-42')) as Ticket);
    await first;
    expect(t.state().ticket?.id).toBe('t-41');
  });

  it('sends a reply to the customer', async () => {
    const t = setup();
    await t.ctl.load();
    await t.ctl.open('t-42');
    expect(await t.ctl.reply('  We fixed it.  ', false)).toBe(true);
    expect(t.api.staffReplyTicket).toHaveBeenCalledWith('t-42', { body: 'We fixed it.', internal: false });
    expect(t.state().ticket?.messages.at(-1)).toMatchObject({ body: 'We fixed it.', internal: false });
    expect(t.state().actions.done).toEqual({ key: REPLY_KEY, message: replySent(false) });
    // The list entry follows.
    expect(t.state().list.items[0]?.updated_at).toBe(t.state().ticket?.updated_at);
  });

  it('adds an internal note when the toggle is on', async () => {
    const t = setup();
    await t.ctl.open('t-42');
    expect(await t.ctl.reply('Customer sounded unsure.', true)).toBe(true);
    expect(t.api.staffReplyTicket).toHaveBeenCalledWith('t-42', { body: 'Customer sounded unsure.', internal: true });
    expect(t.state().ticket?.messages.at(-1)).toMatchObject({ internal: true });
    expect(t.state().actions.done?.message).toBe('Internal note added. The customer does not see it.');
  });

  it('refuses an empty message next to the box', async () => {
    const t = setup();
    await t.ctl.open('t-42');
    expect(await t.ctl.reply('   ', true)).toBe(false);
    expect(t.api.staffReplyTicket).not.toHaveBeenCalled();
    expect(fieldMessage(t.state().actions.errors[REPLY_KEY], 'body')).toBe(bodyRequired());
  });

  it('keeps the box when a reply fails', async () => {
    const unreachable = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const t = setup(fakeTickets(), { staffReplyTicket: vi.fn(() => Promise.reject(unreachable)) });
    await t.ctl.open('t-42');
    expect(await t.ctl.reply('Hello', false)).toBe(false);
    expect(t.state().actions.errors[REPLY_KEY]).toEqual(unreachable);
  });

  it('changes the status, and reads the filtered list again', async () => {
    const t = setup();
    await t.ctl.load();
    await t.ctl.open('t-42');
    expect(await t.ctl.setStatus('closed')).toBe(true);
    expect(t.api.setTicketStatus).toHaveBeenCalledWith('t-42', 'closed');
    expect(t.state().ticket?.status).toBe('closed');
    expect(t.state().actions.done).toEqual({ key: STATUS_KEY, message: 'The ticket is closed.' });
    expect(numbers(t.state())).toEqual([]);
    expect(await t.ctl.setStatus('closed')).toBe(false);
  });

  it('previews the anonymised case summary', async () => {
    const t = setup();
    await t.ctl.open('t-42');
    expect(await t.ctl.summarize()).toBe(true);
    expect(t.api.caseSummary).toHaveBeenCalledWith('t-42');
    expect(t.state().summary).toEqual(SUMMARY);
    t.ctl.closeSummary();
    expect(t.state().summary).toBeUndefined();
  });

  it('does nothing without a ticket open', async () => {
    const t = setup();
    expect(await t.ctl.reply('Hello', false)).toBe(false);
    expect(await t.ctl.setStatus('open')).toBe(false);
    expect(await t.ctl.summarize()).toBe(false);
  });
});

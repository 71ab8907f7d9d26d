import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import type { Ticket } from '../generated/Ticket';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { ACCOUNT_ID, answeredTicket, fakeTickets, ticket, type FakeTickets } from '../testing/support';
import {
  byUpdated,
  conversation,
  createTicketsController,
  EMPTY_TICKETS,
  fieldError,
  fieldsMessage,
  hasUnsent,
  NEW_KEY,
  replyKey,
  summaryOf,
  ticketStatusLabel,
  type TicketsState,
} from './tickets';

const OTHER = 'acc-2';
const unreachable: CommandError = { code: 'server_unreachable', message: 'The server cannot be reached.' };

function setup(fake: FakeTickets = fakeTickets(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: TicketsState = EMPTY_TICKETS;
  const ctl = createTicketsController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, deps, ctl, fake, state: () => state };
}

async function loaded(fake: FakeTickets = fakeTickets({ tickets: [ticket('t-1'), answeredTicket('t-2')] }), overrides: Partial<Api> = {}) {
  const t = setup(fake, overrides);
  await t.ctl.load(ACCOUNT_ID);
  return t;
}

describe('wording and order', () => {
  it('names each status for the customer', () => {
    expect(ticketStatusLabel('open')).toBe('Open');
    expect(ticketStatusLabel('pending')).toBe('Waiting for your reply');
    expect(ticketStatusLabel('closed')).toBe('Closed');
  });

  it('shows the conversation oldest first, without internal notes', () => {
    const t = answeredTicket();
    const shuffled: Ticket = { ...t, messages: [t.messages[2]!, t.messages[0]!, t.messages[1]!] };
    expect(conversation(shuffled).map((m) => m.id)).toEqual(['t-2-m1', 't-2-m3']);
    expect(conversation(shuffled).some((m) => m.internal)).toBe(false);
  });

  it('lists the most recently updated first, keeping the server’s order among equals', () => {
    const a = summaryOf(ticket('t-1', { updated_at: '2026-03-01T00:00:00Z' }));
    const b = summaryOf(ticket('t-2', { updated_at: '2026-03-04T00:00:00Z' }));
    const c = summaryOf(ticket('t-3', { updated_at: '2026-03-01T00:00:00Z' }));
    expect(byUpdated([a, b, c]).map((s) => s.id)).toEqual(['t-2', 't-1', 't-3']);
  });
});

describe('the list', () => {
  it('reads the account’s requests', async () => {
    const t = await loaded();
    expect(t.api.listTickets).toHaveBeenCalledWith(ACCOUNT_ID);
    expect(t.state()).toMatchObject({ status: 'ready', accountId: ACCOUNT_ID, composing: false });
    expect(t.state().items.map((s) => s.id)).toEqual(['t-2', 't-1']);
  });

  it('shows why it could not load, and keeps a list on screen when a refresh fails', async () => {
    const list = vi.fn<Api['listTickets']>(() => Promise.reject(unreachable));
    const failed = await loaded(fakeTickets(), { listTickets: list });
    expect(failed.state()).toMatchObject({ status: 'failed', loadError: unreachable });

    const fake = fakeTickets({ tickets: [ticket('t-1')] });
    const t = await loaded(fake, { listTickets: vi.fn(fake.api.listTickets) });
    vi.mocked(t.api.listTickets).mockImplementationOnce(() => Promise.reject(unreachable));
    await t.ctl.refresh();
    expect(t.state()).toMatchObject({ status: 'ready', refreshing: false, loadError: unreachable });
    expect(t.state().items).toHaveLength(1);
  });

  it('keeps only the latest account’s list', async () => {
    const first = deferred<Awaited<ReturnType<Api['listTickets']>>>();
    const fake = fakeTickets({ tickets: [ticket('t-1')] });
    const list = vi.fn<Api['listTickets']>(() => first.promise);
    const t = setup(fake, { listTickets: list });
    const stale = t.ctl.load(OTHER);
    list.mockImplementationOnce(fake.api.listTickets);
    await t.ctl.load(ACCOUNT_ID);
    first.resolve({ items: [summaryOf(ticket('t-9'))] });
    await stale;
    expect(t.state().items.map((s) => s.id)).toEqual(['t-1']);
  });
});

describe('a new request', () => {
  async function composing(fake?: FakeTickets, overrides: Partial<Api> = {}) {
    const t = await loaded(fake, overrides);
    t.ctl.compose();
    t.ctl.editDraft({ subject: '  Invoice address ', body: ' Please use our new address.\nThanks ' });
    return t;
  }

  it('sends the trimmed subject and message, then opens the request', async () => {
    const t = await composing();
    await expect(t.ctl.send()).resolves.toBe(true);
    expect(t.api.openTicket).toHaveBeenCalledWith(ACCOUNT_ID, {
      subject: 'Invoice address',
      body: 'Please use our new address.\nThanks',
    });
    const sent = t.fake.tickets()[0]!;
    expect(t.state()).toMatchObject({ composing: false, draft: { subject: '', body: '' } });
    expect(t.state().open).toMatchObject({ id: sent.id, status: 'ready' });
    expect(t.state().items[0]?.id).toBe(sent.id);
    expect(t.state().actions.done).toEqual({ key: NEW_KEY, message: `Request ${sent.number} sent. Support answers here.` });
  });

  it('sends nothing that breaks the rules, nor without the form', async () => {
    const t = await loaded();
    t.ctl.editDraft({ subject: 'Fine', body: 'Fine' });
    await expect(t.ctl.send()).resolves.toBe(false);
    t.ctl.compose();
    t.ctl.editDraft({ subject: 'Two\nlines' });
    await expect(t.ctl.send()).resolves.toBe(false);
    t.ctl.editDraft({ subject: 'Fine', body: '  ' });
    await expect(t.ctl.send()).resolves.toBe(false);
    t.ctl.editDraft({ subject: 'x'.repeat(201), body: 'Fine' });
    await expect(t.ctl.send()).resolves.toBe(false);
    expect(t.api.openTicket).not.toHaveBeenCalled();
  });

  it('shows the server’s field errors next to their fields, and keeps what was written', async () => {
    const refusal = {
      code: 'invalid_input',
      message: 'Validation failed.',
      fields: [{ field: 'subject', rule: 'duplicate', message: 'You asked this already: see T-000042.' }],
    };
    const t = await composing(undefined, { openTicket: vi.fn(() => Promise.reject(refusal)) });
    await expect(t.ctl.send()).resolves.toBe(false);
    expect(fieldError(t.state(), NEW_KEY, 'subject')).toBe('You asked this already: see T-000042.');
    expect(fieldError(t.state(), NEW_KEY, 'body')).toBeUndefined();
    expect(t.state().actions.errors[NEW_KEY]?.message).toBe(fieldsMessage());
    expect(t.state()).toMatchObject({ composing: true, draft: { subject: '  Invoice address ' } });
  });

  it('keeps the draft while another request is viewed; "Cancel" drops it', async () => {
    const t = await composing();
    expect(hasUnsent(t.state())).toBe(true);
    await t.ctl.view('t-1');
    expect(t.state().composing).toBe(false);
    t.ctl.compose();
    expect(t.state().open).toBeUndefined();
    expect(t.state().draft.subject).toBe('  Invoice address ');
    t.ctl.discard();
    expect(t.state()).toMatchObject({ composing: false, draft: { subject: '', body: '' } });
    expect(hasUnsent(t.state())).toBe(false);
  });

  it('sends once at a time', async () => {
    const slow = deferred<Ticket>();
    const t = await composing(undefined, { openTicket: vi.fn(() => slow.promise) });
    const first = t.ctl.send();
    expect(t.state().actions.busy).toBe(NEW_KEY);
    await expect(t.ctl.send()).resolves.toBe(false);
    slow.resolve(ticket('t-7'));
    await expect(first).resolves.toBe(true);
    expect(t.api.openTicket).toHaveBeenCalledTimes(1);
  });
});

describe('a request’s conversation', () => {
  it('opens one request, and goes back to the list', async () => {
    const t = await loaded();
    const viewing = t.ctl.view('t-2');
    expect(t.state().open).toEqual({ id: 't-2', status: 'loading' });
    await viewing;
    expect(t.api.getTicket).toHaveBeenCalledWith(ACCOUNT_ID, 't-2');
    expect(t.state().open?.status).toBe('ready');
    expect(conversation(t.state().open!.ticket!)).toHaveLength(2);
    t.ctl.close();
    expect(t.state().open).toBeUndefined();
  });

  it('never shows an internal note, even one the server sent', async () => {
    const t = await loaded(fakeTickets({ tickets: [answeredTicket('t-2')], leakInternal: true }));
    await t.ctl.view('t-2');
    expect(t.state().open?.ticket?.messages.some((m) => m.internal)).toBe(true);
    expect(conversation(t.state().open!.ticket!).map((m) => m.id)).toEqual(['t-2-m1', 't-2-m3']);
  });

  it('shows why a request could not be read', async () => {
    const t = await loaded(undefined, { getTicket: vi.fn(() => Promise.reject(unreachable)) });
    await t.ctl.view('t-1');
    expect(t.state().open).toEqual({ id: 't-1', status: 'failed', error: unreachable });
  });

  it('shows the request viewed last, whichever answer comes last', async () => {
    const slow = deferred<Ticket>();
    const fake = fakeTickets({ tickets: [ticket('t-1'), answeredTicket('t-2')] });
    const get = vi.fn<Api['getTicket']>(() => slow.promise);
    const t = await loaded(fake, { getTicket: get });
    const first = t.ctl.view('t-1');
    get.mockImplementationOnce(fake.api.getTicket);
    await t.ctl.view('t-2');
    slow.resolve(ticket('t-1'));
    await first;
    expect(t.state().open?.id).toBe('t-2');
    expect(t.state().open?.ticket?.id).toBe('t-2');
  });
});

describe('replying', () => {
  async function viewing(fake?: FakeTickets, overrides: Partial<Api> = {}) {
    const t = await loaded(fake, overrides);
    await t.ctl.view('t-2');
    return t;
  }

  it('adds the reply to the conversation, moves the request up, and clears the box', async () => {
    const t = await viewing();
    t.ctl.editReply('t-2', '  It opens now, thank you!  ');
    await expect(t.ctl.reply()).resolves.toBe(true);
    expect(t.api.replyTicket).toHaveBeenCalledWith(ACCOUNT_ID, 't-2', 'It opens now, thank you!');
    const messages = conversation(t.state().open!.ticket!);
    expect(messages.at(-1)).toMatchObject({ body: 'It opens now, thank you!', author_kind: 'customer' });
    expect(t.state().open?.ticket?.status).toBe('open');
    expect(t.state().items[0]).toMatchObject({ id: 't-2', status: 'open' });
    expect(t.state().replies['t-2']).toBeUndefined();
    expect(t.state().actions.done).toEqual({ key: replyKey('t-2'), message: 'Reply sent on request T-000042.' });
  });

  it('keeps each request’s reply apart', async () => {
    const t = await viewing();
    t.ctl.editReply('t-2', 'For two');
    await t.ctl.view('t-1');
    t.ctl.editReply('t-1', 'For one');
    await t.ctl.view('t-2');
    expect(t.state().replies).toEqual({ 't-2': 'For two', 't-1': 'For one' });
    expect(hasUnsent(t.state())).toBe(true);
    t.ctl.close();
    // Not on screen: nothing the person could see holds the account.
    expect(hasUnsent(t.state())).toBe(false);
  });

  it('sends no empty reply, and none on a closed request', async () => {
    const fake = fakeTickets({ tickets: [answeredTicket('t-2')] });
    const t = await viewing(fake);
    t.ctl.editReply('t-2', '   ');
    await expect(t.ctl.reply()).resolves.toBe(false);
    fake.close('t-2');
    await t.ctl.view('t-2');
    t.ctl.editReply('t-2', 'Hello?');
    await expect(t.ctl.reply()).resolves.toBe(false);
    expect(t.api.replyTicket).not.toHaveBeenCalled();
  });

  it('shows a request closed meanwhile, with the refusal, and keeps the reply', async () => {
    const fake = fakeTickets({ tickets: [answeredTicket('t-2')] });
    const t = await viewing(fake);
    fake.close('t-2');
    t.ctl.editReply('t-2', 'One more thing');
    await expect(t.ctl.reply()).resolves.toBe(false);
    expect(t.state().actions.errors[replyKey('t-2')]?.code).toBe('conflict');
    expect(t.state().open?.ticket?.status).toBe('closed');
    expect(t.state().items[0]?.status).toBe('closed');
    expect(t.state().replies['t-2']).toBe('One more thing');
  });

  it('shows the server’s words for the message next to it', async () => {
    const refusal = { code: 'invalid_input', message: 'Bad.', fields: [{ field: 'body', rule: 'spam', message: 'Links are not allowed.' }] };
    const t = await viewing(undefined, { replyTicket: vi.fn(() => Promise.reject(refusal)) });
    t.ctl.editReply('t-2', 'See http://example.com');
    await t.ctl.reply();
    expect(fieldError(t.state(), replyKey('t-2'), 'body')).toBe('Links are not allowed.');
    expect(fieldError(t.state(), replyKey('t-1'), 'body')).toBeUndefined();
  });
});

describe('switching accounts meanwhile', () => {
  it('shows nothing of a request sent for the previous account', async () => {
    const slow = deferred<Ticket>();
    const t = await loaded(undefined, { openTicket: vi.fn(() => slow.promise) });
    t.ctl.compose();
    t.ctl.editDraft({ subject: 'Hello', body: 'World' });
    const sending = t.ctl.send();
    await t.ctl.load(OTHER);
    slow.resolve(ticket('t-7'));
    await expect(sending).resolves.toBe(false);
    expect(t.state()).toMatchObject({ accountId: OTHER, composing: false, draft: { subject: '', body: '' } });
    expect(t.state().open).toBeUndefined();
    expect(t.state().items.some((s) => s.id === 't-7')).toBe(false);
    expect(t.state().actions).toEqual({ errors: {} });
  });

  it('shows nothing of a refused reply for the previous account, nor a request read for it', async () => {
    const slow = deferred<Ticket>();
    const t = await loaded(undefined, { replyTicket: vi.fn(() => slow.promise) });
    await t.ctl.view('t-2');
    t.ctl.editReply('t-2', 'Hello');
    const replying = t.ctl.reply();
    await t.ctl.load(OTHER);
    slow.reject(unreachable);
    await expect(replying).resolves.toBe(false);
    expect(t.state().actions).toEqual({ errors: {} });
    expect(t.state().replies).toEqual({});
  });

  it('drops a request still being read for the previous account', async () => {
    const slow = deferred<Ticket>();
    const t = await loaded(undefined, { getTicket: vi.fn(() => slow.promise) });
    const viewing = t.ctl.view('t-1');
    await t.ctl.load(OTHER);
    slow.resolve(ticket('t-1'));
    await viewing;
    expect(t.state().open).toBeUndefined();
  });

  it('gives up on a step-up the previous account’s request waits for', async () => {
    const t = await loaded(undefined, {
      openTicket: vi.fn(() => Promise.reject({ code: 'step_up_required', message: 'Sign in again.' })),
    });
    t.ctl.compose();
    t.ctl.editDraft({ subject: 'Hello', body: 'World' });
    const sending = t.ctl.send();
    await vi.waitFor(() => expect(t.state().actions.stepUp).toBeDefined());
    await t.ctl.load(OTHER);
    await expect(sending).resolves.toBe(false);
    expect(t.state().actions).toEqual({ errors: {} });
  });
});

describe('a staff answer seen on refresh', () => {
  it('is in the list after "Refresh", and in the conversation', async () => {
    const fake = fakeTickets({ tickets: [ticket('t-1')] });
    const t = await loaded(fake);
    fake.staffReply('t-1', 'We changed the name on your invoices.');
    await t.ctl.refresh();
    expect(t.state().items[0]).toMatchObject({ id: 't-1', status: 'pending' });
    await t.ctl.view('t-1');
    expect(conversation(t.state().open!.ticket!).at(-1)).toMatchObject({
      author_kind: 'staff',
      author: 'Grace Agent',
      body: 'We changed the name on your invoices.',
    });
  });
});

describe('shown again (a kept page)', () => {
  it('reads the list again, keeping it on screen, and keeps what was being written', async () => {
    const t = await loaded();
    t.ctl.compose();
    t.ctl.editDraft({ subject: 'Half written' });
    const again = t.ctl.revalidate(ACCOUNT_ID);
    expect(t.state().status).toBe('ready');
    expect(t.state().items).toHaveLength(2);
    await again;
    expect(t.api.listTickets).toHaveBeenCalledTimes(2);
    expect(t.state()).toMatchObject({ status: 'ready', composing: true, refreshing: false });
    expect(t.state().draft.subject).toBe('Half written');
  });

  it('reads the request on screen again: support may have answered', async () => {
    const t = await loaded();
    await t.ctl.view('t-1');
    const closed: Ticket = { ...ticket('t-1'), status: 'closed' };
    vi.mocked(t.api.getTicket).mockImplementationOnce(() => Promise.resolve(closed));
    await t.ctl.revalidate(ACCOUNT_ID);
    expect(t.state().open).toMatchObject({ id: 't-1', status: 'ready', ticket: { status: 'closed' } });
  });

  it('drops what was read again for the previous account', async () => {
    const t = await loaded();
    await t.ctl.view('t-1');
    const read = deferred<Ticket>();
    vi.mocked(t.api.getTicket).mockImplementationOnce(() => read.promise);
    const again = t.ctl.revalidate(ACCOUNT_ID);
    vi.mocked(t.api.listTickets).mockImplementation(() => Promise.resolve({ items: [] }));
    await t.ctl.load(OTHER);
    read.resolve({ ...ticket('t-1'), status: 'closed' });
    await again;
    expect(t.state()).toMatchObject({ accountId: OTHER, status: 'ready', items: [] });
    expect(t.state().open).toBeUndefined();
  });

  it('loads afresh for another account', async () => {
    const t = await loaded();
    const again = t.ctl.revalidate(OTHER);
    expect(t.state()).toMatchObject({ status: 'loading', accountId: OTHER });
    await again;
  });
});

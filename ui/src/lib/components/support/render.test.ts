// Server-side renders of the Support page: each state shows the test ids,
// wording and accessibility hooks the desktop tests look for. (Behaviour is
// tested on the controller; these check what is on screen.)

import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import { NO_ACTIONS } from '../../actions';
import type { SectionDeps } from '../../deps';
import type { AccountAccess } from '../../generated/AccountAccess';
import { sectionById } from '../../sections';
import {
  closedNote,
  emptyList,
  EMPTY_TICKETS,
  NEW_KEY,
  replyKey,
  summaryOf,
  type TicketsController,
  type TicketsState,
} from '../../support/tickets';
import { unexpectedApi } from '../../testing/fakeApi';
import { customerMe } from '../../testing/fixtures';
import { answeredTicket, ticket } from '../../testing/support';
import SupportSection from '../SupportSection.svelte';
import NewTicketForm from './NewTicketForm.svelte';
import TicketsCard from './TicketsCard.svelte';
import TicketView from './TicketView.svelte';

const ctl = { runner: {} } as TicketsController;
const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const tag = (html: string, testid: string) => {
  const match = html.match(new RegExp(`<[a-z]+[^>]*data-testid="${testid}"[^>]*>`));
  if (!match) throw new Error(`no ${testid}`);
  return match[0];
};

const ready = (state: Partial<TicketsState> = {}): TicketsState => ({
  ...EMPTY_TICKETS,
  accountId: 'acc-1',
  status: 'ready',
  items: [summaryOf(answeredTicket('t-2')), summaryOf(ticket('t-1'))],
  ...state,
});

describe('the list', () => {
  const list = (state: Partial<TicketsState> = {}) =>
    clean(render(TicketsCard, { props: { tickets: ready(state), ctl, oncompose: vi.fn() } }).body);

  it('shows number, subject, status and when each was updated, with "View"', () => {
    const html = list();
    expect(html.match(/data-testid="ticket-row"/g)).toHaveLength(2);
    expect(html).toMatch(/>T-000042<\/td><th scope="row" id="ticket-t-2"[^>]*>Cannot download the March invoice<\/th>/);
    expect(html).toMatch(/data-status="pending">Waiting for your reply</);
    expect(tag(html, 'ticket-view')).toContain('aria-describedby="ticket-t-2"');
    expect(html).toContain('data-testid="ticket-new"');
    expect(html).toContain('<time datetime="2026-03-05T09:00:00.000Z">');
  });

  it('says when there are none yet, and marks the one on screen', () => {
    expect(text(list({ items: [] }))).toContain(emptyList());
    const open = list({ open: { id: 't-1', status: 'loading' } });
    const row = (id: string) => open.match(new RegExp(`<tr[^>]*data-ticket-id="${id}"[^>]*>`))?.[0] ?? '';
    expect(row('t-1')).toMatch(/aria-current="true"[^>]*class="[^"]*\bcurrent\b/);
    expect(row('t-2')).not.toContain('aria-current');
  });

  it('offers to try again when it could not load', () => {
    const html = list({ status: 'failed', items: [], loadError: { code: 'server_unreachable', message: 'The server cannot be reached.' } });
    expect(html).toContain('data-testid="tickets-load-error"');
    expect(text(html)).toContain('Try again');
  });
});

describe('a new request', () => {
  const form = (state: Partial<TicketsState> = {}) =>
    clean(
      render(NewTicketForm, {
        props: { tickets: ready({ composing: true, ...state }), ctl, accountName: 'Ada Lovelace', oncancel: vi.fn() },
      }).body,
    );

  it('asks for a subject and a message, labelled, with the rules', () => {
    const html = form();
    expect(html).toMatch(/<label for="ticket-subject">Subject<\/label>/);
    expect(html).toMatch(/<label for="ticket-body">Message<\/label>/);
    expect(tag(html, 'ticket-subject')).toContain('aria-describedby="ticket-subject-feedback"');
    expect(text(html)).toContain('One line, at most 200 characters.');
    expect(text(html)).toContain('0 of 10,000 characters');
    expect(html).toContain('data-testid="ticket-send"');
    expect(html).toContain('data-testid="ticket-cancel"');
  });

  it('says at once what breaks a rule other than a missing value', () => {
    const html = form({ draft: { subject: 'Two\nlines', body: '' } });
    expect(tag(html, 'ticket-subject')).toContain('aria-invalid="true"');
    expect(text(html)).toContain('Line breaks and tabs are not allowed in the subject.');
    // An empty message is only pointed out once sending was tried.
    expect(html).not.toContain('data-testid="field-error-body"');
  });

  it('shows the server’s words next to their field', () => {
    const errors = {
      [NEW_KEY]: {
        code: 'invalid_input' as const,
        message: 'Not sent.',
        fields: [{ field: 'body', rule: 'spam', message: 'Links are not allowed.' }],
      },
    };
    const html = form({ draft: { subject: 'Hi', body: 'http://x' }, actions: { ...NO_ACTIONS, errors } });
    expect(tag(html, 'ticket-body')).toContain('aria-invalid="true"');
    expect(text(html)).toContain('Links are not allowed.');
  });
});

describe('a request’s conversation', () => {
  const view = (t = answeredTicket('t-2'), state: Partial<TicketsState> = {}) => {
    const tickets = ready({ open: { id: t.id, status: 'ready', ticket: t }, ...state });
    return clean(
      render(TicketView, { props: { open: tickets.open!, tickets, ctl, onclose: vi.fn(), oncompose: vi.fn() } }).body,
    );
  };

  it('shows the messages in order, support set apart, never an internal note', () => {
    const html = view(answeredTicket('t-2'));
    expect(html).toMatch(/<h2 id="ticket-view-title" tabindex="-1"[^>]*>\s*Cannot download the March invoice/);
    const items = html.match(/<li[^>]*data-testid="ticket-message"[^>]*>/g) ?? [];
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('data-author-kind="customer"');
    expect(items[1]).toMatch(/class="message [^"]*\bstaff\b/);
    expect(items[0]).not.toMatch(/\bstaff\b/);
    expect(text(html)).toContain('Grace Agent Support');
    expect(text(html)).not.toContain('check the PDF renderer');
    expect(html.indexOf('does not open')).toBeLessThan(html.indexOf('We fixed the PDF.'));
    expect(html).toContain('We fixed the PDF.\nCould you try again');
  });

  it('skips an internal note even when one came', () => {
    const t = answeredTicket('t-2');
    expect(t.messages.some((m) => m.internal)).toBe(true);
    expect(view(t)).not.toContain('Customer on the old plan');
  });

  it('offers a labelled reply box while the request is not closed', () => {
    const html = view();
    expect(html).toMatch(/<label for="ticket-reply">Your reply<\/label>/);
    expect(html).toContain('data-testid="ticket-reply-send"');
    const errors = { [replyKey('t-2')]: { code: 'invalid_input' as const, message: 'x', fields: [{ field: 'body', rule: 'r', message: 'Too short.' }] } };
    expect(text(view(undefined, { replies: { 't-2': 'Hi' }, actions: { ...NO_ACTIONS, errors } }))).toContain('Too short.');
  });

  it('says a closed request takes no reply', () => {
    const html = view(ticket('t-1', { status: 'closed' }));
    expect(html).toContain('data-testid="ticket-closed"');
    expect(text(html)).toContain(closedNote());
    expect(html).not.toContain('data-testid="ticket-reply"');
  });
});

describe('the Support page', () => {
  const deps: SectionDeps = { api: unexpectedApi(), sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  const [OWNED] = customerMe.accounts as [AccountAccess, AccountAccess];
  const page = (account: AccountAccess | undefined, accounts = customerMe.accounts) =>
    clean(
      render(SupportSection, {
        props: { section: sectionById('support'), account, accounts, deps, onselectaccount: vi.fn() },
      }).body,
    );

  it('has the heading, the picker and the list of the selected account', () => {
    const html = page(OWNED);
    expect(html).toContain('data-testid="support-section"');
    expect(html).toMatch(/<h1 id="section-title" tabindex="-1">Support<\/h1>/);
    expect(text(html)).toContain('Ask support for help with Ada Lovelace');
    expect(html).toContain('data-testid="account-picker"');
    expect(html).toContain('data-testid="tickets-card"');
    expect(html).toContain('data-testid="ticket-new-status"');
  });

  it('says so without any account', () => {
    const html = page(undefined, []);
    expect(html).toContain('data-testid="support-no-account"');
    expect(html).not.toContain('data-testid="tickets-card"');
  });
});

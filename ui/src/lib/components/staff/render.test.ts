// Server-side renders of the staff workspace: each state shows the test ids,
// wording and accessibility hooks the desktop tests look for. (Behaviour is
// tested on the controllers; these check what is on screen.)

import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import { NO_ACTIONS } from '../../actions';
import type { SectionDeps } from '../../deps';
import type { ActingSession } from '../../generated/ActingSession';
import type { CustomerView } from '../../generated/CustomerView';
import { sectionById } from '../../sections';
import { EMPTY_CALLER, type CallerController, type CallerState } from '../../staff/caller';
import { EMPTY_CUSTOMER, REVEAL_KEY, type CustomerController, type CustomerState } from '../../staff/customer';
import { callerNotVerifiedMessage, requiredError, twoFactorRequiredMessage } from '../../staff/errors';
import { EMPTY_SEARCH, noResults, searchHint, type SearchController, type SearchState } from '../../staff/search';
import { EMPTY_TICKETS, internalNoteLabel, type TicketsController } from '../../staff/tickets';
import { revealedNote } from '../../staff/wording';
import { EMPTY_WORKSPACE, type WorkspaceController, type WorkspaceState } from '../../staff/workspace';
import { unexpectedApi } from '../../testing/fakeApi';
import { ADA, ENGINES, fakeStaff, GUARDED } from '../../testing/staff';
import { fakeTickets } from '../../testing/staffTickets';
import ActingBanner from './ActingBanner.svelte';
import CaseSummaryDialog from './CaseSummaryDialog.svelte';
import CustomerDetail from './CustomerDetail.svelte';
import CustomerSearch from './CustomerSearch.svelte';
import TicketView from './TicketView.svelte';
import TwoFactorRequired from './TwoFactorRequired.svelte';
import { SUMMARY } from '../../testing/staffTickets';

const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
/** The opening tag of the first element with `testid`. */
function tag(html: string, testid: string): string {
  const match = html.match(new RegExp(`<[a-z]+[^>]*data-testid="${testid}"[^>]*>`));
  if (!match) throw new Error(`no ${testid}`);
  return match[0];
}

const deps: SectionDeps = { api: unexpectedApi(), sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
const SESSION: ActingSession = {
  id: 'acting-1',
  account_id: ENGINES,
  account_name: 'Analytical Engines Ltd',
  reason: 'Invoice address',
  ticket: 'T-000042',
  started_at: '2026-03-05T10:00:00Z',
  expires_at: '2026-03-05T11:00:00Z',
};

function view(id: string): CustomerView {
  const c = fakeStaff().customers.find((x) => x.view.account_id === id);
  if (!c) throw new Error(id);
  return c.view;
}

function detail(id: string, customer: Partial<CustomerState> = {}, caller: Partial<CallerState> = {}, workspace: Partial<WorkspaceState> = {}) {
  const v = view(id);
  const state: CustomerState = { ...EMPTY_CUSTOMER, accountId: id, status: 'ready', view: v, ...customer };
  return clean(
    render(CustomerDetail, {
      props: {
        view: v,
        customer: state,
        ctl: {} as CustomerController,
        caller: { ...EMPTY_CALLER, accountId: id, members: v.members, ...caller },
        callerCtl: {} as CallerController,
        workspace: { ...EMPTY_WORKSPACE, ...workspace },
        deps,
      },
    }).body,
  );
}

describe('the customer search', () => {
  const search = (state: Partial<SearchState>, showResults = true) =>
    clean(
      render(CustomerSearch, {
        props: { search: { ...EMPTY_SEARCH, ...state }, ctl: {} as SearchController, idPrefix: 's', showResults, onopen: vi.fn() },
      }).body,
    );

  it('is a labelled combobox, hinting at two characters when too short', () => {
    const html = search({ query: 'a', status: 'short' });
    expect(tag(html, 'customer-search')).toMatch(/role="combobox"/);
    expect(tag(html, 'customer-search')).toMatch(/aria-expanded="false"/);
    expect(html).toContain('<label for="s-input">Find a customer</label>');
    expect(text(html)).toContain(searchHint());
  });

  it('lists the ranked hits as options, masked, with what matched; the active one selected', async () => {
    const items = (await fakeStaff().api.searchCustomers('engines')).items;
    const html = search({ query: 'engines', status: 'ready', hits: items, answered: 'engines', active: 1 });
    const hits = [...html.matchAll(/<li[^>]*data-testid="customer-hit"[^>]*>/g)].map((m) => m[0]);
    expect(hits).toHaveLength(2);
    expect(hits[0]).toMatch(/aria-selected="false"/);
    expect(hits[1]).toMatch(/aria-selected="true"/);
    expect(hits[1]).toContain(`data-account-id="${GUARDED}"`);
    expect(tag(html, 'customer-search')).toMatch(/aria-activedescendant="s-hit-1"/);
    expect(text(html)).toContain('j***@difference.example');
    expect(text(html)).toContain('Matched the name at the start of a word: Analytical Engines Ltd');
    expect(text(html)).toContain('2 customers found.');
  });

  it('says so when nothing matches', () => {
    const html = search({ query: 'zzz', status: 'ready', hits: [], answered: 'zzz' });
    expect(text(html)).toContain(noResults('zzz'));
    expect(html).toContain('data-testid="customer-search-empty"');
  });

  it('hides the hits while a customer is open', async () => {
    const items = (await fakeStaff().api.searchCustomers('ada')).items;
    const html = search({ query: 'ada', status: 'ready', hits: items, answered: 'ada', active: 0 }, false);
    expect(html).toMatch(/role="listbox"[^>]*hidden/);
  });
});

describe('a customer', () => {
  it('shows masked contact details with a reveal button per field and "Reveal all"', () => {
    const html = detail(ADA);
    for (const f of ['contact_emails', 'phone', 'postal_address', 'member_emails']) {
      expect(html).toContain(`data-testid="reveal-${f}"`);
    }
    expect(html).toContain('data-testid="reveal-all"');
    expect(text(html)).toContain('••••••••67');
    expect(text(html)).not.toContain(revealedNote());
  });

  it('asks why before revealing, with the server’s reason error next to the field', () => {
    const error = requiredError('reason', 'A reason is required.');
    const html = detail(ADA, {
      asking: { kind: 'reveal', fields: ['phone'] },
      actions: { ...NO_ACTIONS, errors: { [REVEAL_KEY]: error } },
      ticket: 'T-000041',
    });
    expect(tag(html, 'reveal-reason')).toMatch(/aria-invalid="true"/);
    expect(tag(html, 'reveal-reason')).toMatch(/aria-describedby="reveal-reason-error"/);
    expect(text(html)).toContain('A reason is required.');
    expect(tag(html, 'reveal-ticket')).toContain('value="T-000041"');
    expect(html).not.toContain('data-testid="reveal-error"');
  });

  it('shows revealed values with the note, and no more button for them', () => {
    const html = detail(ADA, { revealed: { phones: ['+442071234567'] } });
    expect(html).not.toContain('data-testid="reveal-phone"');
    expect(html).toContain('data-testid="revealed-note-phone"');
    expect(text(html)).toContain(revealedNote());
    expect(text(html)).toContain('+442071234567');
  });

  it('lists members with whether they set a support PIN', () => {
    const html = detail(ENGINES);
    expect(html.match(/data-testid="customer-member"/g)).toHaveLength(2);
    expect([...html.matchAll(/data-testid="member-pin" data-set="(true|false)"/g)].map((m) => m[1])).toEqual([
      'false',
      'true',
    ]);
  });

  it('says when the customer requires their approval', () => {
    expect(text(detail(GUARDED))).toContain('requires their approval before staff see or change their data');
    expect(detail(ADA)).not.toContain('data-testid="customer-approval"');
  });

  it('offers the caller check: member, method, answer and the recorded result', () => {
    const v = view(ADA);
    const html = detail(ADA, {}, {
      userId: v.members[0]!.user_id,
      result: {
        id: 'c',
        user_id: v.members[0]!.user_id,
        user_name: 'Ada Lovelace',
        method: 'support_pin',
        passed: false,
        checked_at: '2026-03-05T10:00:00Z',
        valid_until: '2026-03-05T10:00:00Z',
        attempts_left: 2,
      },
    });
    for (const id of ['caller-member', 'caller-method-support_pin', 'caller-answer', 'caller-check-submit']) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(tag(html, 'caller-result')).toContain('data-passed="false"');
    expect(text(html)).toContain('did not match. 2 attempts left.');
  });

  it('offers an e-mail code where the member set no PIN', () => {
    const v = view(ENGINES);
    const html = detail(ENGINES, {}, { userId: v.members[0]!.user_id, method: 'email_code' });
    expect(tag(html, 'caller-method-support_pin')).toMatch(/disabled/);
    expect(html).toContain('data-testid="caller-send-code"');
  });

  it('asks for a reason to act on behalf, and says why acting was refused', () => {
    const html = detail(ADA, {
      actions: { ...NO_ACTIONS, errors: { 'act-start': { code: 'caller_not_verified', message: callerNotVerifiedMessage() } } },
    });
    expect(html).toContain('data-testid="act-reason"');
    expect(tag(html, 'act-start')).toMatch(/type="submit"/);
    expect(text(html)).toContain(callerNotVerifiedMessage());
    expect(text(html)).toContain('Act on behalf to change anything.');
  });

  it('while acting for another customer, says to stop there first', () => {
    const html = detail(ADA, {}, {}, { acting: SESSION });
    expect(html).toContain('data-testid="acting-elsewhere"');
    expect(html).not.toContain('data-testid="act-start"');
  });
});

describe('the acting banner', () => {
  const banner = (workspace: Partial<WorkspaceState>) =>
    clean(render(ActingBanner, { props: { workspace: { ...EMPTY_WORKSPACE, ...workspace }, ctl: {} as WorkspaceController } }).body);

  it('names the account, the reason and the end, with "Stop acting"', () => {
    const html = banner({ acting: SESSION });
    expect(tag(html, 'acting-banner')).toContain(`data-account-id="${ENGINES}"`);
    expect(text(html)).toContain('Acting on behalf of Analytical Engines Ltd until');
    expect(text(html)).toContain('Reason: Invoice address · Ticket T-000042');
    expect(html).toContain('data-testid="stop-acting"');
  });

  it('is absent without a session, saying how the last one ended', () => {
    expect(banner({})).not.toContain('acting-banner');
    expect(text(banner({ ended: 'It ended.' }))).toContain('It ended.');
  });
});

describe('a ticket', () => {
  it('shows messages in order, internal notes labelled, with the reply toggle and the customer link', async () => {
    const ticket = await fakeTickets().api.staffGetTicket('t-42');
    const html = clean(
      render(TicketView, {
        props: { ticket, tickets: { ...EMPTY_TICKETS, ticketId: ticket.id, ticket }, ctl: {} as TicketsController, onopencustomer: vi.fn() },
      }).body,
    );
    expect([...html.matchAll(/data-testid="ticket-message" data-internal="(true|false)"/g)].map((m) => m[1])).toEqual([
      'false',
      'true',
      'false',
    ]);
    expect(html.match(/data-testid="ticket-internal-label"/g)).toHaveLength(1);
    expect(text(html)).toContain(internalNoteLabel());
    for (const id of ['ticket-reply-body', 'ticket-reply-internal', 'ticket-reply-submit', 'ticket-status', 'case-summary', 'ticket-customer']) {
      expect(html).toContain(`data-testid="${id}"`);
    }
  });

  it('previews the case summary with what was replaced and a Copy button', () => {
    const html = clean(render(CaseSummaryDialog, { props: { summary: SUMMARY, number: 'T-000042', onclose: vi.fn() } }).body);
    expect(text(html)).toContain(SUMMARY.text);
    expect(html).toContain('<tr><td>ip address</td><td class="mono">[IP-1]</td><td>2 times</td></tr>');
    expect(html).toContain('data-testid="case-summary-copy"');
  });
});

describe('the two-factor gate', () => {
  it('says what to do, with a way to Security', () => {
    const html = clean(render(TwoFactorRequired, { props: { section: sectionById('customers'), onsecurity: vi.fn() } }).body);
    expect(text(html)).toContain(twoFactorRequiredMessage());
    expect(html).toContain('data-testid="staff-two-factor-security"');
  });
});

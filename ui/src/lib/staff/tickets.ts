// Customers' support tickets, as staff work them (PR-10, PR-11):
//
// - the list, filtered by status (open by default), newest change first as
//   the server sends it;
// - one ticket: its messages in order, a reply to the customer or an
//   internal note the customer never sees, and its status;
// - an anonymised case summary to preview and copy: names, addresses,
//   numbers and identifiers replaced by placeholders (PR-11).
//
// Opening another ticket drops any answer still on its way for the previous
// one, and the outcome of actions started for it. A list read again replaces
// the one on screen only if no later read was sent meanwhile.

import { createScopedRunner, NO_ACTIONS, type ActionState, type ScopedRunner } from '../actions';
import type { SectionDeps, Slot } from '../deps';
import type { CaseSummary } from '../generated/CaseSummary';
import type { CommandError } from '../generated/CommandError';
import type { Ticket } from '../generated/Ticket';
import type { TicketQuery } from '../generated/TicketQuery';
import type { TicketStatus } from '../generated/TicketStatus';
import type { TicketSummary } from '../generated/TicketSummary';
import { midSentence, t } from '../i18n';
import { explained, requiredError, staffFailure } from './errors';
import { ticketStatusLabel } from './wording';

export const REPLY_KEY = 'reply';
export const STATUS_KEY = 'status';
export const SUMMARY_KEY = 'summary';

// Functions, not constants: the words are the current language's when asked.
export const bodyRequired = (): string => t('staff.ticket.bodyRequired');
export const internalNoteLabel = (): string => t('staff.ticket.internalLabel');

export type TicketFilter = TicketStatus | 'all';
export const TICKET_FILTERS: readonly TicketFilter[] = ['open', 'pending', 'closed', 'all'];

export interface TicketListState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  items: TicketSummary[];
  error?: CommandError;
}

export interface TicketsState {
  filter: TicketFilter;
  list: TicketListState;
  /** The ticket open, if any. */
  ticketId?: string;
  ticketStatus: 'idle' | 'loading' | 'ready' | 'failed';
  ticket?: Ticket;
  ticketError?: CommandError;
  /** The case summary being previewed. */
  summary?: CaseSummary;
  /** Keys: `reply`, `status`, `summary`. */
  actions: ActionState;
}

export const EMPTY_TICKETS: TicketsState = {
  filter: 'open',
  list: { status: 'idle', items: [] },
  ticketStatus: 'idle',
  actions: NO_ACTIONS,
};

export const queryFor = (filter: TicketFilter): TicketQuery => (filter === 'all' ? {} : { status: filter });

/** The list entry for `ticket` (a ticket without its messages). */
export function summaryOf(ticket: Ticket): TicketSummary {
  const summary: TicketSummary & { messages?: unknown } = { ...ticket };
  delete summary.messages;
  return summary;
}

export const replySent = (internal: boolean): string =>
  internal ? t('staff.ticket.noteAdded') : t('staff.ticket.replySent');

export interface TicketsController {
  runner: ScopedRunner;
  /** Reads the list with the filter on screen (entering the page, "Try again"). */
  load(): Promise<void>;
  setFilter(filter: TicketFilter): Promise<void>;
  open(ticketId: string): Promise<void>;
  /** Back to the list. */
  close(): void;
  /** Sends a reply, or an internal note. Resolves true once sent (to clear the box). */
  reply(body: string, internal: boolean): Promise<boolean>;
  setStatus(status: TicketStatus): Promise<boolean>;
  /** "Case summary": reads the anonymised summary for the preview. */
  summarize(): Promise<boolean>;
  closeSummary(): void;
}

export function createTicketsController(deps: SectionDeps, slot: Slot<TicketsState>): TicketsController {
  const patch = (changes: Partial<TicketsState>) => slot.set({ ...slot.get(), ...changes });
  const runner = createScopedRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });
  const current = (ticketId: string) => slot.get().ticketId === ticketId;
  let listReads = 0;

  async function load() {
    const mine = ++listReads;
    const filter = slot.get().filter;
    const shown = slot.get().list.status === 'ready';
    patch({ list: { ...slot.get().list, status: shown ? 'ready' : 'loading' } });
    try {
      const { items } = await deps.api.staffListTickets(queryFor(filter));
      if (mine === listReads) patch({ list: { status: 'ready', items } });
    } catch (reason) {
      const error = staffFailure(deps, reason);
      if (mine === listReads) patch({ list: { ...slot.get().list, status: shown ? 'ready' : 'failed', error } });
    }
  }

  /** An answer carrying the whole ticket: shown, and its list entry follows. */
  function show(ticket: Ticket) {
    if (!current(ticket.id)) return;
    const entry = summaryOf(ticket);
    const list = slot.get().list;
    patch({
      ticket,
      list: { ...list, items: list.items.map((t) => (t.id === ticket.id ? entry : t)) },
    });
  }

  return {
    runner,
    load,

    async setFilter(filter) {
      if (slot.get().filter === filter) return;
      patch({ filter, list: { status: 'idle', items: [] } });
      await load();
    },

    async open(ticketId) {
      runner.renew();
      const next: TicketsState = { ...slot.get(), ticketId, ticketStatus: 'loading' };
      delete next.ticket;
      delete next.ticketError;
      delete next.summary;
      slot.set(next);
      try {
        const ticket = await deps.api.staffGetTicket(ticketId);
        if (current(ticketId)) patch({ ticket, ticketStatus: 'ready' });
      } catch (reason) {
        const ticketError = staffFailure(deps, reason);
        if (current(ticketId)) patch({ ticketStatus: 'failed', ticketError });
      }
    },

    close() {
      runner.renew();
      const next: TicketsState = { ...slot.get(), ticketStatus: 'idle' };
      delete next.ticketId;
      delete next.ticket;
      delete next.ticketError;
      delete next.summary;
      slot.set(next);
    },

    async reply(body, internal) {
      const ticketId = slot.get().ticketId;
      if (!ticketId || !slot.get().ticket) return false;
      const text = body.trim();
      if (text === '') {
        const actions = slot.get().actions;
        patch({ actions: { ...actions, errors: { ...actions.errors, [REPLY_KEY]: requiredError('body', bodyRequired()) } } });
        return false;
      }
      let answer: Ticket | undefined;
      const ok = await runner.run(
        REPLY_KEY,
        async () => {
          answer = await explained(deps.api.staffReplyTicket(ticketId, { body: text, internal }));
        },
        replySent(internal),
      );
      if (!ok || !answer) return false;
      show(answer);
      return true;
    },

    async setStatus(status) {
      const { ticketId, ticket } = slot.get();
      if (!ticketId || !ticket || ticket.status === status) return false;
      let answer: Ticket | undefined;
      const ok = await runner.run(
        STATUS_KEY,
        async () => {
          answer = await explained(deps.api.setTicketStatus(ticketId, status));
        },
        t('staff.ticket.statusChanged', { status: midSentence(ticketStatusLabel(status)) }),
      );
      if (!ok || !answer) return false;
      show(answer);
      // The ticket may have left (or joined) the filtered list.
      await load();
      return true;
    },

    async summarize() {
      const ticketId = slot.get().ticketId;
      if (!ticketId) return false;
      const still = runner.current();
      let summary: CaseSummary | undefined;
      const ok = await runner.run(SUMMARY_KEY, async () => {
        summary = await explained(deps.api.caseSummary(ticketId));
      });
      if (!ok || !summary || !still() || !current(ticketId)) return false;
      patch({ summary });
      return true;
    },

    closeSummary() {
      const next = { ...slot.get() };
      delete next.summary;
      slot.set(next);
    },
  };
}

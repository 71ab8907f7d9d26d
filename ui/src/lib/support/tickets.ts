// The Support page of one account (PR-10): its requests, a new one, and the
// conversation of one request with a reply box. Requests are sent with the
// signed-in person's own session, so nobody else can ask in their name.
//
//   load ─▶ the requests, most recently updated first
//   "New request" ─▶ the form (subject, message) ─ send ─▶ the new request opened
//   "View" ─▶ one request: its conversation, oldest first, and a reply box
//
// - The form and the request on screen take turns: one or the other.
// - What is being written (the new request, a reply per request) is kept
//   while the person looks at other requests, and dropped with the account.
// - The rules the server checks are checked first; the server's field errors
//   are shown next to their field.
// - Internal notes are never sent to customers; any that came anyway are
//   not shown.
// - One send at a time. A request closed or gone meanwhile is read again and
//   shown with the refusal.
// - Another account: what is still running for the previous one shows
//   nothing on this one (busy, its outcome, a step-up).

import { sameAnswer } from '../answers';
import { createScopedRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import { failure, type SectionDeps, type Slot } from '../deps';
import type { CommandError } from '../generated/CommandError';
import type { NewTicket } from '../generated/NewTicket';
import type { Ticket } from '../generated/Ticket';
import type { TicketMessage } from '../generated/TicketMessage';
import type { TicketStatus } from '../generated/TicketStatus';
import type { TicketSummary } from '../generated/TicketSummary';
import { t } from '../i18n';
import { bodyProblem, subjectProblem } from './rules';

export const NEW_KEY = 'ticket-new';
export const replyKey = (ticketId: string): string => `reply:${ticketId}`;
export const TICKET_KEYS = [NEW_KEY, 'reply:'];

// Functions, not constants: the words are the current language's when asked.
export const fieldsMessage = (): string => t('support.fieldsMessage');
export const emptyList = (): string => t('support.empty');
export const closedNote = (): string => t('support.closed');

export const ticketStatusLabel = (s: TicketStatus): string => t(`support.status.${s}`);

/** The request on screen. */
export interface OpenTicket {
  id: string;
  status: 'loading' | 'ready' | 'failed';
  ticket?: Ticket;
  error?: CommandError;
}

export interface TicketsState {
  accountId?: string;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  /** Most recently updated first. */
  items: TicketSummary[];
  /** The list on screen is being read again. */
  refreshing: boolean;
  /** The "New request" form is open. */
  composing: boolean;
  /** The new request being written. */
  draft: NewTicket;
  open?: OpenTicket;
  /** Replies being written, by request id. */
  replies: Partial<Record<string, string>>;
  /** Keys: `ticket-new`, `reply:<id>`. */
  actions: ActionState;
}

export const EMPTY_DRAFT: NewTicket = { subject: '', body: '' };

export const EMPTY_TICKETS: TicketsState = {
  status: 'idle',
  items: [],
  refreshing: false,
  composing: false,
  draft: EMPTY_DRAFT,
  replies: {},
  actions: NO_ACTIONS,
};

/** The conversation as the customer sees it: oldest first, without internal notes. */
export function conversation(ticket: Ticket): TicketMessage[] {
  return ticket.messages
    .filter((m) => !m.internal)
    .map((m, i) => ({ m, i, t: Date.parse(m.at) }))
    .sort((a, b) => (a.t === b.t || Number.isNaN(a.t - b.t) ? a.i - b.i : a.t - b.t))
    .map(({ m }) => m);
}

/** Most recently updated first; the server's order among equals. */
export function byUpdated(items: TicketSummary[]): TicketSummary[] {
  return items
    .map((s, i) => ({ s, i, t: Date.parse(s.updated_at) }))
    .sort((a, b) => (a.t === b.t || Number.isNaN(b.t - a.t) ? a.i - b.i : b.t - a.t))
    .map(({ s }) => s);
}

export function summaryOf(ticket: Ticket): TicketSummary {
  const { messages: _messages, ...summary } = ticket;
  return summary;
}

/**
 * A new request, or a reply on the request on screen, is written and not
 * sent: switching account would drop it. (Replies to requests not on screen
 * are not counted: the person could not see what holds them.)
 */
export function hasUnsent(state: TicketsState): boolean {
  const written = (s: string | undefined) => (s ?? '').trim() !== '';
  const open = state.open?.ticket;
  const reply = open && open.status !== 'closed' ? state.replies[open.id] : undefined;
  return written(state.draft.subject) || written(state.draft.body) || written(reply);
}

/** The server's words for one field of a refused send. */
export function fieldError(state: TicketsState, key: string, field: 'subject' | 'body'): string | undefined {
  return state.actions.errors[key]?.fields?.find((f) => f.field === field)?.message;
}

export const sentMessage = (ticket: Ticket): string => t('support.sent', { number: ticket.number });
export const repliedMessage = (ticket: Ticket): string => t('support.replied', { number: ticket.number });

export interface TicketsController {
  runner: Runner;
  /** Another account (or "Try again"): its requests. */
  load(accountId: string): Promise<void>;
  /** Reads the list again, keeping it on screen meanwhile. */
  refresh(): Promise<void>;
  /**
   * The page shown again: the list read again, and the request on screen
   * with it (support may have answered); what was being written stays.
   */
  revalidate(accountId: string): Promise<void>;
  /** "New request": the form, with what was written before. */
  compose(): void;
  /** "Cancel": closes the form and drops what was written. */
  discard(): void;
  editDraft(changes: Partial<NewTicket>): void;
  /** Sends the new request, once it meets the rules. Resolves true once sent (and opened). */
  send(): Promise<boolean>;
  /** "View": one request and its conversation. */
  view(ticketId: string): Promise<void>;
  /** Back to the list. */
  close(): void;
  editReply(ticketId: string, body: string): void;
  /** Sends the reply written on the request on screen. Resolves true once sent. */
  reply(): Promise<boolean>;
}

export function createTicketsController(deps: SectionDeps, slot: Slot<TicketsState>): TicketsController {
  const patch = (changes: Partial<TicketsState>) => slot.set({ ...slot.get(), ...changes });
  const actionRunner = createScopedRunner(deps, {
    get: () => slot.get().actions,
    set: (actions) => patch({ actions }),
  });
  const idle = () => slot.get().actions.busy === undefined && !slot.get().actions.stepUp?.busy;

  // One status line: a new send clears the outcome of earlier ones.
  const runner: Runner = {
    ...actionRunner,
    run(key, action, success) {
      if (!idle()) return Promise.resolve(false);
      patch({ actions: { ...slot.get().actions, errors: {} } });
      return actionRunner.run(key, action, success);
    },
  };

  const done = (key: string, message: string) => patch({ actions: { ...slot.get().actions, done: { key, message } } });

  /** Bumped by every load: an older list is stale. */
  let generation = 0;
  /** Bumped whenever another request is put on screen. */
  let viewing = 0;

  /** A request the server now holds: in the list (moved by its update), and on screen if it is. */
  function show(ticket: Ticket) {
    const rest = slot.get().items.filter((s) => s.id !== ticket.id);
    patch({ items: byUpdated([summaryOf(ticket), ...rest]) });
    if (slot.get().open?.id === ticket.id) patch({ open: { id: ticket.id, status: 'ready', ticket } });
  }

  async function readList(accountId: string, mine: number) {
    try {
      const list = await deps.api.listTickets(accountId);
      if (mine === generation) patch({ status: 'ready', items: byUpdated(list.items), refreshing: false, loadError: undefined });
    } catch (reason) {
      const error = failure(deps, reason);
      if (mine !== generation) return;
      // A list already on screen stays; the failure is shown with it.
      if (slot.get().status === 'ready') patch({ refreshing: false, loadError: error });
      else patch({ status: 'failed', loadError: error });
    }
  }

  /** Read again after a refusal that means it changed elsewhere; a failure here is not the send's. */
  async function quietlyReload(accountId: string, ticketId: string, current: () => boolean) {
    try {
      const ticket = await deps.api.getTicket(accountId, ticketId);
      if (current()) show(ticket);
    } catch (reason) {
      const error = failure(deps, reason);
      if (!current() || error.code !== 'not_found') return;
      // Gone: out of the list, and off the screen.
      patch({ items: slot.get().items.filter((s) => s.id !== ticketId) });
      if (slot.get().open?.id === ticketId) patch({ open: { id: ticketId, status: 'failed', error } });
    }
  }

  async function load(accountId: string) {
    const mine = ++generation;
    viewing++;
    actionRunner.renew();
    slot.set({ ...EMPTY_TICKETS, accountId, status: 'loading' });
    await readList(accountId, mine);
  }

  async function refresh() {
    const { accountId, status, refreshing } = slot.get();
    if (!accountId || refreshing || status === 'loading') return;
    const mine = ++generation;
    if (status === 'ready') patch({ refreshing: true, loadError: undefined });
    else patch({ status: 'loading', loadError: undefined });
    await readList(accountId, mine);
  }

  function refused(reason: unknown): CommandError {
    const error = toCommandError(reason);
    return error.code === 'invalid_input' && error.fields?.length ? { ...error, message: fieldsMessage() } : error;
  }

  return {
    runner,

    load,

    refresh,

    async revalidate(accountId) {
      if (slot.get().accountId !== accountId || slot.get().status !== 'ready') return load(accountId);
      const { open, refreshing } = slot.get();
      if (refreshing) return;
      const mine = generation;
      const seen = viewing;
      const quiet = runner.quietSince();
      const list = async () => {
        const items = byUpdated((await deps.api.listTickets(accountId)).items);
        if (mine === generation && quiet() && !sameAnswer(items, slot.get().items)) patch({ items });
      };
      const conversation = async (id: string) => {
        const ticket = await deps.api.getTicket(accountId, id);
        const now = slot.get().open;
        if (seen !== viewing || !quiet() || now?.id !== id || sameAnswer(ticket, now.ticket)) return;
        show(ticket);
      };
      // What is on screen stays on a failure; the offline banner or the next change says the rest.
      await Promise.all([
        list().catch((reason: unknown) => void failure(deps, reason)),
        open?.status === 'ready' ? conversation(open.id).catch((reason: unknown) => void failure(deps, reason)) : undefined,
      ]);
    },

    compose() {
      if (!slot.get().accountId) return;
      viewing++;
      const next = { ...slot.get(), composing: true };
      delete next.open;
      slot.set(next);
    },

    discard() {
      const errors = { ...slot.get().actions.errors };
      delete errors[NEW_KEY];
      patch({ composing: false, draft: EMPTY_DRAFT, actions: { ...slot.get().actions, errors } });
    },

    editDraft(changes) {
      patch({ draft: { ...slot.get().draft, ...changes } });
    },

    async send() {
      const { accountId, composing, draft } = slot.get();
      if (!accountId || !composing || subjectProblem(draft.subject) || bodyProblem(draft.body)) return false;
      const current = actionRunner.current();
      let sent: Ticket | undefined;
      const ran = await runner.run(NEW_KEY, async () => {
        try {
          sent = await deps.api.openTicket(accountId, { subject: draft.subject.trim(), body: draft.body.trim() });
        } catch (reason) {
          throw refused(reason);
        }
      });
      if (!ran || !sent || !current()) return false;
      viewing++;
      patch({ composing: false, draft: EMPTY_DRAFT, open: { id: sent.id, status: 'ready', ticket: sent } });
      show(sent);
      done(NEW_KEY, sentMessage(sent));
      return true;
    },

    async view(ticketId) {
      const accountId = slot.get().accountId;
      if (!accountId) return;
      const mine = ++viewing;
      patch({ composing: false, open: { id: ticketId, status: 'loading' } });
      const still = () => mine === viewing && slot.get().accountId === accountId;
      try {
        const ticket = await deps.api.getTicket(accountId, ticketId);
        if (still()) show(ticket);
      } catch (reason) {
        const error = failure(deps, reason);
        if (still()) patch({ open: { id: ticketId, status: 'failed', error } });
      }
    },

    close() {
      viewing++;
      const next = { ...slot.get() };
      delete next.open;
      slot.set(next);
    },

    editReply(ticketId, body) {
      patch({ replies: { ...slot.get().replies, [ticketId]: body } });
    },

    async reply() {
      const { accountId, open, replies } = slot.get();
      const ticket = open?.ticket;
      const body = ticket ? (replies[ticket.id] ?? '') : '';
      if (!accountId || !ticket || ticket.status === 'closed' || bodyProblem(body)) return false;
      const current = actionRunner.current();
      const key = replyKey(ticket.id);
      let saved: Ticket | undefined;
      const ran = await runner.run(key, async () => {
        try {
          saved = await deps.api.replyTicket(accountId, ticket.id, body.trim());
        } catch (reason) {
          const error = toCommandError(reason);
          if ((error.code === 'conflict' || error.code === 'not_found') && current()) {
            await quietlyReload(accountId, ticket.id, current);
          }
          throw refused(error);
        }
      });
      if (!ran || !saved || !current()) return false;
      const rest = { ...slot.get().replies };
      delete rest[ticket.id];
      patch({ replies: rest });
      show(saved);
      done(key, repliedMessage(saved));
      return true;
    },
  };
}

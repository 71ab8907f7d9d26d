// The audit log (PR-16, PR-17), for administrators: newest first, filtered
// by action, account and staff member, a page at a time ("Load older" asks
// for the entries before the last one shown).
//
// New filters start over from the newest entry; an answer to a read sent
// before the filters changed is dropped, and a page seen twice is shown once.

import type { SectionDeps, Slot } from '../deps';
import type { AuditAction } from '../generated/AuditAction';
import type { AuditEntry } from '../generated/AuditEntry';
import type { AuditQuery } from '../generated/AuditQuery';
import type { CommandError } from '../generated/CommandError';
import { staffFailure } from './errors';

export interface AuditFilters {
  /** Empty: any. */
  action: AuditAction | '';
  accountId: string;
  staffUserId: string;
}

export const NO_FILTERS: AuditFilters = { action: '', accountId: '', staffUserId: '' };

export interface AuditState {
  filters: AuditFilters;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  items: AuditEntry[];
  /** The cursor for "Load older"; none when the oldest entry is shown. */
  nextBefore?: number;
  loadingMore: boolean;
  /** Why the first page, or the last "Load older", could not be read. */
  error?: CommandError;
}

export const EMPTY_AUDIT: AuditState = { filters: NO_FILTERS, status: 'idle', items: [], loadingMore: false };

/** The query for `filters`, blank ones left out. */
export function auditQuery(filters: AuditFilters, before?: number): AuditQuery {
  const query: AuditQuery = {};
  if (filters.action !== '') query.action = filters.action;
  const account = filters.accountId.trim();
  if (account !== '') query.account_id = account;
  const staff = filters.staffUserId.trim();
  if (staff !== '') query.staff_user_id = staff;
  if (before !== undefined) query.before = before;
  return query;
}

export interface AuditController {
  /** Reads the newest page for `filters` (the ones on screen when omitted). */
  search(filters?: AuditFilters): Promise<void>;
  /** "Load older". */
  more(): Promise<void>;
}

export function createAuditController(deps: SectionDeps, slot: Slot<AuditState>): AuditController {
  const patch = (changes: Partial<AuditState>) => slot.set({ ...slot.get(), ...changes });
  /** Bumped whenever the list starts over: older answers are stale. */
  let generation = 0;

  return {
    async search(filters = slot.get().filters) {
      const mine = ++generation;
      slot.set({ ...EMPTY_AUDIT, filters, status: 'loading' });
      try {
        const page = await deps.api.listAudit(auditQuery(filters));
        if (mine !== generation) return;
        patch({ status: 'ready', items: page.items, nextBefore: page.next_before ?? undefined });
      } catch (reason) {
        const error = staffFailure(deps, reason);
        if (mine === generation) patch({ status: 'failed', error });
      }
    },

    async more() {
      const { nextBefore, loadingMore, status, filters } = slot.get();
      if (nextBefore === undefined || loadingMore || status !== 'ready') return;
      const mine = generation;
      const next = { ...slot.get(), loadingMore: true };
      delete next.error;
      slot.set(next);
      try {
        const page = await deps.api.listAudit(auditQuery(filters, nextBefore));
        if (mine !== generation) return;
        const seen = new Set(slot.get().items.map((e) => e.seq));
        patch({
          items: [...slot.get().items, ...page.items.filter((e) => !seen.has(e.seq))],
          nextBefore: page.next_before ?? undefined,
          loadingMore: false,
        });
      } catch (reason) {
        const error = staffFailure(deps, reason);
        if (mine === generation) patch({ loadingMore: false, error });
      }
    },
  };
}

// The invoice list of one account: filters (status, date range), keyset
// pages of 50 appended by "Load more", one invoice opened at a time, and a
// CSV export of what the filter selects, and the PDF of one invoice.
//
// A changed filter starts the list over; an answer for an older filter (or
// another account) is dropped, so pages of two filters never mix.

import { sameAnswer } from '../answers';
import type { InvoiceFilter } from '../api';
import { toCommandError } from '../commandErrors';
import { failure, type SectionDeps, type Slot } from '../deps';
import type { CommandError } from '../generated/CommandError';
import type { Invoice } from '../generated/Invoice';
import type { InvoiceSummary } from '../generated/InvoiceSummary';
import { t } from '../i18n';

export const ANY_INVOICE: InvoiceFilter = { status: null, from: null, to: null };

/** `operation` names a running download for "Cancel" (issue 9). */
export type ExportState =
  | { status: 'idle' }
  | { status: 'exporting'; filter: InvoiceFilter; operation: string }
  | { status: 'cancelled' }
  | { status: 'saved'; path: string }
  | { status: 'failed'; error: CommandError };

/**
 * The PDF of one invoice, saved to Downloads. One at a time; the state names
 * the invoice it is about, so another invoice opened meanwhile does not show it.
 */
export type PdfState =
  | { status: 'idle' }
  | { status: 'busy'; invoiceId: string; operation: string }
  | { status: 'cancelled'; invoiceId: string }
  | { status: 'done'; invoiceId: string; path: string }
  | { status: 'error'; invoiceId: string; error: CommandError };

export const NO_PDF: PdfState = { status: 'idle' };

/** What the PDF of `invoiceId` is doing, `idle` when the state is about another invoice. */
export function pdfOf(pdf: PdfState, invoiceId: string): PdfState {
  return pdf.status !== 'idle' && pdf.invoiceId === invoiceId ? pdf : NO_PDF;
}

export interface OpenInvoice {
  id: string;
  status: 'loading' | 'ready' | 'failed';
  invoice?: Invoice;
  error?: CommandError;
}

export interface InvoicesState {
  accountId?: string;
  filter: InvoiceFilter;
  /** Why the filter cannot be applied (it is not sent until fixed). */
  filterProblem?: string;
  /** `loading`: the first page of the filter. */
  status: 'idle' | 'loading' | 'ready' | 'failed';
  items: InvoiceSummary[];
  nextCursor?: string;
  loadingMore: boolean;
  /** The last page load that failed (the first page, or "Load more"). */
  error?: CommandError;
  open?: OpenInvoice;
  export: ExportState;
  pdf: PdfState;
}

export const EMPTY_INVOICES: InvoicesState = {
  filter: ANY_INVOICE,
  status: 'idle',
  items: [],
  loadingMore: false,
  export: { status: 'idle' },
  pdf: NO_PDF,
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why a filter cannot be sent: a malformed date, or a range that ends before it starts. */
export function filterProblem(filter: InvoiceFilter): string | undefined {
  if (filter.from !== null && !DATE.test(filter.from)) return t('billing.filter.badFrom');
  if (filter.to !== null && !DATE.test(filter.to)) return t('billing.filter.badTo');
  if (filter.from !== null && filter.to !== null && filter.from > filter.to) {
    return t('billing.filter.reversed');
  }
  return undefined;
}

/** An empty date field means "no limit". */
export const dateOrNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

export const isFiltered = (f: InvoiceFilter): boolean => f.status !== null || f.from !== null || f.to !== null;

export interface InvoicesController {
  load(accountId: string): Promise<void>;
  /**
   * The page shown again: the first page read again in the background. The
   * list on screen (with any further pages) stays if its head is unchanged.
   */
  revalidate(accountId: string): Promise<void>;
  /** Changes part of the filter and starts the list over. */
  setFilter(changes: Partial<InvoiceFilter>): Promise<void>;
  /** Reads the first page of the current filter again. */
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  openInvoice(invoiceId: string): Promise<void>;
  closeInvoice(): void;
  exportCsv(): Promise<void>;
  /** Stops the CSV export under way; nothing is saved. */
  cancelExport(): Promise<void>;
  /** Saves the invoice as PDF in Downloads; does nothing while a PDF is being prepared. */
  downloadPdf(invoiceId: string): Promise<void>;
  /** Stops the PDF download under way; nothing is saved. */
  cancelPdf(): Promise<void>;
}

const cancelled = (reason: unknown) => toCommandError(reason).code === 'operation_cancelled';

export function createInvoicesController(deps: SectionDeps, slot: Slot<InvoicesState>): InvoicesController {
  const patch = (changes: Partial<InvoicesState>) => slot.set({ ...slot.get(), ...changes });
  /** Bumped whenever the list starts over: older answers are stale. */
  let generation = 0;

  async function firstPage() {
    const { accountId, filter } = slot.get();
    if (!accountId) return;
    const mine = ++generation;
    const problem = filterProblem(filter);
    if (problem) {
      patch({ filterProblem: problem, status: 'idle', items: [], nextCursor: undefined, error: undefined });
      return;
    }
    patch({ filterProblem: undefined, status: 'loading', items: [], nextCursor: undefined, error: undefined, loadingMore: false });
    try {
      const page = await deps.api.listInvoices(accountId, filter, null);
      if (mine === generation) patch({ status: 'ready', items: page.items, nextCursor: page.next_cursor ?? undefined });
    } catch (reason) {
      const error = failure(deps, reason);
      if (mine === generation) patch({ status: 'failed', error });
    }
  }

  async function load(accountId: string) {
    generation++;
    slot.set({ ...EMPTY_INVOICES, accountId });
    await firstPage();
  }

  return {
    load,

    async revalidate(accountId) {
      const { accountId: shown, status, loadingMore, filter } = slot.get();
      if (shown !== accountId) return load(accountId);
      if (status !== 'ready') return firstPage();
      if (loadingMore) return;
      const mine = generation;
      try {
        const page = await deps.api.listInvoices(accountId, filter, null);
        if (mine !== generation) return;
        if (sameAnswer(page.items, slot.get().items.slice(0, page.items.length))) return;
        patch({ items: page.items, nextCursor: page.next_cursor ?? undefined, error: undefined });
      } catch (reason) {
        // What is on screen stays; the offline banner or the next change says the rest.
        failure(deps, reason);
      }
    },

    async setFilter(changes) {
      patch({ filter: { ...slot.get().filter, ...changes } });
      await firstPage();
    },

    refresh: () => firstPage(),

    async loadMore() {
      const { accountId, filter, nextCursor, loadingMore, status } = slot.get();
      if (!accountId || !nextCursor || loadingMore || status !== 'ready') return;
      const mine = generation;
      patch({ loadingMore: true, error: undefined });
      try {
        const page = await deps.api.listInvoices(accountId, filter, nextCursor);
        if (mine !== generation) return;
        // Keyset pages do not overlap, but a row seen twice is shown once.
        const seen = new Set(slot.get().items.map((i) => i.id));
        const items = [...slot.get().items, ...page.items.filter((i) => !seen.has(i.id))];
        patch({ items, nextCursor: page.next_cursor ?? undefined, loadingMore: false });
      } catch (reason) {
        const error = failure(deps, reason);
        if (mine === generation) patch({ loadingMore: false, error });
      }
    },

    async openInvoice(invoiceId) {
      const accountId = slot.get().accountId;
      if (!accountId) return;
      patch({ open: { id: invoiceId, status: 'loading' } });
      const stillOpen = () => slot.get().accountId === accountId && slot.get().open?.id === invoiceId;
      try {
        const invoice = await deps.api.getInvoice(accountId, invoiceId);
        if (stillOpen()) patch({ open: { id: invoiceId, status: 'ready', invoice } });
      } catch (reason) {
        const error = failure(deps, reason);
        if (stillOpen()) patch({ open: { id: invoiceId, status: 'failed', error } });
      }
    },

    closeInvoice() {
      const next = { ...slot.get() };
      delete next.open;
      slot.set(next);
    },

    async exportCsv() {
      const { accountId, filter } = slot.get();
      if (!accountId || slot.get().export.status === 'exporting') return;
      const problem = filterProblem(filter);
      if (problem) {
        patch({ filterProblem: problem });
        return;
      }
      const operation = crypto.randomUUID();
      patch({ export: { status: 'exporting', filter, operation } });
      try {
        const path = await deps.api.exportInvoicesCsv(accountId, filter, operation);
        if (slot.get().accountId === accountId) patch({ export: { status: 'saved', path } });
      } catch (reason) {
        if (slot.get().accountId !== accountId) return;
        if (cancelled(reason)) patch({ export: { status: 'cancelled' } });
        else patch({ export: { status: 'failed', error: failure(deps, reason) } });
      }
    },

    async cancelExport() {
      const current = slot.get().export;
      if (current.status === 'exporting') await deps.api.cancelOperation(current.operation).catch(() => false);
    },

    async downloadPdf(invoiceId) {
      const accountId = slot.get().accountId;
      if (!accountId || slot.get().pdf.status === 'busy') return;
      const operation = crypto.randomUUID();
      patch({ pdf: { status: 'busy', invoiceId, operation } });
      try {
        const path = await deps.api.downloadInvoicePdf(accountId, invoiceId, operation);
        if (slot.get().accountId === accountId) patch({ pdf: { status: 'done', invoiceId, path } });
      } catch (reason) {
        if (slot.get().accountId !== accountId) return;
        if (cancelled(reason)) patch({ pdf: { status: 'cancelled', invoiceId } });
        else patch({ pdf: { status: 'error', invoiceId, error: failure(deps, reason) } });
      }
    },

    async cancelPdf() {
      const current = slot.get().pdf;
      if (current.status === 'busy') await deps.api.cancelOperation(current.operation).catch(() => false);
    },
  };
}

import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import type { InvoicePage } from '../generated/InvoicePage';
import { invoice, invoices } from '../testing/billing';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import {
  ANY_INVOICE,
  createInvoicesController,
  dateOrNull,
  EMPTY_INVOICES,
  filterProblem,
  isFiltered,
  pdfOf,
  type InvoicesState,
} from './invoices';

const ACCOUNT = 'acc-1';
const unreachable: CommandError = { code: 'server_unreachable', message: 'No answer from the server.' };

/** Two pages of 50 and a last one of 10, by cursor. */
const PAGES: Record<string, InvoicePage> = {
  first: { items: invoices(50, 110), next_cursor: 'c2' },
  c2: { items: invoices(50, 60), next_cursor: 'c3' },
  c3: { items: invoices(10, 10) },
};

function setup(overrides: Partial<Api> = {}) {
  const api = unexpectedApi({
    listInvoices: vi.fn((_id: string, _f, cursor: string | null) => Promise.resolve(PAGES[cursor ?? 'first']!)),
    ...overrides,
  });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: InvoicesState = EMPTY_INVOICES;
  const ctl = createInvoicesController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, deps, ctl, state: () => state };
}

describe('filters', () => {
  it('checks dates and the range', () => {
    expect(filterProblem(ANY_INVOICE)).toBeUndefined();
    expect(filterProblem({ status: null, from: '2024-01-01', to: '2024-01-01' })).toBeUndefined();
    expect(filterProblem({ status: null, from: '2024-02-01', to: '2024-01-01' })).toMatch(/after the end/);
    expect(filterProblem({ status: null, from: '1/2/2024', to: null })).toMatch(/start date/);
    expect(filterProblem({ status: null, from: null, to: '2024-13' })).toMatch(/end date/);
    expect(dateOrNull('')).toBeNull();
    expect(dateOrNull('2024-01-01')).toBe('2024-01-01');
    expect(isFiltered(ANY_INVOICE)).toBe(false);
    expect(isFiltered({ ...ANY_INVOICE, status: 'open' })).toBe(true);
  });
});

describe('invoice list', () => {
  it('loads the first page of all invoices', async () => {
    const t = setup();
    await t.ctl.load(ACCOUNT);
    expect(t.api.listInvoices).toHaveBeenCalledWith(ACCOUNT, ANY_INVOICE, null);
    expect(t.state()).toMatchObject({ status: 'ready', nextCursor: 'c2' });
    expect(t.state().items).toHaveLength(50);
  });

  it('appends pages with the cursor until there is none', async () => {
    const t = setup();
    await t.ctl.load(ACCOUNT);
    await t.ctl.loadMore();
    await t.ctl.loadMore();
    expect(vi.mocked(t.api.listInvoices).mock.calls.map((c) => c[2])).toEqual([null, 'c2', 'c3']);
    expect(t.state().items).toHaveLength(110);
    expect(t.state().items[0]?.id).toBe('inv-110');
    expect(t.state().items[109]?.id).toBe('inv-1');
    expect(t.state().nextCursor).toBeUndefined();
    await t.ctl.loadMore();
    expect(t.api.listInvoices).toHaveBeenCalledTimes(3);
  });

  it('starts over when the filter changes, with the filter', async () => {
    const t = setup();
    await t.ctl.load(ACCOUNT);
    await t.ctl.loadMore();
    const changing = t.ctl.setFilter({ status: 'open' });
    expect(t.state()).toMatchObject({ status: 'loading', items: [], nextCursor: undefined });
    await changing;
    await t.ctl.setFilter({ from: '2024-01-01', to: '2024-12-31' });
    const filter = { status: 'open', from: '2024-01-01', to: '2024-12-31' };
    expect(vi.mocked(t.api.listInvoices).mock.calls.at(-1)).toEqual([ACCOUNT, filter, null]);
    expect(t.state().items).toHaveLength(50);
    await t.ctl.loadMore();
    expect(vi.mocked(t.api.listInvoices).mock.calls.at(-1)).toEqual([ACCOUNT, filter, 'c2']);
  });

  it('drops a page that arrives for an older filter', async () => {
    const slow = deferred<InvoicePage>();
    const t = setup();
    await t.ctl.load(ACCOUNT);
    vi.mocked(t.api.listInvoices).mockReturnValueOnce(slow.promise);
    const more = t.ctl.loadMore();
    await t.ctl.setFilter({ status: 'void' });
    slow.resolve(PAGES.c2!);
    await more;
    expect(t.state().items).toHaveLength(50);
    expect(t.state().loadingMore).toBe(false);
  });

  it('does not send a filter with a broken range', async () => {
    const t = setup();
    await t.ctl.load(ACCOUNT);
    await t.ctl.setFilter({ from: '2025-02-01', to: '2025-01-01' });
    expect(t.api.listInvoices).toHaveBeenCalledOnce();
    expect(t.state()).toMatchObject({ filterProblem: 'The start date is after the end date.', items: [] });
    await t.ctl.setFilter({ to: null });
    expect(t.state().filterProblem).toBeUndefined();
    expect(t.api.listInvoices).toHaveBeenCalledTimes(2);
  });

  it('keeps the rows when "Load more" fails', async () => {
    const t = setup();
    await t.ctl.load(ACCOUNT);
    vi.mocked(t.api.listInvoices).mockRejectedValueOnce(unreachable);
    await t.ctl.loadMore();
    expect(t.state()).toMatchObject({ status: 'ready', error: unreachable, nextCursor: 'c2', loadingMore: false });
    expect(t.state().items).toHaveLength(50);
  });

  it('opens one invoice and closes it', async () => {
    const t = setup({ getInvoice: vi.fn(() => Promise.resolve(invoice)) });
    await t.ctl.load(ACCOUNT);
    await t.ctl.openInvoice('inv-3');
    expect(t.api.getInvoice).toHaveBeenCalledWith(ACCOUNT, 'inv-3');
    expect(t.state().open).toEqual({ id: 'inv-3', status: 'ready', invoice });
    t.ctl.closeInvoice();
    expect(t.state().open).toBeUndefined();
  });
});

describe('CSV export', () => {
  it('exports the current filter, busy until the file is saved', async () => {
    const saving = deferred<string>();
    const t = setup({ exportInvoicesCsv: vi.fn(() => saving.promise) });
    await t.ctl.load(ACCOUNT);
    await t.ctl.setFilter({ status: 'paid' });
    const filter = { ...ANY_INVOICE, status: 'paid' as const };
    const exporting = t.ctl.exportCsv();
    expect(t.state().export).toMatchObject({ status: 'exporting', filter });
    void t.ctl.exportCsv();
    saving.resolve('/home/ada/Downloads/invoices.csv');
    await exporting;
    expect(t.api.exportInvoicesCsv).toHaveBeenCalledOnce();
    expect(t.api.exportInvoicesCsv).toHaveBeenCalledWith(ACCOUNT, filter, expect.any(String));
    expect(t.state().export).toEqual({ status: 'saved', path: '/home/ada/Downloads/invoices.csv' });
  });

  it('shows a failed export, and can try again', async () => {
    const t = setup({
      exportInvoicesCsv: vi.fn().mockRejectedValueOnce(unreachable).mockResolvedValue('/tmp/i.csv'),
    });
    await t.ctl.load(ACCOUNT);
    await t.ctl.exportCsv();
    expect(t.state().export).toEqual({ status: 'failed', error: unreachable });
    await t.ctl.exportCsv();
    expect(t.state().export).toEqual({ status: 'saved', path: '/tmp/i.csv' });
  });

  it('can be cancelled: the download is told by name, and nothing counts as failed (issue 9)', async () => {
    const saving = deferred<string>();
    const cancelOperation = vi.fn(() => {
      saving.reject({ code: 'operation_cancelled', message: 'Cancelled. Nothing was saved.' });
      return Promise.resolve(true);
    });
    const t = setup({ exportInvoicesCsv: vi.fn(() => saving.promise), cancelOperation });
    await t.ctl.load(ACCOUNT);
    const exporting = t.ctl.exportCsv();
    const state = t.state().export;
    if (state.status !== 'exporting') throw new Error('not exporting');
    expect(t.api.exportInvoicesCsv).toHaveBeenCalledWith(ACCOUNT, ANY_INVOICE, state.operation);
    await t.ctl.cancelExport();
    await exporting;
    expect(cancelOperation).toHaveBeenCalledWith(state.operation);
    expect(t.state().export).toEqual({ status: 'cancelled' });
    // Nothing to cancel once it ended.
    await t.ctl.cancelExport();
    expect(cancelOperation).toHaveBeenCalledOnce();
  });

  it('forgets the export on another account', async () => {
    const t = setup({ exportInvoicesCsv: vi.fn(() => Promise.resolve('/tmp/i.csv')) });
    await t.ctl.load(ACCOUNT);
    await t.ctl.exportCsv();
    await t.ctl.load('acc-2');
    expect(t.state().export).toEqual({ status: 'idle' });
  });
});

describe('invoice PDF', () => {
  const PATH = '/home/ada/Downloads/INV-00003.pdf';
  const noAdvice: CommandError = {
    code: 'other',
    message: 'Could not save the invoice PDF.',
    advice: 'Check that your Downloads folder exists and is writable, then try again.',
  };

  it('is busy until the file is saved, then says where', async () => {
    const saving = deferred<string>();
    const t = setup({ getInvoice: vi.fn(() => Promise.resolve(invoice)), downloadInvoicePdf: vi.fn(() => saving.promise) });
    await t.ctl.load(ACCOUNT);
    await t.ctl.openInvoice('inv-3');
    const downloading = t.ctl.downloadPdf('inv-3');
    expect(t.state().pdf).toMatchObject({ status: 'busy', invoiceId: 'inv-3' });
    saving.resolve(PATH);
    await downloading;
    expect(t.api.downloadInvoicePdf).toHaveBeenCalledWith(ACCOUNT, 'inv-3', expect.any(String));
    expect(t.state().pdf).toEqual({ status: 'done', invoiceId: 'inv-3', path: PATH });
  });

  it('does not download twice while busy (a double click)', async () => {
    const saving = deferred<string>();
    const t = setup({ downloadInvoicePdf: vi.fn(() => saving.promise) });
    await t.ctl.load(ACCOUNT);
    const first = t.ctl.downloadPdf('inv-3');
    await t.ctl.downloadPdf('inv-3');
    await t.ctl.downloadPdf('inv-2');
    saving.resolve(PATH);
    await first;
    expect(t.api.downloadInvoicePdf).toHaveBeenCalledOnce();
    expect(t.state().pdf.status).toBe('done');
  });

  it('shows a failure with its advice, and can try again', async () => {
    const t = setup({ downloadInvoicePdf: vi.fn().mockRejectedValueOnce(noAdvice).mockResolvedValue(PATH) });
    await t.ctl.load(ACCOUNT);
    await t.ctl.downloadPdf('inv-3');
    expect(t.state().pdf).toEqual({ status: 'error', invoiceId: 'inv-3', error: noAdvice });
    await t.ctl.downloadPdf('inv-3');
    expect(t.state().pdf).toEqual({ status: 'done', invoiceId: 'inv-3', path: PATH });
  });

  it('hands an ended session to the shell', async () => {
    const expired: CommandError = { code: 'session_expired', message: 'Your session ended.' };
    const t = setup({ downloadInvoicePdf: vi.fn(() => Promise.reject(expired)) });
    await t.ctl.load(ACCOUNT);
    await t.ctl.downloadPdf('inv-3');
    expect(t.deps.sessionEnded).toHaveBeenCalledWith(expired);
  });

  it('belongs to its invoice, and is forgotten on another account', async () => {
    const saving = deferred<string>();
    const t = setup({ downloadInvoicePdf: vi.fn(() => saving.promise) });
    await t.ctl.load(ACCOUNT);
    const downloading = t.ctl.downloadPdf('inv-3');
    expect(pdfOf(t.state().pdf, 'inv-3').status).toBe('busy');
    expect(pdfOf(t.state().pdf, 'inv-2')).toEqual({ status: 'idle' });
    await t.ctl.load('acc-2');
    saving.resolve(PATH);
    await downloading;
    expect(t.state().pdf).toEqual({ status: 'idle' });
  });
});

describe('shown again (a kept page)', () => {
  it('keeps the list with its further pages when its head is unchanged', async () => {
    const t = setup();
    await t.ctl.load(ACCOUNT);
    await t.ctl.loadMore();
    const shown = t.state().items;
    await t.ctl.revalidate(ACCOUNT);
    expect(t.api.listInvoices).toHaveBeenCalledTimes(3);
    expect(t.state().items).toBe(shown);
    expect(t.state().nextCursor).toBe('c3');
  });

  it('starts the list over from the new first page when it changed', async () => {
    const t = setup();
    await t.ctl.load(ACCOUNT);
    await t.ctl.loadMore();
    const fresh: InvoicePage = { items: [...invoices(1, 999), ...invoices(49, 110)], next_cursor: 'c2' };
    vi.mocked(t.api.listInvoices).mockImplementationOnce(() => Promise.resolve(fresh));
    await t.ctl.revalidate(ACCOUNT);
    expect(t.state()).toMatchObject({ status: 'ready', items: fresh.items, nextCursor: 'c2' });
  });

  it('drops a first page read before the filter changed', async () => {
    const t = setup();
    await t.ctl.load(ACCOUNT);
    const read = deferred<InvoicePage>();
    vi.mocked(t.api.listInvoices).mockImplementationOnce(() => read.promise);
    const again = t.ctl.revalidate(ACCOUNT);
    await t.ctl.setFilter({ status: 'open' });
    const filtered = t.state().items;
    read.resolve({ items: invoices(1, 500) });
    await again;
    expect(t.state().items).toBe(filtered);
  });
});

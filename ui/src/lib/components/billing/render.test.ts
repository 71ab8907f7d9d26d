// Server-side renders of the billing parts with new flows: each state shows
// the test ids and wording the desktop tests look for. (Behaviour is tested
// on the controllers; these only check what each state puts on screen.)

import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import type { CardEntryController, CardEntryFlow } from '../../billing/cardEntry';
import { EMPTY_BILLING, type BillingController } from '../../billing/controller';
import type { PdfState } from '../../billing/invoices';
import type { ActionState } from '../../actions';
import { amex, completedEntry, expiredCard, expiredEntry, invoice, pendingEntry, visa } from '../../testing/billing';
import BillingStatus from './BillingStatus.svelte';
import InvoiceView from './InvoiceView.svelte';
import PaymentMethods from './PaymentMethods.svelte';

const billing = { ...EMPTY_BILLING, paymentMethods: { status: 'ready' as const, value: [visa, expiredCard, amex] } };

function cards(flow: CardEntryFlow, canWrite = true): string {
  return render(PaymentMethods, {
    props: {
      billing,
      ctl: {} as BillingController,
      canWrite,
      cardEntry: { accountId: 'acc-1', flow },
      cardEntryCtl: {} as CardEntryController,
    },
  }).body;
}

function invoiceView(pdf: PdfState): string {
  return render(InvoiceView, {
    props: { open: { id: 'inv-3', status: 'ready', invoice }, pdf, onclose: vi.fn(), onretry: vi.fn(), ondownload: vi.fn(), oncancel: vi.fn() },
  }).body;
}

function status(actions: ActionState): string {
  return render(BillingStatus, { props: { actions, ondismiss: vi.fn(), schedule: vi.fn() } }).body;
}

/** The text of the always-present live region. */
const liveRegion = (html: string) => html.match(/<div role="status"[^>]*>([\s\S]*?)<\/div>/)?.[1] ?? '';

describe('billing status line', () => {
  it('shows a success with a Dismiss button, outside what is announced', () => {
    const html = status({ errors: {}, done: { key: 'plan', message: 'Plan changed to Studio.' } });
    expect(html).toContain('data-state="saved"');
    expect(liveRegion(html)).toContain('Plan changed to Studio.');
    expect(liveRegion(html)).not.toContain('Dismiss');
    const button = html.match(/<button[^>]*data-testid="billing-status-dismiss"[^>]*>([^<]*)<\/button>/);
    expect(button?.[0]).toContain('aria-label="Dismiss message"');
    expect(button?.[1]?.trim()).toBe('Dismiss');
  });

  it('keeps its live region when there is nothing, a change runs, or a change failed', () => {
    const failed = status({ errors: { plan: { code: 'other', message: 'The plan could not be changed.' } } });
    for (const html of [status({ errors: {} }), status({ errors: {}, busy: 'plan' }), failed]) {
      expect(html).toContain('role="status"');
      expect(html).not.toContain('billing-status-dismiss');
    }
    expect(liveRegion(status({ errors: {}, busy: 'plan' }))).toContain('Saving…');
    expect(failed).toContain('data-testid="billing-error"');
    expect(failed).toContain('aria-label="Dismiss error"');
  });
});

describe('payment methods', () => {
  it('offers "Add a card" only to those who can change billing', () => {
    expect(cards({ status: 'idle' })).toContain('data-testid="card-add"');
    expect(cards({ status: 'idle' }, false)).not.toContain('data-testid="card-add"');
    expect(cards({ status: 'idle' })).not.toContain('data-testid="card-entry"');
  });

  it('shows each billing address on one line', () => {
    const html = cards({ status: 'idle' });
    expect(html).toContain('12 Wharf Road, London N1 7GR, GB');
    expect(html.match(/data-testid="payment-method-address"/g)).toHaveLength(2);
  });

  it('waits for the card page with its deadline and a Cancel', () => {
    const html = cards({ status: 'pending', entry: pendingEntry });
    expect(html).toContain('data-state="pending"');
    expect(html).toContain('Finish adding the card in your browser. This page updates by itself.');
    expect(html).toContain(`datetime="${pendingEntry.expires_at}"`);
    expect(html).toContain('data-testid="card-entry-cancel"');
    expect(html).toContain('The page will expire by itself.');
    expect(html).toMatch(/data-testid="card-add"[^>]*aria-disabled="true"/);
  });

  it('names and highlights the card added', () => {
    const html = cards({ status: 'completed', entry: completedEntry, card: amex });
    expect(html).toContain('data-state="completed"');
    expect(html).toContain('Card added: American Express ending in 0005.');
    expect(html).toMatch(/data-payment-method-id="pm-3"[^>]*data-added="true"/);
  });

  it('offers "Try again" when the page expired or could not be opened', () => {
    const expired = cards({ status: 'expired', entry: expiredEntry });
    expect(expired).toContain('The card page expired before a card was added.');
    expect(expired).toContain('data-testid="card-entry-retry"');
    const failed = cards({ status: 'failed', error: { code: 'other', message: 'No browser.', advice: 'Set one.' } });
    expect(failed).toContain('data-state="error"');
    expect(failed).toContain('data-testid="card-entry-error"');
    expect(failed).toContain('Set one.');
    expect(failed).toContain('data-testid="card-entry-retry"');
  });

  it('says the page expires by itself after Cancel', () => {
    expect(cards({ status: 'idle', stopped: true })).toContain(
      'Stopped waiting for the card. The page will expire by itself.',
    );
  });
});

describe('invoice PDF', () => {
  it('is idle, busy, saved or failed', () => {
    expect(invoiceView({ status: 'idle' })).toMatch(/data-testid="invoice-pdf-status" data-state="idle"/);
    const busy = invoiceView({ status: 'busy', invoiceId: 'inv-3', operation: 'op-1' });
    expect(busy).toContain('Preparing PDF…');
    expect(busy).toContain('data-testid="invoice-pdf-cancel"');
    expect(busy).toMatch(/data-testid="invoice-pdf"[^>]*aria-disabled="true"[^>]*aria-busy="true"/);
    const done = invoiceView({ status: 'done', invoiceId: 'inv-3', path: '/home/ada/Downloads/INV-00003.pdf' });
    // Without Svelte's hydration markers, which the sentence's parts leave between text and code.
    expect(done.replace(/<!--[\s\S]*?-->/g, '')).toMatch(
      /Saved to <code[^>]*data-testid="invoice-pdf-path">\/home\/ada\/Downloads\/INV-00003.pdf</,
    );
    const failed = invoiceView({
      status: 'error',
      invoiceId: 'inv-3',
      error: { code: 'other', message: 'Could not save the PDF.', advice: 'Check your Downloads folder.' },
    });
    expect(failed).toContain('data-state="error"');
    expect(failed).toContain('data-testid="invoice-pdf-error"');
    expect(failed).toContain('Check your Downloads folder.');
  });

  it("does not show another invoice's PDF", () => {
    expect(invoiceView({ status: 'done', invoiceId: 'inv-9', path: '/tmp/x.pdf' })).not.toContain('/tmp/x.pdf');
  });
});

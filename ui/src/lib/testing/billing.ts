// Sample billing values for unit tests, typed by the generated bindings.

import type { CardEntry } from '../generated/CardEntry';
import type { Invoice } from '../generated/Invoice';
import type { InvoiceSummary } from '../generated/InvoiceSummary';
import type { License } from '../generated/License';
import type { PaymentMethod } from '../generated/PaymentMethod';
import type { Plan } from '../generated/Plan';
import type { ProrationPreview } from '../generated/ProrationPreview';
import type { Subscription } from '../generated/Subscription';
import type { UsageMonth } from '../generated/UsageMonth';

const gbp = (amount: string) => ({ amount, currency: 'GBP' });

export const starter: Plan = {
  id: 'starter-monthly',
  name: 'Starter',
  description: 'One seat, 100 GB of media storage, standard delivery.',
  price: gbp('29.00'),
  period: 'monthly',
  seats: 1,
  storage_gb: 100,
};

export const studio: Plan = {
  id: 'studio-monthly',
  name: 'Studio',
  description: 'Ten seats, 2 TB of storage, custom domains and priority delivery.',
  price: gbp('99.00'),
  period: 'monthly',
  seats: 10,
  storage_gb: 2000,
};

export const subscription: Subscription = {
  plan: starter,
  status: 'active',
  current_period_start: '2025-11-01T12:00:00Z',
  current_period_end: '2025-12-01T12:00:00Z',
  renews_at: '2025-12-01T12:00:00Z',
  available_plans: [starter, studio],
};

export const onStudio: Subscription = { ...subscription, plan: studio };

export const cancelling: Subscription = {
  ...subscription,
  status: 'cancelling',
  renews_at: undefined,
  cancel_reason: 'Too expensive',
};

export const upgrade: ProrationPreview = {
  from_plan: 'starter-monthly',
  to_plan: 'studio-monthly',
  effective_at: '2025-11-16T12:00:00Z',
  period_end: '2025-12-01T12:00:00Z',
  lines: [
    { description: 'Unused time on Starter', amount: gbp('-14.50') },
    { description: 'Remaining time on Studio', amount: gbp('49.50') },
  ],
  subtotal: gbp('35.00'),
  tax_rate: '0.20',
  tax: gbp('7.00'),
  total: gbp('42.00'),
};

export const visa: PaymentMethod = {
  id: 'pm-1',
  brand: 'visa',
  last4: '4242',
  exp_month: 8,
  exp_year: 2027,
  is_default: true,
  state: 'valid',
  billing_address: { country: 'GB', line1: '12 Wharf Road', locality: 'London', postal_code: 'N1 7GR' },
};

export const expiredCard: PaymentMethod = {
  id: 'pm-2',
  brand: 'mastercard',
  last4: '4444',
  exp_month: 1,
  exp_year: 2024,
  is_default: false,
  state: 'expired',
  billing_address: null,
};

/** The card a card-entry page added (see `completedEntry`). */
export const amex: PaymentMethod = {
  id: 'pm-3',
  brand: 'amex',
  last4: '0005',
  exp_month: 3,
  exp_year: 2029,
  is_default: false,
  state: 'valid',
  billing_address: { country: 'US', line1: '1 Main Street', locality: 'Springfield', region: 'IL', postal_code: '62701' },
};

export const pendingEntry: CardEntry = {
  id: 'ce-1',
  status: 'pending',
  expires_at: '2025-11-20T12:15:00Z',
  payment_method_id: null,
};

export const completedEntry: CardEntry = { ...pendingEntry, status: 'completed', payment_method_id: 'pm-3' };

export const expiredEntry: CardEntry = { ...pendingEntry, status: 'expired' };

export const license: License = {
  id: 'lic-1',
  product: 'Steward Media Server',
  seats: 25,
  term_start: '2024-12-10T12:00:00Z',
  term_end: '2025-12-10T12:00:00Z',
  auto_renew: true,
  history: [
    { at: '2024-12-10T12:00:00Z', kind: 'issued', detail: '20 seats for one year' },
    { at: '2025-06-01T12:00:00Z', kind: 'seats_changed', detail: '20 → 25 seats' },
  ],
};

/** Invoice summaries numbered from `from` down (newest first). */
export function invoices(count: number, from = count, status: InvoiceSummary['status'] = 'paid'): InvoiceSummary[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from - i;
    return {
      id: `inv-${n}`,
      number: `INV-${String(n).padStart(5, '0')}`,
      issued_at: '2025-11-01T12:00:00Z',
      due_at: '2025-11-15T12:00:00Z',
      status,
      total: gbp('34.80'),
    };
  });
}

export const invoice: Invoice = {
  id: 'inv-3',
  number: 'INV-00003',
  issued_at: '2025-11-01T12:00:00Z',
  due_at: '2025-11-15T12:00:00Z',
  paid_at: '2025-11-02T12:00:00Z',
  status: 'paid',
  lines: [{ description: 'Starter (monthly)', quantity: 1, unit_price: gbp('29.00'), amount: gbp('29.00') }],
  subtotal: gbp('29.00'),
  tax_rate: '0.20',
  tax: gbp('5.80'),
  total: gbp('34.80'),
};

/**
 * Months of usage from `start` (`YYYY-MM`). `downloads` is a number here, as
 * a u64 arrives through the IPC (the generated type says bigint).
 */
export function usageMonths(count: number, start = '2024-01', value = (i: number) => i): UsageMonth[] {
  const [y, m] = start.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const month = new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 7);
    return {
      month,
      downloads: value(i) * 100 as unknown as bigint,
      bandwidth_gb: `${value(i)}.5`,
      storage_gb: `${value(i) * 10}.25`,
    };
  });
}

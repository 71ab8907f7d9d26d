import { describe, expect, it } from 'vitest';
import type { AccountAccess } from './generated/AccountAccess';
import type { Capability } from './generated/Capability';
import {
  canOpen,
  hasCapability,
  isAdmin,
  isStaff,
  SECTIONS,
  sectionById,
  selectedAccount,
  visibleSections,
} from './sections';
import { customerMe } from './testing/fixtures';

const OWNER: Capability[] = [
  'profile_read',
  'profile_write',
  'team_read',
  'team_write',
  'billing_read',
  'billing_write',
  'account_data',
];
const VIEWER: Capability[] = ['profile_read', 'team_read', 'billing_read'];
const BILLING_MANAGER: Capability[] = ['profile_read', 'billing_read', 'billing_write'];

const ids = (
  roles: Parameters<typeof visibleSections>[0]['roles'],
  /** `null`: no account selected. */
  capabilities: Capability[] | null = OWNER,
) => visibleSections({ roles }, capabilities ? { capabilities } : undefined).map((s) => s.id);

const CUSTOMER_SECTIONS = ['profile', 'billing', 'communications', 'privacy', 'notices', 'security', 'team', 'support'];
const WITHOUT_TEAM = CUSTOMER_SECTIONS.filter((id) => id !== 'team');
const WITHOUT_ACCOUNT = CUSTOMER_SECTIONS.filter((id) => id !== 'team' && id !== 'billing');
/** A member role without billing (none has this today; the table may grow). */
const TEAM_ONLY: Capability[] = ['profile_read', 'team_read'];

describe('staff visibility', () => {
  it('treats agents and admins as staff, customers not', () => {
    expect(isStaff({ roles: ['customer'] })).toBe(false);
    expect(isStaff({ roles: [] })).toBe(false);
    expect(isStaff({ roles: ['agent'] })).toBe(true);
    expect(isStaff({ roles: ['admin'] })).toBe(true);
    expect(isStaff({ roles: ['customer', 'admin'] })).toBe(true);
  });

  it('shows customers the eight customer sections, in order', () => {
    expect(ids(['customer'])).toEqual(CUSTOMER_SECTIONS);
  });

  it('treats only admins as administrators', () => {
    expect(isAdmin({ roles: ['admin'] })).toBe(true);
    expect(isAdmin({ roles: ['customer', 'admin'] })).toBe(true);
    expect(isAdmin({ roles: ['agent'] })).toBe(false);
    expect(isAdmin({ roles: ['customer'] })).toBe(false);
    expect(isAdmin({ roles: [] })).toBe(false);
  });

  it('adds Customers and Tickets for agents', () => {
    expect(ids(['agent'])).toEqual([...CUSTOMER_SECTIONS, 'customers', 'tickets']);
  });

  it('adds Audit, Staff accounts, Deletions & policy and Partners for administrators', () => {
    expect(ids(['admin'])).toEqual([...CUSTOMER_SECTIONS, 'customers', 'tickets', 'audit', 'staff', 'admin', 'partners']);
    expect(ids(['agent', 'admin'])).toEqual([...CUSTOMER_SECTIONS, 'customers', 'tickets', 'audit', 'staff', 'admin', 'partners']);
  });

  it('marks the administrator sections as staff sections too', () => {
    for (const section of SECTIONS.filter((s) => s.admin)) expect(section.staff).toBe(true);
    expect(SECTIONS.filter((s) => s.admin).map((s) => s.id)).toEqual(['audit', 'staff', 'admin', 'partners']);
    expect(sectionById('staff').label).toBe('Staff accounts');
    expect(sectionById('admin').label).toBe('Deletions & policy');
    expect(sectionById('partners').label).toBe('Partners');
    expect(sectionById('partners').summary).toContain('PR-6');
    expect(sectionById('partners').detail).toContain('PR-7');
    expect(sectionById('tickets')).toMatchObject({ label: 'Tickets', staff: true });
    expect(sectionById('tickets').admin).toBeUndefined();
  });

  it('does not let a customer open a staff section', () => {
    expect(canOpen({ roles: ['customer'] }, 'customers')).toBe(false);
    expect(canOpen({ roles: ['customer'] }, 'tickets')).toBe(false);
    expect(canOpen({ roles: ['customer'] }, 'audit')).toBe(false);
    expect(canOpen({ roles: ['customer'] }, 'staff')).toBe(false);
    expect(canOpen({ roles: ['customer'] }, 'admin')).toBe(false);
    expect(canOpen({ roles: ['customer'] }, 'partners')).toBe(false);
  });

  it('does not let an agent open an administrator section', () => {
    expect(canOpen({ roles: ['agent'] }, 'customers')).toBe(true);
    expect(canOpen({ roles: ['agent'] }, 'tickets')).toBe(true);
    expect(canOpen({ roles: ['agent'] }, 'audit')).toBe(false);
    expect(canOpen({ roles: ['agent'] }, 'staff')).toBe(false);
    expect(canOpen({ roles: ['agent'] }, 'admin')).toBe(false);
    expect(canOpen({ roles: ['agent'] }, 'partners')).toBe(false);
    expect(canOpen({ roles: ['admin'] }, 'audit')).toBe(true);
    expect(canOpen({ roles: ['admin'] }, 'staff')).toBe(true);
    expect(canOpen({ roles: ['admin'] }, 'admin')).toBe(true);
    expect(canOpen({ roles: ['admin'] }, 'partners')).toBe(true);
  });
});

describe('communications', () => {
  it('is open to every signed-in customer: it is about them, not an account', () => {
    expect(sectionById('communications').requires).toBeUndefined();
    expect(sectionById('communications').staff).toBe(false);
    for (const capabilities of [OWNER, VIEWER, BILLING_MANAGER, TEAM_ONLY, null]) {
      expect(ids(['customer'], capabilities)).toContain('communications');
      expect(ids(['agent'], capabilities)).toContain('communications');
    }
  });
});

describe('notices', () => {
  it('are open to every signed-in customer, right after Privacy: they are about the person', () => {
    expect(sectionById('notices')).toMatchObject({ label: 'Notices', staff: false });
    expect(sectionById('notices').requires).toBeUndefined();
    for (const capabilities of [OWNER, VIEWER, BILLING_MANAGER, TEAM_ONLY, null]) {
      const shown = ids(['customer'], capabilities);
      expect(shown).toContain('notices');
      expect(shown.indexOf('notices')).toBe(shown.indexOf('privacy') + 1);
    }
  });
});

describe('account visibility', () => {
  it('shows Team to owners and viewers of the selected account', () => {
    expect(ids(['customer'], OWNER)).toEqual(CUSTOMER_SECTIONS);
    expect(ids(['customer'], VIEWER)).toEqual(CUSTOMER_SECTIONS);
  });

  it('hides Team from billing managers (no team_read)', () => {
    expect(ids(['customer'], BILLING_MANAGER)).toEqual(WITHOUT_TEAM);
    expect(canOpen({ roles: ['customer'] }, 'team', { capabilities: BILLING_MANAGER })).toBe(false);
    expect(canOpen({ roles: ['customer'] }, 'billing', { capabilities: BILLING_MANAGER })).toBe(true);
  });

  it('hides Team and Billing without an account (staff who belong to none)', () => {
    expect(ids(['customer'], null)).toEqual(WITHOUT_ACCOUNT);
    expect(ids(['agent'], null)).toEqual([...WITHOUT_ACCOUNT, 'customers', 'tickets']);
    expect(ids(['admin'], null)).toEqual([...WITHOUT_ACCOUNT, 'customers', 'tickets', 'audit', 'staff', 'admin', 'partners']);
  });

  it('shows Billing only with billing_read on the selected account', () => {
    expect(sectionById('billing').requires).toBe('billing_read');
    expect(canOpen({ roles: ['customer'] }, 'billing', { capabilities: OWNER })).toBe(true);
    expect(canOpen({ roles: ['customer'] }, 'billing', { capabilities: VIEWER })).toBe(true);
    expect(canOpen({ roles: ['customer'] }, 'billing', { capabilities: TEAM_ONLY })).toBe(false);
    expect(ids(['customer'], TEAM_ONLY)).toEqual(CUSTOMER_SECTIONS.filter((id) => id !== 'billing'));
  });

  it('checks capabilities', () => {
    expect(hasCapability({ capabilities: VIEWER }, 'team_read')).toBe(true);
    expect(hasCapability({ capabilities: VIEWER }, 'team_write')).toBe(false);
    expect(hasCapability(undefined, 'profile_read')).toBe(false);
    // Downloading the account's data and deleting it: owners only.
    expect(hasCapability({ capabilities: OWNER }, 'account_data')).toBe(true);
    for (const capabilities of [VIEWER, BILLING_MANAGER, TEAM_ONLY]) {
      expect(hasCapability({ capabilities }, 'account_data')).toBe(false);
    }
  });

  it('selects the chosen account while it exists, else the first', () => {
    const [first, second] = customerMe.accounts as [AccountAccess, AccountAccess];
    expect(selectedAccount(customerMe)).toBe(first);
    expect(selectedAccount(customerMe, second.account_id)).toBe(second);
    expect(selectedAccount(customerMe, 'gone')).toBe(first);
    expect(selectedAccount({ accounts: [] })).toBeUndefined();
  });
});

describe('sections', () => {
  it('have unique ids, labels and a real description', () => {
    expect(new Set(SECTIONS.map((s) => s.id)).size).toBe(SECTIONS.length);
    for (const section of SECTIONS) {
      expect(section.summary.length).toBeGreaterThan(20);
      expect(section.summary).not.toMatch(/lorem/i);
    }
  });

  it('describe Billing as the brief says', () => {
    expect(sectionById('billing').summary).toBe('Plan, payment methods, invoices and licenses.');
  });
});

import { describe, expect, it } from 'vitest';
import { canOpen, isStaff, SECTIONS, sectionById, visibleSections } from './sections';

const ids = (roles: Parameters<typeof visibleSections>[0]['roles']) =>
  visibleSections({ roles }).map((s) => s.id);

const CUSTOMER_SECTIONS = ['profile', 'billing', 'communications', 'privacy', 'security', 'team', 'support'];

describe('staff visibility', () => {
  it('treats agents and admins as staff, customers not', () => {
    expect(isStaff({ roles: ['customer'] })).toBe(false);
    expect(isStaff({ roles: [] })).toBe(false);
    expect(isStaff({ roles: ['agent'] })).toBe(true);
    expect(isStaff({ roles: ['admin'] })).toBe(true);
    expect(isStaff({ roles: ['customer', 'admin'] })).toBe(true);
  });

  it('shows customers the seven customer sections, in order', () => {
    expect(ids(['customer'])).toEqual(CUSTOMER_SECTIONS);
  });

  it('adds Customers and Audit for staff', () => {
    expect(ids(['agent'])).toEqual([...CUSTOMER_SECTIONS, 'customers', 'audit']);
    expect(ids(['admin'])).toEqual([...CUSTOMER_SECTIONS, 'customers', 'audit']);
  });

  it('does not let a customer open a staff section', () => {
    expect(canOpen({ roles: ['customer'] }, 'customers')).toBe(false);
    expect(canOpen({ roles: ['customer'] }, 'audit')).toBe(false);
    expect(canOpen({ roles: ['agent'] }, 'audit')).toBe(true);
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

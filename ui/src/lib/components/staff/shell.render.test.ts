// Server-side renders of the shell for staff: the staff sections in the
// navigation by role, each staff section in place, and the Support page.

import { render } from 'svelte/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ONLINE } from '../../connectivity';
import type { Controller } from '../../controller';
import type { Me } from '../../generated/Me';
import type { SectionId } from '../../sections';
import type { ShellScreen } from '../../state';
import { unexpectedApi } from '../../testing/fakeApi';
import { agentSession, customerSession } from '../../testing/fixtures';
import { adminMe } from '../../testing/staff';
import Shell from '../Shell.svelte';
import { loadAllSections } from '../shell/sectionViews';

const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');

function shell(section: SectionId, me?: Me): string {
  const session = me ? { ...agentSession, me } : agentSession;
  const view: ShellScreen = { screen: 'shell', session, section };
  return clean(render(Shell, { props: { view, controller: {} as Controller, api: unexpectedApi(), connectivity: ONLINE, onretry: () => {} } }).body);
}

const navIds = (html: string) => [...html.matchAll(/data-testid="nav-([a-z]+)"/g)].map((m) => m[1]);

// Sections load when first opened; a server render shows what is here already.
beforeAll(loadAllSections);

describe('the shell, for staff', () => {
  it('shows agents Customers and Tickets, and administrators also Audit, Staff accounts, Deletions & policy and Partners', () => {
    expect(navIds(shell('customers'))).toEqual(expect.arrayContaining(['customers', 'tickets']));
    expect(navIds(shell('customers'))).not.toContain('audit');
    expect(navIds(shell('customers'))).not.toContain('staff');
    expect(navIds(shell('customers'))).not.toContain('admin');
    expect(navIds(shell('customers'))).not.toContain('partners');
    expect(navIds(shell('audit', adminMe)).slice(-6)).toEqual(['customers', 'tickets', 'audit', 'staff', 'admin', 'partners']);
  });

  it('renders each staff section in place', () => {
    expect(shell('customers')).toContain('data-testid="customers-section"');
    expect(shell('customers')).toContain('data-testid="customer-search"');
    expect(shell('tickets')).toContain('data-testid="tickets-section"');
    expect(shell('audit', adminMe)).toContain('data-testid="audit-section"');
    expect(shell('staff', adminMe)).toContain('data-testid="staff-section"');
    expect(shell('admin', adminMe)).toContain('data-testid="admin-section"');
    expect(shell('partners', adminMe)).toContain('data-testid="partners-section"');
  });

  it('shows no acting banner until acting starts, and no palette until asked', () => {
    const html = shell('customers');
    expect(html).not.toContain('data-testid="acting-banner"');
    expect(html).not.toContain('data-testid="palette"');
  });
});

describe('the shell, for customers', () => {
  it('shows the Support page for the selected account, and no staff navigation', () => {
    const view: ShellScreen = { screen: 'shell', session: customerSession, section: 'support' };
    const html = clean(render(Shell, { props: { view, controller: {} as Controller, api: unexpectedApi({ listTickets: vi.fn() }), connectivity: ONLINE, onretry: () => {} } }).body);
    expect(html).not.toContain('data-testid="section-support"');
    expect(navIds(html)).not.toContain('customers');
    // The palette's hint offers sections only: customers are staff's to find.
    expect(html).toContain('Ctrl</kbd>');
    expect(html).not.toContain('or customer');
  });
});

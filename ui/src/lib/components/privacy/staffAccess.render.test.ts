// Server-side renders of "Who at the company accessed my account, and why"
// on the Privacy page (PR-17, PR-20): each state shows the test ids and
// wording the desktop tests look for. (Behaviour is tested on the controller.)

import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import { NO_ACTIONS } from '../../actions';
import type { SectionDeps } from '../../deps';
import type { AccountAccess } from '../../generated/AccountAccess';
import type { StaffAccessSettings } from '../../generated/StaffAccessSettings';
import { sectionById } from '../../sections';
import {
  approvalCurtails,
  approvalLabel,
  EMPTY_STAFF_ACCESS,
  GRANT_KEY,
  newestFirst,
  readOnlyMessage,
  staffAccessEmpty,
  staffAccessTitle,
  type StaffAccessController,
  type StaffAccessState,
} from '../../support/staffAccess';
import { unexpectedApi } from '../../testing/fakeApi';
import { customerMe } from '../../testing/fixtures';
import { ACCESSES } from '../../testing/support';
import PrivacySection from '../PrivacySection.svelte';
import StaffAccessCard from './StaffAccessCard.svelte';

const ctl = { runner: {} } as StaffAccessController;
const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const tag = (html: string, testid: string) => {
  const match = html.match(new RegExp(`<[a-z]+[^>]*data-testid="${testid}"[^>]*>`));
  if (!match) throw new Error(`no ${testid}`);
  return match[0];
};
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

function card(
  settings: StaffAccessSettings = { require_approval: false },
  state: Partial<StaffAccessState> = {},
  canWrite = true,
  role = 'Owner',
): string {
  const access: StaffAccessState = {
    ...EMPTY_STAFF_ACCESS,
    accountId: 'acc-1',
    status: 'ready',
    items: newestFirst(ACCESSES),
    settings,
    ...state,
  };
  return clean(render(StaffAccessCard, { props: { access, ctl, canWrite, role } }).body);
}

describe('the log', () => {
  it('lists each access newest first: when, who, what, why and the request', () => {
    const html = card();
    expect(html).toContain('data-testid="staff-access-card"');
    expect(html).toMatch(new RegExp(`<h2 id="staff-access-title"[^>]*>${staffAccessTitle()}</h2>`));
    const rows = html.match(/<tr[^>]*data-testid="staff-access-item"[^>]*>/g) ?? [];
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => /data-action="([a-z_]+)"/.exec(r)?.[1])).toEqual(['profile_changed', 'reveal', 'view_customer']);
    const first = html.slice(html.indexOf('data-testid="staff-access-item"'));
    const words = first.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
    expect(words).toContain(
      'Support 7 Changed the profile Changed the billing e-mail address Caller asked to update the billing e-mail Request T-000042',
    );
    expect(text(html)).toContain('No reason recorded');
    expect(text(html)).toContain('3 accesses, newest first.');
  });

  it('says clearly when no one accessed the account', () => {
    const html = card({ require_approval: false }, { items: [] });
    expect(html).toContain('data-testid="staff-access-empty"');
    expect(text(html)).toContain(staffAccessEmpty());
    expect(html).not.toContain('data-testid="staff-access-item"');
  });

  it('offers to try again when it could not load', () => {
    const html = card(undefined, { status: 'failed', settings: undefined, loadError: { code: 'server_unreachable', message: 'No server.' } });
    expect(html).toContain('data-testid="staff-access-load-error"');
    expect(html).not.toContain('data-testid="staff-approval-switch"');
  });
});

describe('the approval setting', () => {
  it('is a switch named by its visible label, off by default, with nothing to grant', () => {
    const html = card();
    const sw = tag(html, 'staff-approval-switch');
    expect(sw).toContain('role="switch"');
    expect(sw).toContain('aria-checked="false"');
    expect(sw).toContain('aria-labelledby="staff-approval-label"');
    expect(sw).not.toMatch(/\sdisabled/);
    expect(html).toMatch(new RegExp(`id="staff-approval-label"[^>]*>${approvalLabel()}<`));
    expect(html).not.toContain('data-testid="staff-grant"');
  });

  it('says what requiring approval curtails before it does', () => {
    const html = card({ require_approval: false }, { confirming: true });
    expect(html).toContain('data-testid="staff-approval-curtail"');
    expect(text(html)).toContain(approvalCurtails());
    expect(html).toContain('data-testid="staff-approval-confirm"');
    expect(html).toContain('data-testid="staff-approval-cancel"');
    expect(card()).not.toContain('data-testid="staff-approval-curtail"');
  });

  it('is read-only for members who do not manage the team', () => {
    const html = card({ require_approval: true, granted_until: inAnHour() }, {}, false, 'Viewer');
    const sw = tag(html, 'staff-approval-switch');
    expect(sw).toMatch(/\sdisabled/);
    expect(sw).toContain('aria-describedby="staff-approval-help staff-approval-readonly"');
    expect(text(html)).toContain(`${readOnlyMessage()} As a viewer, you can see the setting`);
    // The grant is shown, not offered.
    expect(html).toContain('data-testid="staff-grant-current"');
    expect(html).not.toContain('data-testid="staff-grant"');
    expect(html).not.toContain('data-testid="staff-revoke"');
    expect(html).not.toContain('data-testid="staff-grant-hours"');
  });

  it('offers to grant 1 to 72 hours, 24 by default, while approval is required', () => {
    const html = card({ require_approval: true });
    expect(tag(html, 'staff-approval-switch')).toContain('aria-checked="true"');
    const hours = tag(html, 'staff-grant-hours');
    expect(hours).toContain('type="number"');
    expect(hours).toContain('min="1"');
    expect(hours).toContain('max="72"');
    expect(hours).toContain('value="24"');
    expect(hours).toContain('aria-labelledby="staff-grant-lead staff-grant-hours staff-grant-unit"');
    expect(text(html)).toContain('Grant support access for hours');
    expect(html).toContain('data-testid="staff-grant-none"');
    expect(html).not.toContain('data-testid="staff-revoke"');
  });

  it('shows the grant in force, with "Revoke"', () => {
    const html = card({ require_approval: true, granted_until: inAnHour() });
    expect(html).toContain('data-testid="staff-grant-current"');
    expect(text(html)).toMatch(/Support access granted until .+\./);
    expect(html).toContain('data-testid="staff-revoke"');
  });

  it('shows the server’s words for the hours next to the field', () => {
    const errors = {
      [GRANT_KEY]: { code: 'invalid_input' as const, message: 'x', fields: [{ field: 'hours', rule: 'range', message: 'Choose 1 to 72 hours.' }] },
    };
    const html = card({ require_approval: true }, { actions: { ...NO_ACTIONS, errors } });
    expect(tag(html, 'staff-grant-hours')).toContain('aria-invalid="true"');
    expect(html).toContain('data-testid="field-error-hours"');
  });
});

describe('on the Privacy page', () => {
  const deps: SectionDeps = { api: unexpectedApi(), sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  const [OWNED] = customerMe.accounts as [AccountAccess, AccountAccess];
  const page = (account: AccountAccess | undefined, accounts = customerMe.accounts) =>
    clean(
      render(PrivacySection, {
        props: { section: sectionById('privacy'), account, accounts, deps, onselectaccount: vi.fn() },
      }).body,
    );

  it('follows the sharing ledger, before cookies', () => {
    const html = page(OWNED);
    expect(html).toContain('data-testid="staff-access-card"');
    expect(html.indexOf('data-testid="staff-access-card"')).toBeGreaterThan(html.indexOf('data-testid="sharing-ledger"'));
    expect(html.indexOf('data-testid="cookies-card"')).toBeGreaterThan(html.indexOf('data-testid="staff-access-card"'));
  });

  it('is not there without an account', () => {
    expect(page(undefined, [])).not.toContain('data-testid="staff-access-card"');
  });
});

// Server-side renders of the account help, the legal hold and the
// administrators' Deletions & policy page: the test ids, wording and
// accessibility hooks the desktop tests look for. (Behaviour is tested on
// the controllers; these check what is on screen.)

import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import { NO_ACTIONS } from '../../actions';
import type { SectionDeps } from '../../deps';
import type { CommandError } from '../../generated/CommandError';
import type { CustomerView } from '../../generated/CustomerView';
import { sectionById } from '../../sections';
import { EMPTY_CALLER, type CallerController } from '../../staff/caller';
import { EMPTY_CUSTOMER, type CustomerController } from '../../staff/customer';
import { EMPTY_HELP, resetExplained, VERIFY_KEY, type HelpController, type HelpState } from '../../staff/help';
import { EMPTY_POLICIES, PUBLISH_KEY, type PoliciesController, type PoliciesState } from '../../staff/policies';
import { EMPTY_WORKSPACE } from '../../staff/workspace';
import { HOLD } from '../../testing/deletion';
import { unexpectedApi } from '../../testing/fakeApi';
import { ADA, ADA_USER, CHARLES_USER, ENGINES, fakeStaff } from '../../testing/staff';
import DeletionsPolicySection from '../DeletionsPolicySection.svelte';
import CustomerDetail from './CustomerDetail.svelte';
import JustifyForm from './JustifyForm.svelte';
import PolicyForm from './PolicyForm.svelte';
import VerifyRequestForm from './VerifyRequestForm.svelte';

const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
function tag(html: string, testid: string): string {
  const match = html.match(new RegExp(`<[a-z]+[^>]*data-testid="${testid}"[^>]*>`));
  if (!match) throw new Error(`no ${testid}`);
  return match[0];
}

const deps: SectionDeps = { api: unexpectedApi(), sessionEnded: vi.fn(), sessionRenewed: vi.fn() };

function view(id: string, changes: Partial<CustomerView> = {}): CustomerView {
  const c = fakeStaff().customers.find((x) => x.view.account_id === id);
  if (!c) throw new Error(id);
  return { ...c.view, ...changes };
}

function detail(v: CustomerView, admin?: boolean) {
  return clean(
    render(CustomerDetail, {
      props: {
        view: v,
        customer: { ...EMPTY_CUSTOMER, accountId: v.account_id, status: 'ready', view: v },
        ctl: {} as CustomerController,
        caller: { ...EMPTY_CALLER, accountId: v.account_id, members: v.members },
        callerCtl: {} as CallerController,
        workspace: EMPTY_WORKSPACE,
        deps,
        ...(admin === undefined ? {} : { admin }),
      },
    }).body,
  );
}

const fieldError = (field: string, message: string): CommandError => ({
  code: 'invalid_input',
  message,
  fields: [{ field, rule: 'required', message }],
});

describe('help with the account', () => {
  it('asks to verify the items that apply, with a reason and a due date two weeks ahead', () => {
    const html = detail(view(ENGINES));
    expect(html).toContain('data-testid="help-card"');
    for (const item of ['contact_details', 'billing_address', 'company_information']) {
      expect(html).toContain(`data-testid="verify-item-${item}"`);
    }
    expect(tag(html, 'verify-request-reason')).toMatch(/aria-required="true"/);
    expect(tag(html, 'verify-request-due')).toMatch(/type="date"/);
    expect(tag(html, 'verify-request-due')).toMatch(/value="\d{4}-\d{2}-\d{2}"/);
    expect(tag(html, 'verify-request-submit')).toMatch(/type="submit"/);
    expect(detail(view(ADA))).not.toContain('verify-item-company_information');
  });

  it('offers a reset link per member, saying staff never see or set the password', () => {
    const html = detail(view(ENGINES));
    expect(tag(html, `reset-member-${CHARLES_USER}`)).toMatch(/aria-expanded="false"/);
    expect(html).toContain(`data-testid="reset-member-${ADA_USER}"`);
    expect(tag(html, `reset-member-${CHARLES_USER}`)).toContain('aria-label="Send a password reset link to Charles Babbage"');
    expect(text(html)).toContain(resetExplained());
  });

  it('shows the server’s field errors next to the fields, and the request made', () => {
    const help: HelpState = {
      ...EMPTY_HELP,
      account: { account_id: ENGINES, account_name: 'Analytical Engines Ltd', kind: 'company' },
      requested: 'Asked Analytical Engines Ltd to confirm their contact details by 19 Mar 2026.',
      actions: {
        ...NO_ACTIONS,
        errors: {
          [VERIFY_KEY]: {
            code: 'invalid_input',
            message: 'Check the form.',
            fields: [
              { field: 'items', rule: 'required', message: 'Choose at least one item to verify.' },
              { field: 'due_at', rule: 'future', message: 'The due date must be in the future.' },
            ],
          },
        },
      },
    };
    const html = clean(render(VerifyRequestForm, { props: { kind: 'company', help, ctl: {} as HelpController } }).body);
    expect(text(html)).toContain('Choose at least one item to verify.');
    expect(tag(html, 'verify-request-due')).toMatch(/aria-describedby="verify-request-due-error"/);
    expect(tag(html, 'verify-request-due')).toMatch(/aria-invalid="true"/);
    expect(html).not.toContain('data-testid="verify-request-error"');
    expect(html).toContain('data-testid="verify-request-done"');
    expect(text(html)).toContain('Asked Analytical Engines Ltd to confirm their contact details by 19 Mar 2026.');
  });

  it('asks why before sending a reset link', () => {
    const html = clean(
      render(JustifyForm, {
        props: {
          prefix: 'reset',
          title: 'Why send Ada a password reset link?',
          description: 'You never see or set it.',
          submitLabel: 'Send the link',
          busy: false,
          error: fieldError('reason', 'A reason is required.'),
          onsubmit: vi.fn(),
        },
      }).body,
    );
    expect(tag(html, 'reset-reason')).toMatch(/aria-invalid="true"/);
    expect(tag(html, 'reset-submit')).toMatch(/type="submit"/);
    expect(html).toContain('data-testid="reset-ticket"');
  });
});

describe('the legal hold', () => {
  it('is shown to administrators only', () => {
    expect(detail(view(ADA))).not.toContain('data-testid="legal-hold"');
    expect(detail(view(ADA), false)).not.toContain('data-testid="legal-hold"');
    expect(detail(view(ADA), true)).toContain('data-testid="legal-hold"');
  });

  it('without a hold, offers to place one with an explanation', () => {
    const html = detail(view(ADA), true);
    expect(tag(html, 'legal-hold')).toContain('data-held="false"');
    expect(tag(html, 'legal-hold-explanation-input')).toMatch(/aria-required="true"/);
    expect(text(html)).toContain('0 of 500 characters');
    expect(tag(html, 'legal-hold-place')).toMatch(/type="submit"/);
    expect(html).not.toContain('data-testid="legal-hold-lift"');
  });

  it('with a hold, shows its explanation and since when, with "Lift"', () => {
    const html = detail(view(ADA, { legal_hold: HOLD }), true);
    expect(tag(html, 'legal-hold')).toContain('data-held="true"');
    expect(text(html)).toContain(HOLD.explanation);
    expect(html).toContain('data-testid="legal-hold-lift"');
    expect(html).not.toContain('data-testid="legal-hold-place"');
  });
});

describe('deletions & policy', () => {
  it('shows the deletion requests and the policy versions, with the publish form', () => {
    const html = clean(render(DeletionsPolicySection, { props: { section: sectionById('admin'), deps } }).body);
    expect(tag(html, 'admin-section')).toBeDefined();
    for (const id of ['deletions', 'policies', 'policy-form', 'policy-version', 'policy-title', 'policy-summary', 'policy-effective', 'policy-publish']) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    // A personal-information change by default: opt-outs, no page to review.
    expect(html).toContain('data-testid="policy-opt-out-stop_partner_sharing"');
    expect(html).not.toContain('data-testid="policy-review-section"');
  });

  it('shows the field errors next to the fields, and what was published', () => {
    const policies: PoliciesState = {
      ...EMPTY_POLICIES,
      status: 'ready',
      actions: {
        errors: {
          [PUBLISH_KEY]: {
            code: 'invalid_input',
            message: 'Check the form.',
            fields: [
              { field: 'version', rule: 'slug', message: 'Use 3 to 64 lower-case letters.' },
              { field: 'opt_outs', rule: 'required', message: 'Offer at least one opt-out.' },
            ],
          },
        },
        done: { key: PUBLISH_KEY, message: 'Published privacy-policy-2028.' },
      },
    };
    const html = clean(render(PolicyForm, { props: { policies, ctl: {} as PoliciesController } }).body);
    expect(tag(html, 'policy-version')).toMatch(/aria-describedby="policy-version-error"/);
    expect(text(html)).toContain('Use 3 to 64 lower-case letters.');
    expect(text(html)).toContain('Offer at least one opt-out.');
    expect(html).not.toContain('data-testid="policy-publish-error"');
    expect(html).toContain('data-testid="policy-published"');
  });
});

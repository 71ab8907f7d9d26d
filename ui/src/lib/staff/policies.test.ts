import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import { NOW } from '../testing/deletion';
import { unexpectedApi } from '../testing/fakeApi';
import { BILLING_POLICY, PARTNER_POLICY } from '../testing/notices';
import { fakePolicies, type FakePolicies } from '../testing/staffDeletions';
import { fieldMessage } from './errors';
import {
  concernLabel,
  createPoliciesController,
  emptyPolicyDraft,
  EMPTY_POLICIES,
  policyInput,
  policyProblems,
  POLICY_CONCERNS,
  PUBLISH_KEY,
  type PoliciesState,
  type PolicyDraft,
} from './policies';

async function setup(fake: FakePolicies = fakePolicies(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: PoliciesState = EMPTY_POLICIES;
  const ctl = createPoliciesController(deps, { get: () => state, set: (s) => (state = s) });
  await ctl.load();
  return { api, fake, ctl, state: () => state };
}

const personal = (changes: Partial<PolicyDraft> = {}): PolicyDraft => ({
  ...emptyPolicyDraft(new Date(NOW)),
  version: ' privacy-policy-2028 ',
  title: ' A new analytics partner ',
  summary: 'We add a partner.\nNothing else changes.\n',
  opt_outs: ['refuse_optional_cookies', 'stop_partner_sharing'],
  review_section: 'billing',
  ...changes,
});

describe('a new policy version', () => {
  it('starts as a personal-information change taking effect in 30 days', () => {
    const draft = emptyPolicyDraft(new Date(2026, 2, 5, 12));
    expect(draft).toMatchObject({ concerns: 'personal_information', opt_outs: [], review_section: '', effective: '2026-04-04' });
    expect(POLICY_CONCERNS.map(concernLabel)).toEqual(['Personal information', 'Account information']);
  });

  it('sends only the part that applies to what it concerns', () => {
    expect(policyInput(personal())).toEqual({
      version: 'privacy-policy-2028',
      title: 'A new analytics partner',
      summary: 'We add a partner.\nNothing else changes.',
      concerns: 'personal_information',
      opt_outs: ['stop_partner_sharing', 'refuse_optional_cookies'],
      review_section: null,
      effective_at: `${personal().effective}T00:00:00Z`,
    });
    expect(policyInput(personal({ concerns: 'account_information' }))).toMatchObject({ opt_outs: [], review_section: 'billing' });
  });

  it('names every blank field', () => {
    const blank = { ...emptyPolicyDraft(new Date(NOW)), effective: '' };
    expect(policyProblems(blank).map((p) => p.field)).toEqual(['version', 'title', 'summary', 'opt_outs', 'effective_at']);
    expect(policyProblems({ ...blank, concerns: 'account_information' }).map((p) => p.field)).toEqual([
      'version',
      'title',
      'summary',
      'review_section',
      'effective_at',
    ]);
  });
});

describe('policy versions', () => {
  it('lists the published versions', async () => {
    const t = await setup();
    expect(t.state().items.map((p) => p.version)).toEqual([PARTNER_POLICY.version, BILLING_POLICY.version]);
  });

  it('publishes one, putting it first, and says when it takes effect', async () => {
    const t = await setup();
    expect(await t.ctl.publish(personal())).toBe(true);
    expect(t.api.publishPolicyVersion).toHaveBeenCalledWith(policyInput(personal()));
    expect(t.state().items[0]).toMatchObject({ version: 'privacy-policy-2028', opt_outs: ['stop_partner_sharing', 'refuse_optional_cookies'] });
    expect(t.state().items).toHaveLength(3);
    expect(t.state().actions.done?.key).toBe(PUBLISH_KEY);
    expect(t.state().actions.done?.message).toMatch(/^Published privacy-policy-2028\. Every customer gets a notice and an e-mail now; it takes effect on .+\.$/);
  });

  it('publishes an account-information change naming the page to review', async () => {
    const t = await setup();
    expect(await t.ctl.publish(personal({ concerns: 'account_information', opt_outs: [], review_section: 'team' }))).toBe(true);
    expect(t.fake.published()[0]).toMatchObject({ concerns: 'account_information', opt_outs: [], review_section: 'team' });
  });

  it('refuses blank fields before asking', async () => {
    const t = await setup();
    expect(await t.ctl.publish(personal({ title: ' ', opt_outs: [] }))).toBe(false);
    expect(t.api.publishPolicyVersion).not.toHaveBeenCalled();
    const error = t.state().actions.errors[PUBLISH_KEY];
    expect(error?.fields?.map((f) => f.field)).toEqual(['title', 'opt_outs']);
  });

  it('shows the server’s refusals next to the fields', async () => {
    const t = await setup();
    const past = new Date(NOW - 86_400_000).toISOString().slice(0, 10);
    expect(await t.ctl.publish(personal({ version: 'Policy 2028', effective: past }))).toBe(false);
    const error = t.state().actions.errors[PUBLISH_KEY];
    expect(fieldMessage(error, 'version')).toMatch(/^Use 3 to 64 lower-case letters/);
    expect(fieldMessage(error, 'effective_at')).toBe('A policy cannot take effect in the past.');
    expect(t.state().items).toHaveLength(2);
  });

  it('shows a name already taken next to the name', async () => {
    const t = await setup();
    expect(await t.ctl.publish(personal({ version: PARTNER_POLICY.version }))).toBe(false);
    const error = t.state().actions.errors[PUBLISH_KEY];
    expect(error?.code).toBe('conflict');
    expect(fieldMessage(error, 'version')).toBe(`A policy version named ${PARTNER_POLICY.version} exists; choose another name.`);
  });

  it('shows why the list could not be read', async () => {
    const unreachable = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const t = await setup(fakePolicies(), { listPolicyVersions: vi.fn(() => Promise.reject(unreachable)) });
    expect(t.state()).toMatchObject({ status: 'failed', loadError: unreachable, items: [] });
  });
});

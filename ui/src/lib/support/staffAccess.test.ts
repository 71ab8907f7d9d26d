import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import { formatDateTime } from '../format';
import type { CommandError } from '../generated/CommandError';
import type { StaffAccessSettings } from '../generated/StaffAccessSettings';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { ACCESSES, ACCOUNT_ID, fakeStaffAccess, NOW, type FakeStaffAccess } from '../testing/support';
import {
  APPROVAL_KEY,
  approvalOffMessage,
  approvalOnMessage,
  createStaffAccessController,
  EMPTY_STAFF_ACCESS,
  fieldsMessage,
  GRANT_KEY,
  grantedMessage,
  grantedUntil,
  hoursError,
  newestFirst,
  REVOKE_KEY,
  revokedMessage,
  settingsText,
  staffActionLabel,
  type StaffAccessState,
} from './staffAccess';

const OTHER = 'acc-2';
const HOUR = 3_600_000;
const unreachable: CommandError = { code: 'server_unreachable', message: 'The server cannot be reached.' };
const until = (hours: number) => new Date(NOW + hours * HOUR).toISOString();

function setup(fake: FakeStaffAccess = fakeStaffAccess({ items: ACCESSES }), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: StaffAccessState = EMPTY_STAFF_ACCESS;
  const ctl = createStaffAccessController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, deps, ctl, fake, state: () => state };
}

async function loaded(fake?: FakeStaffAccess, overrides: Partial<Api> = {}) {
  const t = setup(fake, overrides);
  await t.ctl.load(ACCOUNT_ID);
  return t;
}

const approving = (settings: Partial<StaffAccessSettings> = {}) =>
  fakeStaffAccess({ items: ACCESSES, settings: { require_approval: true, ...settings } });

describe('wording', () => {
  it('names every kind of access', () => {
    expect(staffActionLabel('reveal')).toBe('Revealed personal data');
    expect(staffActionLabel('acting_started')).toBe('Started acting on your behalf');
  });

  it('lists accesses newest first', () => {
    expect(newestFirst(ACCESSES).map((a) => a.at)).toEqual([ACCESSES[2]!.at, ACCESSES[1]!.at, ACCESSES[0]!.at]);
  });

  it('says where staff stand: no approval, approval without a grant, a grant in force or over', () => {
    expect(settingsText({ require_approval: false }, NOW)).toMatch(/^Off: support can see your details/);
    expect(settingsText({ require_approval: true }, NOW)).toBe(
      'On: support cannot see your details or act for you until you grant access.',
    );
    expect(settingsText({ require_approval: true, granted_until: until(2) }, NOW, 'en-GB')).toBe(
      `On, and you granted access: support can see your details and act for you until ${formatDateTime(until(2), 'en-GB')}.`,
    );
    expect(grantedUntil({ require_approval: true, granted_until: until(2) }, NOW)).toBe(until(2));
    expect(grantedUntil({ require_approval: true, granted_until: until(-1) }, NOW)).toBeUndefined();
    expect(grantedUntil({ require_approval: false, granted_until: until(2) }, NOW)).toBeUndefined();
    expect(settingsText({ require_approval: true, granted_until: until(-1) }, NOW)).toMatch(/^On: support cannot/);
  });
});

describe('loading', () => {
  it('reads the log, newest first, and the setting', async () => {
    const t = await loaded();
    expect(t.api.loadStaffAccess).toHaveBeenCalledWith(ACCOUNT_ID);
    expect(t.state()).toMatchObject({ status: 'ready', settings: { require_approval: false }, confirming: false });
    expect(t.state().items.map((i) => i.staff)).toEqual(['Support 7', 'Grace Agent', 'Grace Agent']);
  });

  it('has an empty log for an account no one accessed', async () => {
    const t = await loaded(fakeStaffAccess());
    expect(t.state()).toMatchObject({ status: 'ready', items: [] });
  });

  it('shows why it could not load', async () => {
    const t = await loaded(undefined, { loadStaffAccess: vi.fn(() => Promise.reject(unreachable)) });
    expect(t.state()).toMatchObject({ status: 'failed', loadError: unreachable });
  });
});

describe('requiring approval', () => {
  it('says first what it curtails, and saves only once confirmed', async () => {
    const t = await loaded();
    await expect(t.ctl.setApproval(true)).resolves.toBe(false);
    expect(t.state().confirming).toBe(true);
    expect(t.api.setStaffApproval).not.toHaveBeenCalled();
    await expect(t.ctl.confirm()).resolves.toBe(true);
    expect(t.api.setStaffApproval).toHaveBeenCalledWith(ACCOUNT_ID, true);
    expect(t.state()).toMatchObject({ confirming: false, settings: { require_approval: true } });
    expect(t.state().actions.done).toEqual({ key: APPROVAL_KEY, message: approvalOnMessage() });
  });

  it('changes nothing when the person keeps it off', async () => {
    const t = await loaded();
    await t.ctl.setApproval(true);
    t.ctl.cancel();
    expect(t.state().confirming).toBe(false);
    await expect(t.ctl.confirm()).resolves.toBe(false);
    expect(t.api.setStaffApproval).not.toHaveBeenCalled();
  });

  it('turns it off at once, which ends a grant', async () => {
    const t = await loaded(approving({ granted_until: until(5) }));
    await expect(t.ctl.setApproval(false)).resolves.toBe(true);
    expect(t.api.setStaffApproval).toHaveBeenCalledWith(ACCOUNT_ID, false);
    expect(t.state().settings).toEqual({ require_approval: false });
    expect(t.state().actions.done).toEqual({ key: APPROVAL_KEY, message: approvalOffMessage() });
  });

  it('shows a refusal (a member who does not manage the team), and the setting unchanged', async () => {
    const forbidden = { code: 'forbidden', message: 'Only members who manage the team can change this.' };
    const t = await loaded(undefined, { setStaffApproval: vi.fn(() => Promise.reject(forbidden)) });
    await t.ctl.setApproval(true);
    await expect(t.ctl.confirm()).resolves.toBe(false);
    expect(t.state().actions.errors[APPROVAL_KEY]).toEqual(forbidden);
    expect(t.state().settings).toEqual({ require_approval: false });
  });
});

describe('granting and revoking support access', () => {
  it('grants for the hours chosen, and says until when', async () => {
    const t = await loaded(approving());
    await expect(t.ctl.grant('8')).resolves.toBe(true);
    expect(t.api.grantStaffAccess).toHaveBeenCalledWith(ACCOUNT_ID, 8);
    expect(t.state().settings).toEqual({ require_approval: true, granted_until: until(8) });
    expect(t.state().actions.done).toEqual({ key: GRANT_KEY, message: grantedMessage(t.state().settings!) });
    // Local time, whatever the machine's zone.
    expect(grantedMessage(t.state().settings!, 'en-GB')).toBe(`Support access granted until ${formatDateTime(until(8), 'en-GB')}.`);
    expect(formatDateTime(until(8), 'en-GB')).toMatch(/^\d{1,2} Mar 2026, \d{2}:\d{2}$/);
  });

  it('grants nothing outside 1 to 72 hours, nor while approval is off', async () => {
    const t = await loaded(approving());
    for (const bad of ['0', '73', '1.5', '', 'x']) await expect(t.ctl.grant(bad)).resolves.toBe(false);
    const off = await loaded();
    await expect(off.ctl.grant(24)).resolves.toBe(false);
    expect(t.api.grantStaffAccess).not.toHaveBeenCalled();
    expect(off.api.grantStaffAccess).not.toHaveBeenCalled();
  });

  it('shows the server’s words for the hours next to the field', async () => {
    const refusal = { code: 'invalid_input', message: 'Bad.', fields: [{ field: 'hours', rule: 'range', message: 'Choose 1 to 72 hours.' }] };
    const t = await loaded(approving(), { grantStaffAccess: vi.fn(() => Promise.reject(refusal)) });
    await expect(t.ctl.grant(24)).resolves.toBe(false);
    expect(hoursError(t.state())).toBe('Choose 1 to 72 hours.');
    expect(t.state().actions.errors[GRANT_KEY]?.message).toBe(fieldsMessage());
  });

  it('reads the setting again when approval was turned off elsewhere', async () => {
    const fake = approving();
    const t = await loaded(fake);
    fake.setElsewhere({ require_approval: false });
    await expect(t.ctl.grant(24)).resolves.toBe(false);
    expect(t.state().actions.errors[GRANT_KEY]?.code).toBe('conflict');
    expect(t.state().settings).toEqual({ require_approval: false });
  });

  it('revokes the grant in force', async () => {
    const t = await loaded(approving({ granted_until: until(5) }));
    await expect(t.ctl.revoke()).resolves.toBe(true);
    expect(t.api.revokeStaffAccess).toHaveBeenCalledWith(ACCOUNT_ID);
    expect(t.state().settings).toEqual({ require_approval: true });
    expect(t.state().actions.done).toEqual({ key: REVOKE_KEY, message: revokedMessage() });
    await expect(t.ctl.revoke()).resolves.toBe(false);
    expect(t.api.revokeStaffAccess).toHaveBeenCalledTimes(1);
  });

  it('does one change at a time', async () => {
    const slow = deferred<StaffAccessSettings>();
    const t = await loaded(approving(), { grantStaffAccess: vi.fn(() => slow.promise) });
    const first = t.ctl.grant(24);
    expect(t.state().actions.busy).toBe(GRANT_KEY);
    await expect(t.ctl.grant(2)).resolves.toBe(false);
    await expect(t.ctl.setApproval(false)).resolves.toBe(false);
    slow.resolve({ require_approval: true, granted_until: until(24) });
    await expect(first).resolves.toBe(true);
    expect(t.api.grantStaffAccess).toHaveBeenCalledTimes(1);
    expect(t.api.setStaffApproval).not.toHaveBeenCalled();
  });
});

describe('switching accounts meanwhile', () => {
  it('shows nothing of a grant made for the previous account', async () => {
    const slow = deferred<StaffAccessSettings>();
    const fake = approving();
    const t = await loaded(fake, { grantStaffAccess: vi.fn(() => slow.promise) });
    const granting = t.ctl.grant(24);
    await t.ctl.load(OTHER);
    slow.resolve({ require_approval: true, granted_until: until(24) });
    await expect(granting).resolves.toBe(false);
    expect(t.state()).toMatchObject({ accountId: OTHER, settings: { require_approval: true } });
    expect(t.state().settings?.granted_until).toBeUndefined();
    expect(t.state().actions).toEqual({ errors: {} });
  });

  it('shows nothing of a refusal for the previous account, and asks nothing on the next one', async () => {
    const slow = deferred<StaffAccessSettings>();
    const load = vi.fn<Api['loadStaffAccess']>(fakeStaffAccess().api.loadStaffAccess);
    const t = await loaded(undefined, { setStaffApproval: vi.fn(() => slow.promise), loadStaffAccess: load });
    await t.ctl.setApproval(true);
    const confirming = t.ctl.confirm();
    await t.ctl.load(OTHER);
    slow.reject({ code: 'conflict', message: 'Changed elsewhere.' });
    await expect(confirming).resolves.toBe(false);
    expect(t.state()).toMatchObject({ accountId: OTHER, confirming: false, actions: { errors: {} } });
    // No quiet re-read for the previous account either.
    expect(load.mock.calls).toEqual([[ACCOUNT_ID], [OTHER]]);
  });

  it('drops the previous account’s log when it comes last', async () => {
    const first = deferred<Awaited<ReturnType<Api['loadStaffAccess']>>>();
    const fake = fakeStaffAccess();
    const load = vi.fn<Api['loadStaffAccess']>(() => first.promise);
    const t = setup(fake, { loadStaffAccess: load });
    const stale = t.ctl.load(OTHER);
    load.mockImplementationOnce(fake.api.loadStaffAccess);
    await t.ctl.load(ACCOUNT_ID);
    first.resolve({ items: ACCESSES, settings: { require_approval: true } });
    await stale;
    expect(t.state()).toMatchObject({ accountId: ACCOUNT_ID, items: [], settings: { require_approval: false } });
  });
});

describe('shown again (a kept page)', () => {
  it('reads the log and the setting again, keeping them on screen, and shows a change made elsewhere', async () => {
    const fake = fakeStaffAccess({ items: ACCESSES });
    const t = await loaded(fake);
    fake.setElsewhere({ require_approval: true });
    const again = t.ctl.revalidate(ACCOUNT_ID);
    expect(t.state()).toMatchObject({ status: 'ready', settings: { require_approval: false } });
    await again;
    expect(t.state()).toMatchObject({ status: 'ready', settings: { require_approval: true } });
    expect(t.state().items).toHaveLength(ACCESSES.length);
  });

  it('drops a setting read before a change was saved', async () => {
    const fake = approving({ granted_until: until(5) });
    const t = await loaded(fake);
    const read = deferred<Awaited<ReturnType<Api['loadStaffAccess']>>>();
    const before = await fake.api.loadStaffAccess(ACCOUNT_ID);
    vi.mocked(t.api.loadStaffAccess).mockImplementationOnce(() => read.promise);
    const again = t.ctl.revalidate(ACCOUNT_ID);
    await t.ctl.setApproval(false);
    read.resolve(before);
    await again;
    expect(t.state().settings).toEqual({ require_approval: false });
  });

  it('loads afresh for another account', async () => {
    const t = await loaded();
    const again = t.ctl.revalidate(OTHER);
    expect(t.state()).toMatchObject({ accountId: OTHER, status: 'loading' });
    await again;
  });
});

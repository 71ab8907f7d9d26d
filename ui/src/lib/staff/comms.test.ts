import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import { cellKey } from '../comms/controller';
import type { SectionDeps } from '../deps';
import type { ProfileForm } from '../profile/controller';
import { createProfileController, EMPTY_FORM } from '../profile/controller';
import { stateOf } from '../testing/comms';
import { unexpectedApi } from '../testing/fakeApi';
import { ADA_USER, ENGINES, ENGINES_TICKET, fakeStaff, type FakeStaff } from '../testing/staff';
import { createStaffCommsController, EMPTY_STAFF_COMMS, type StaffCommsState } from './comms';
import { staffProfileDeps } from './profile';

async function acting(fake: FakeStaff) {
  await fake.api.startActing(ENGINES, { reason: 'As asked in the ticket', ticket: ENGINES_TICKET });
}

function setup(fake: FakeStaff = fakeStaff(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, validateProfile: vi.fn(() => Promise.resolve([])), ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: StaffCommsState = EMPTY_STAFF_COMMS;
  const ctl = createStaffCommsController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, deps, fake, ctl, state: () => state };
}

describe('a member’s preferences, while acting', () => {
  it('loads and changes one cell on top of the version on screen', async () => {
    const fake = fakeStaff();
    await acting(fake);
    const t = setup(fake);
    await t.ctl.load(ENGINES, ADA_USER);
    expect(t.api.staffLoadCommunications).toHaveBeenCalledWith(ENGINES, ADA_USER);
    expect(t.state().status).toBe('ready');
    expect(await t.ctl.toggle('service_information', 'postal')).toBe(true);
    expect(t.api.staffSaveCommunications).toHaveBeenCalledWith(
      ENGINES,
      ADA_USER,
      [{ purpose: 'service_information', channel: 'postal', on: true }],
      1n,
    );
    expect(stateOf(t.state().prefs, 'service_information', 'postal')).toBe('on');
    expect(t.state().actions.done).toEqual({
      key: cellKey('service_information', 'postal'),
      message: 'About our services by post is on.',
    });
  });

  it('says a promotional e-mail waits for the member’s confirmation', async () => {
    const fake = fakeStaff();
    await acting(fake);
    const t = setup(fake);
    await t.ctl.load(ENGINES, ADA_USER);
    await t.ctl.toggle('newsletters', 'email');
    expect(t.state().actions.done?.message).toMatch(/confirmation link went to the member’s e-mail/);
  });

  it('never overwrites a change made elsewhere: shows the current choices and says so', async () => {
    const fake = fakeStaff();
    await acting(fake);
    const t = setup(fake);
    await t.ctl.load(ENGINES, ADA_USER);
    fake.comms.elsewhere([{ purpose: 'usage_trends', channel: 'email', on: true }]);
    expect(await t.ctl.toggle('service_information', 'postal')).toBe(false);
    expect(t.state().conflict).toBe(true);
    expect(stateOf(t.state().prefs, 'usage_trends', 'email')).toBe('on');
    expect(stateOf(t.state().prefs, 'service_information', 'postal')).toBe('off');
    t.ctl.dismissConflict();
    expect(t.state().conflict).toBe(false);
  });

  it('leaves locked cells alone', async () => {
    const fake = fakeStaff();
    await acting(fake);
    const t = setup(fake);
    await t.ctl.load(ENGINES, ADA_USER);
    expect(await t.ctl.toggle('support_maintenance', 'email')).toBe(false);
    expect(t.api.staffSaveCommunications).not.toHaveBeenCalled();
  });

  it('shows why they could not be read without an acting session', async () => {
    const t = setup();
    await t.ctl.load(ENGINES, ADA_USER);
    expect(t.state()).toMatchObject({ status: 'failed', loadError: { code: 'forbidden' } });
    t.ctl.clear();
    expect(t.state()).toEqual(EMPTY_STAFF_COMMS);
  });
});

describe('the customer’s profile, while acting', () => {
  it('uses the staff commands under the customer’s own form, with the ETag', async () => {
    const fake = fakeStaff();
    await acting(fake);
    const t = setup(fake);
    let form: ProfileForm = EMPTY_FORM;
    const ctl = createProfileController(staffProfileDeps(t.deps), { get: () => form, set: (f) => (form = f) });
    await ctl.open(ENGINES);
    expect(t.api.staffLoadProfile).toHaveBeenCalledWith(ENGINES);
    expect(form.status).toBe('ready');
    ctl.edit('display_name', 'Engines');
    await ctl.save();
    expect(t.api.staffSaveProfile).toHaveBeenCalledWith(ENGINES, expect.objectContaining({ display_name: 'Engines' }), '"3"');
    expect(form.save.state).toBe('saved');
    ctl.dispose();
  });

  it('shows a save made elsewhere as a conflict', async () => {
    const fake = fakeStaff();
    await acting(fake);
    const t = setup(fake);
    let form: ProfileForm = EMPTY_FORM;
    const ctl = createProfileController(staffProfileDeps(t.deps), { get: () => form, set: (f) => (form = f) });
    await ctl.open(ENGINES);
    fake.profileChangedElsewhere();
    ctl.edit('display_name', 'Engines');
    await ctl.save();
    expect(form.conflict).toBeDefined();
    ctl.dispose();
  });

  it('words an approval refusal for staff', async () => {
    const t = setup(fakeStaff(), {
      staffLoadProfile: vi.fn(() => Promise.reject({ code: 'approval_required', message: 'x' })),
    });
    let form: ProfileForm = EMPTY_FORM;
    const ctl = createProfileController(staffProfileDeps(t.deps), { get: () => form, set: (f) => (form = f) });
    await ctl.open(ENGINES);
    expect(form.loadError?.message).toMatch(/requires their approval/);
  });
});

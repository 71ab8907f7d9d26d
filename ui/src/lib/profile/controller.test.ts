import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import type { SaveOutcome } from '../generated/SaveOutcome';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { sessionExpired } from '../testing/fixtures';
import { COMPANY_ID, companyProfile, profileState } from '../testing/profile';
import { canSave, createProfileController, EMPTY_FORM, isDirty, type DraftStash, type ProfileForm } from './controller';
import { fromDraft } from './draft';

const SAVED_AT = new Date('2025-11-29T12:00:00Z');

function setup(overrides: Partial<Api> = {}) {
  const api = unexpectedApi({
    loadProfile: vi.fn(() => Promise.resolve(profileState())),
    validateProfile: vi.fn(() => Promise.resolve([])),
    ...overrides,
  });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: ProfileForm = EMPTY_FORM;
  const onSaved = vi.fn();
  const ctl = createProfileController(
    deps,
    { get: () => state, set: (next) => (state = next) },
    { onSaved, now: () => SAVED_AT },
  );
  return { api, deps, ctl, onSaved, state: () => state };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('loading', () => {
  it('loads the profile into the form, unchanged and not saveable', async () => {
    const t = setup();
    await t.ctl.open(COMPANY_ID);
    expect(t.api.loadProfile).toHaveBeenCalledWith(COMPANY_ID);
    expect(t.state().status).toBe('ready');
    expect(t.state().draft?.display_name).toBe('Analytical Engines');
    expect(isDirty(t.state())).toBe(false);
    expect(canSave(t.state())).toBe(false);
  });

  it('shows a failed load', async () => {
    const error: CommandError = { code: 'forbidden', message: 'Not yours.' };
    const t = setup({ loadProfile: vi.fn(() => Promise.reject(error)) });
    await t.ctl.open(COMPANY_ID);
    expect(t.state()).toMatchObject({ status: 'failed', loadError: error });
  });

  it('hands an expired session to the shell', async () => {
    const t = setup({ loadProfile: vi.fn(() => Promise.reject(sessionExpired)) });
    await t.ctl.open(COMPANY_ID);
    expect(t.deps.sessionEnded).toHaveBeenCalledWith(sessionExpired);
  });

  it('ignores a late answer for an account no longer open', async () => {
    const slow = deferred<ReturnType<typeof profileState>>();
    const t = setup({
      loadProfile: vi
        .fn<Api['loadProfile']>()
        .mockReturnValueOnce(slow.promise)
        .mockResolvedValueOnce(profileState({ ...companyProfile, display_name: 'Second' })),
    });
    const first = t.ctl.open('first');
    await t.ctl.open('second');
    slow.resolve(profileState());
    await first;
    expect(t.state().accountId).toBe('second');
    expect(t.state().draft?.display_name).toBe('Second');
  });
});

describe('validating as you type', () => {
  it('waits for a pause in typing, then validates the whole profile once', async () => {
    const t = setup();
    await t.ctl.open(COMPANY_ID);
    t.ctl.edit('display_name', 'A');
    t.ctl.edit('display_name', 'AE');
    await vi.advanceTimersByTimeAsync(200);
    expect(t.api.validateProfile).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(t.api.validateProfile).toHaveBeenCalledTimes(1);
    expect(t.api.validateProfile).toHaveBeenCalledWith('company', {
      ...companyProfile,
      display_name: 'AE',
    });
  });

  it('shows the errors and blocks saving until they are fixed', async () => {
    const error = { field: 'postal_address.postal_code', rule: 'format', message: 'Use A9 9AA.' };
    const validateProfile = vi
      .fn<Api['validateProfile']>()
      .mockResolvedValueOnce([error])
      .mockResolvedValueOnce([]);
    const t = setup({ validateProfile });
    await t.ctl.open(COMPANY_ID);
    t.ctl.edit('postal_address.postal_code', 'nope');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.state().errors).toEqual([error]);
    expect(canSave(t.state())).toBe(false);
    t.ctl.edit('postal_address.postal_code', 'SW1A 1AA');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.state().errors).toEqual([]);
    expect(canSave(t.state())).toBe(true);
  });

  it('never lets an older answer overwrite a newer one', async () => {
    const old = deferred<never[] | { field: string; rule: string; message: string }[]>();
    const validateProfile = vi
      .fn<Api['validateProfile']>()
      .mockReturnValueOnce(old.promise)
      .mockResolvedValueOnce([]);
    const t = setup({ validateProfile });
    await t.ctl.open(COMPANY_ID);
    t.ctl.edit('phone', 'x');
    await vi.advanceTimersByTimeAsync(300);
    t.ctl.edit('phone', '+442071234568');
    await vi.advanceTimersByTimeAsync(300);
    old.resolve([{ field: 'phone', rule: 'e164', message: 'Use +44…' }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.state().errors).toEqual([]);
  });

  it('edits list items and keeps them in the draft', async () => {
    const t = setup();
    await t.ctl.open(COMPANY_ID);
    t.ctl.add('domains');
    t.ctl.edit('domains[1]', 'engines.test');
    t.ctl.remove('emails', 0);
    expect(t.state().draft?.domains).toEqual(['engines.example', 'engines.test']);
    expect(t.state().draft?.emails).toEqual([{ address: 'ops@engines.example', purpose: 'technical' }]);
  });

  it('reverts to what was loaded', async () => {
    const t = setup();
    await t.ctl.open(COMPANY_ID);
    t.ctl.edit('fax', '+442070000000');
    t.ctl.revert();
    expect(isDirty(t.state())).toBe(false);
    await vi.advanceTimersByTimeAsync(300);
    expect(t.api.validateProfile).not.toHaveBeenCalled();
  });
});

describe('saving', () => {
  it('saves with the ETag, shows Saved with the time and the stored form', async () => {
    const stored = { ...companyProfile, display_name: 'AE Ltd' };
    const saveProfile = vi.fn<Api['saveProfile']>(() =>
      Promise.resolve({ outcome: 'saved', state: profileState(stored, 4) }),
    );
    const t = setup({ saveProfile });
    await t.ctl.open(COMPANY_ID);
    t.ctl.edit('display_name', '  AE Ltd ');
    await t.ctl.save();
    expect(saveProfile).toHaveBeenCalledWith(COMPANY_ID, { ...companyProfile, display_name: '  AE Ltd ' }, '"3"');
    expect(t.state().save).toEqual({ state: 'saved', at: SAVED_AT.toISOString() });
    expect(t.state().loaded?.etag).toBe('"4"');
    expect(t.state().draft?.display_name).toBe('AE Ltd');
    expect(isDirty(t.state())).toBe(false);
    expect(t.onSaved).toHaveBeenCalledOnce();
  });

  it('does not save an unchanged form', async () => {
    const t = setup({ saveProfile: vi.fn() });
    await t.ctl.open(COMPANY_ID);
    await t.ctl.save();
    expect(t.api.saveProfile).not.toHaveBeenCalled();
  });

  it('keeps what was typed while the save ran', async () => {
    const pending = deferred<SaveOutcome>();
    const t = setup({ saveProfile: vi.fn(() => pending.promise) });
    await t.ctl.open(COMPANY_ID);
    t.ctl.edit('display_name', 'First');
    const saving = t.ctl.save();
    expect(t.state().save).toEqual({ state: 'saving' });
    expect(canSave(t.state())).toBe(false);
    t.ctl.edit('fax', '+442070000000');
    pending.resolve({ outcome: 'saved', state: profileState({ ...companyProfile, display_name: 'First' }, 4) });
    await saving;
    expect(t.state().draft?.fax).toBe('+442070000000');
    expect(isDirty(t.state())).toBe(true);
  });

  it('shows a rejected save with its message and the field errors', async () => {
    const error: CommandError = {
      code: 'invalid_input',
      message: 'Some fields need attention.',
      advice: 'Fix the highlighted fields.',
      fields: [{ field: 'phone', rule: 'e164', message: 'Use the international format.' }],
    };
    const t = setup({ saveProfile: vi.fn(() => Promise.reject(error)) });
    await t.ctl.open(COMPANY_ID);
    t.ctl.edit('phone', '020 7123 4567');
    await t.ctl.save();
    expect(t.state().save).toEqual({ state: 'failed', error });
    expect(t.state().errors).toEqual(error.fields);
    t.ctl.edit('phone', '+442071234567');
    expect(t.state().save.state).toBe('failed');
  });
});

describe('a conflicting save', () => {
  // They changed the display name and the address; I changed the display name and the phone.
  const theirs = {
    ...companyProfile,
    display_name: 'Engines (theirs)',
    postal_address: { ...companyProfile.postal_address!, postal_code: 'SW1Y 4JJ' },
  };

  async function conflicted(saveProfile: Api['saveProfile']) {
    const t = setup({ saveProfile });
    await t.ctl.open(COMPANY_ID);
    t.ctl.edit('display_name', 'Engines (mine)');
    t.ctl.edit('phone', '+442079999999');
    await t.ctl.save();
    return t;
  }

  const conflictThenSaved = () =>
    vi
      .fn<Api['saveProfile']>()
      .mockResolvedValueOnce({ outcome: 'conflict', current: profileState(theirs, 5) })
      .mockImplementationOnce((_id, profile) =>
        Promise.resolve({ outcome: 'saved', state: profileState(profile, 6) }),
      );

  it('plans the merge: asks about fields both changed, takes theirs, keeps mine', async () => {
    const t = await conflicted(conflictThenSaved());
    const conflict = t.state().conflict!;
    expect(conflict.plan.conflicts).toEqual([
      { path: 'display_name', base: 'Analytical Engines', mine: 'Engines (mine)', theirs: 'Engines (theirs)' },
    ]);
    expect(conflict.plan.theirs).toEqual(['postal_address.postal_code']);
    expect(conflict.plan.mine).toEqual(['phone']);
    // Nothing typed is lost: the form still holds my edits.
    expect(t.state().draft?.display_name).toBe('Engines (mine)');
    expect(canSave(t.state())).toBe(false);
  });

  it('"Save merged" saves the chosen values on top of their version, with their ETag', async () => {
    const save = conflictThenSaved();
    const t = await conflicted(save);
    t.ctl.choose('display_name', 'theirs');
    await t.ctl.saveMerged();
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1]).toEqual([
      COMPANY_ID,
      {
        ...companyProfile,
        display_name: 'Engines (theirs)',
        phone: '+442079999999',
        postal_address: { ...companyProfile.postal_address!, postal_code: 'SW1Y 4JJ' },
      },
      '"5"',
    ]);
    expect(t.state().conflict).toBeUndefined();
    expect(t.state().save.state).toBe('saved');
    expect(t.state().loaded?.etag).toBe('"6"');
  });

  it('keeps mine for a conflict left unchosen', async () => {
    const save = conflictThenSaved();
    const t = await conflicted(save);
    await t.ctl.saveMerged();
    expect(save.mock.calls[1]?.[1].display_name).toBe('Engines (mine)');
  });

  it('includes edits made while the panel is open', async () => {
    const save = conflictThenSaved();
    const t = await conflicted(save);
    t.ctl.edit('fax', '+442070000001');
    await t.ctl.saveMerged();
    expect(save.mock.calls[1]?.[1].fax).toBe('+442070000001');
  });

  it('does not save when the merge is exactly their version', async () => {
    const save = vi.fn<Api['saveProfile']>().mockResolvedValueOnce({
      outcome: 'conflict',
      current: profileState({ ...theirs, phone: '+442079999999' }, 5),
    });
    const t = await conflicted(save);
    t.ctl.choose('display_name', 'theirs');
    await t.ctl.saveMerged();
    expect(save).toHaveBeenCalledTimes(1);
    expect(t.state().save.state).toBe('saved');
    expect(t.state().loaded?.etag).toBe('"5"');
    expect(isDirty(t.state())).toBe(false);
  });

  it('can conflict again, merging against the newer version', async () => {
    const newer = { ...theirs, fax: '+442071111111' };
    const save = vi
      .fn<Api['saveProfile']>()
      .mockResolvedValueOnce({ outcome: 'conflict', current: profileState(theirs, 5) })
      .mockResolvedValueOnce({ outcome: 'conflict', current: profileState(newer, 6) });
    const t = await conflicted(save);
    await t.ctl.saveMerged();
    const again = t.state().conflict!;
    expect(again.current.etag).toBe('"6"');
    expect(again.plan.conflicts).toEqual([]);
    expect(again.plan.theirs).toEqual(['fax']);
    expect(fromDraft(again.plan.merged, 'company').display_name).toBe('Engines (mine)');
  });

  it('closing the panel keeps every edit in the form', async () => {
    const t = await conflicted(conflictThenSaved());
    t.ctl.closeConflict();
    expect(t.state().conflict).toBeUndefined();
    expect(t.state().draft?.phone).toBe('+442079999999');
    expect(canSave(t.state())).toBe(true);
  });
});

describe('leaving and coming back', () => {
  it('keeps unsaved changes while the user visits another section', async () => {
    const stash: DraftStash = new Map();
    const first = setup();
    await first.ctl.open(COMPANY_ID, stash);
    first.ctl.edit('fax', '+442070000000');
    first.ctl.stashTo(stash);
    expect(stash.has(COMPANY_ID)).toBe(true);

    const again = setup();
    await again.ctl.open(COMPANY_ID, stash);
    expect(again.api.loadProfile).not.toHaveBeenCalled();
    expect(again.state().draft?.fax).toBe('+442070000000');
    expect(again.state().loaded?.etag).toBe('"3"');
    expect(isDirty(again.state())).toBe(true);
    expect(stash.size).toBe(0);
  });

  it('keeps nothing for a form without changes, and loads fresh next time', async () => {
    const stash: DraftStash = new Map();
    const first = setup();
    await first.ctl.open(COMPANY_ID, stash);
    first.ctl.stashTo(stash);
    expect(stash.size).toBe(0);
    const again = setup();
    await again.ctl.open(COMPANY_ID, stash);
    expect(again.api.loadProfile).toHaveBeenCalledOnce();
  });
});

describe('shown again (a kept page)', () => {
  it('reads an untouched form again and shows a change made elsewhere', async () => {
    const t = setup();
    await t.ctl.open(COMPANY_ID);
    const renamed = profileState({ ...companyProfile, display_name: 'Difference Engines' }, 4);
    vi.mocked(t.api.loadProfile).mockImplementationOnce(() => Promise.resolve(renamed));
    await t.ctl.revalidate(COMPANY_ID);
    expect(t.state()).toMatchObject({ status: 'ready', loaded: { etag: '"4"' } });
    expect(t.state().draft?.display_name).toBe('Difference Engines');
    expect(isDirty(t.state())).toBe(false);
  });

  it('leaves a form with unsaved changes as it is: its ETag still guards the save', async () => {
    const t = setup();
    await t.ctl.open(COMPANY_ID);
    t.ctl.edit('fax', '+442070000000');
    await t.ctl.revalidate(COMPANY_ID);
    expect(t.api.loadProfile).toHaveBeenCalledOnce();
    expect(t.state().draft?.fax).toBe('+442070000000');
    expect(t.state().loaded?.etag).toBe('"3"');
  });

  it('drops the answer when an edit began while it was read', async () => {
    const read = deferred<ReturnType<typeof profileState>>();
    const t = setup();
    await t.ctl.open(COMPANY_ID);
    vi.mocked(t.api.loadProfile).mockImplementationOnce(() => read.promise);
    const again = t.ctl.revalidate(COMPANY_ID);
    t.ctl.edit('fax', '+442070000000');
    read.resolve(profileState({ ...companyProfile, display_name: 'Difference Engines' }, 4));
    await again;
    expect(t.state().draft?.fax).toBe('+442070000000');
    expect(t.state().draft?.display_name).toBe('Analytical Engines');
    expect(t.state().loaded?.etag).toBe('"3"');
  });

  it('opens afresh for another account, picking up what the stash holds', async () => {
    const stash: DraftStash = new Map();
    const t = setup();
    await t.ctl.open(COMPANY_ID, stash);
    t.ctl.edit('fax', '+442070000000');
    t.ctl.stashTo(stash);
    await t.ctl.open('acc-other');
    await t.ctl.revalidate(COMPANY_ID, stash);
    expect(t.state()).toMatchObject({ accountId: COMPANY_ID, status: 'ready' });
    expect(t.state().draft?.fax).toBe('+442070000000');
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { fakeComms, prefs, receipt, stateOf, type FakeComms } from '../testing/comms';
import {
  alreadyUnsubscribed,
  cellKey,
  conflictMessage,
  createCommsController,
  EMPTY_COMMS,
  promotionalOn,
  unsubscribeQuestion,
  type CommsState,
} from './controller';

function setup(fake: FakeComms = fakeComms(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: CommsState = EMPTY_COMMS;
  const ctl = createCommsController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, deps, ctl, fake, state: () => state };
}

async function loaded(fake: FakeComms = fakeComms(), overrides: Partial<Api> = {}) {
  const t = setup(fake, overrides);
  await t.ctl.load();
  return t;
}

describe('loading', () => {
  it('loads the matrix and the first page of receipts', async () => {
    const fake = fakeComms();
    fake.elsewhere([{ purpose: 'usage_trends', channel: 'postal', on: true }], 'console');
    const t = await loaded(fake);
    expect(t.state().status).toBe('ready');
    expect(t.state().prefs).toEqual(fake.current());
    expect(t.state().prefs?.policy_version).toBe('privacy-policy-2013');
    expect(t.state().receipts).toMatchObject({ status: 'ready', items: fake.receipts(), loadingMore: false });
    expect(t.api.consentReceipts).toHaveBeenCalledWith(null);
  });

  it('shows a matrix that failed to load, with the receipts still read', async () => {
    const error: CommandError = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const t = await loaded(fakeComms(), { loadCommunications: vi.fn(() => Promise.reject(error)) });
    expect(t.state()).toMatchObject({ status: 'failed', loadError: error });
    expect(t.state().receipts.status).toBe('ready');
  });

  it('hands an ended session to the shell', async () => {
    const expired: CommandError = { code: 'session_expired', message: 'Sign in again.' };
    const t = await loaded(fakeComms(), { loadCommunications: vi.fn(() => Promise.reject(expired)) });
    expect(t.deps.sessionEnded).toHaveBeenCalledWith(expired);
  });
});

describe('changing a cell', () => {
  it('turns a cell on with the version it was loaded at, and replaces the matrix', async () => {
    const t = await loaded(fakeComms({ version: 4 }));
    await expect(t.ctl.toggle('usage_trends', 'email')).resolves.toBe(true);
    expect(t.api.saveCommunications).toHaveBeenCalledWith([{ purpose: 'usage_trends', channel: 'email', on: true }], 4n);
    expect(stateOf(t.state().prefs, 'usage_trends', 'email')).toBe('on');
    expect(t.state().prefs?.version).toBe(5n);
    expect(t.state().actions.done).toEqual({ key: 'cell:usage_trends/email', message: 'Usage and trends by e-mail is on.' });
    expect(t.state().mailSent).toBe(0);
  });

  it('turns a promotional purpose by e-mail to pending, and the mailbox re-reads', async () => {
    const t = await loaded();
    await expect(t.ctl.toggle('newsletters', 'email')).resolves.toBe(true);
    expect(stateOf(t.state().prefs, 'newsletters', 'email')).toBe('pending');
    expect(t.state().mailSent).toBe(1);
    expect(t.state().actions.done?.message).toContain('confirmation link');
    expect(t.state().actions.done?.message).toContain('Newsletters and product ideas by e-mail');
  });

  it('turns a promotional purpose on directly on other channels, without a question', async () => {
    const t = await loaded();
    await t.ctl.toggle('product_testing', 'in_app');
    expect(stateOf(t.state().prefs, 'product_testing', 'in_app')).toBe('on');
    await expect(t.ctl.toggle('product_testing', 'in_app')).resolves.toBe(true);
    expect(t.state().confirming).toBeUndefined();
    expect(stateOf(t.state().prefs, 'product_testing', 'in_app')).toBe('off');
    expect(t.state().mailSent).toBe(0);
  });

  it('turns a pending cell off (the click on a checked box)', async () => {
    const t = await loaded(fakeComms({ cells: { 'newsletters/email': 'pending' } }));
    await t.ctl.toggle('newsletters', 'email');
    expect(t.api.saveCommunications).toHaveBeenCalledWith([{ purpose: 'newsletters', channel: 'email', on: false }], 1n);
    expect(stateOf(t.state().prefs, 'newsletters', 'email')).toBe('off');
  });

  it('reloads the receipts after each saved change', async () => {
    const t = await loaded();
    await t.ctl.toggle('newsletters', 'email');
    expect(t.api.consentReceipts).toHaveBeenCalledTimes(2);
    expect(t.state().receipts.items[0]).toMatchObject({ subject: 'newsletters/email', old_state: 'off', new_state: 'pending' });
  });

  it('shows the busy cell, and does not save twice while it saves', async () => {
    const fake = fakeComms();
    const pending = deferred<Awaited<ReturnType<Api['saveCommunications']>>>();
    const save = vi.fn<Api['saveCommunications']>(() => pending.promise);
    const t = await loaded(fake, { saveCommunications: save });
    const first = t.ctl.toggle('usage_trends', 'email');
    expect(t.state().actions.busy).toBe(cellKey('usage_trends', 'email'));
    await expect(t.ctl.toggle('usage_trends', 'email')).resolves.toBe(false);
    await expect(t.ctl.toggle('usage_trends', 'postal')).resolves.toBe(false);
    await expect(t.ctl.unsubscribeAll()).resolves.toBe(false);
    expect(save).toHaveBeenCalledTimes(1);
    pending.resolve({ outcome: 'saved', prefs: prefs({ 'usage_trends/email': 'on' }, 2) });
    await expect(first).resolves.toBe(true);
    expect(t.state().actions.busy).toBeUndefined();
    // The next click carries the version the first save produced.
    save.mockResolvedValueOnce({ outcome: 'saved', prefs: prefs({ 'usage_trends/email': 'on', 'usage_trends/postal': 'on' }, 3) });
    await t.ctl.toggle('usage_trends', 'postal');
    expect(save).toHaveBeenLastCalledWith([{ purpose: 'usage_trends', channel: 'postal', on: true }], 2n);
  });

  it('does nothing for a locked cell', async () => {
    const t = await loaded();
    await expect(t.ctl.toggle('support_maintenance', 'email')).resolves.toBe(false);
    expect(t.api.saveCommunications).not.toHaveBeenCalled();
  });
});

describe('what turning off curtails (PR-20)', () => {
  it('asks before turning off status information, and saves on "Turn off"', async () => {
    const t = await loaded();
    await expect(t.ctl.toggle('status_information', 'email')).resolves.toBe(false);
    expect(t.api.saveCommunications).not.toHaveBeenCalled();
    expect(t.state().confirming).toEqual({
      purpose: 'status_information',
      channel: 'email',
      curtails: 'You will not get invoice and usage notices by e-mail; they stay in the console.',
    });
    await expect(t.ctl.confirmOff()).resolves.toBe(true);
    expect(t.state().confirming).toBeUndefined();
    expect(stateOf(t.state().prefs, 'status_information', 'email')).toBe('off');
  });

  it('asks before turning off service information; "Keep it on" changes nothing', async () => {
    const t = await loaded();
    await t.ctl.toggle('service_information', 'in_app');
    expect(t.state().confirming?.curtails).toMatch(/in the app/);
    t.ctl.cancelOff();
    expect(t.state().confirming).toBeUndefined();
    expect(t.api.saveCommunications).not.toHaveBeenCalled();
    await expect(t.ctl.confirmOff()).resolves.toBe(false);
  });

  it('does not ask when turning them on', async () => {
    const t = await loaded();
    await expect(t.ctl.toggle('status_information', 'postal')).resolves.toBe(true);
    expect(t.state().confirming).toBeUndefined();
  });
});

describe('a matrix changed elsewhere', () => {
  it('shows the current choices and says so, without saving the change again', async () => {
    const fake = fakeComms();
    const t = await loaded(fake);
    // Meanwhile, an unsubscribe link turns off something the user sees as on.
    fake.elsewhere([{ purpose: 'service_information', channel: 'email', on: false }]);
    await expect(t.ctl.toggle('usage_trends', 'email')).resolves.toBe(false);
    expect(t.api.saveCommunications).toHaveBeenCalledTimes(1);
    expect(t.state().conflict).toBe(true);
    expect(t.state().prefs).toEqual(fake.current());
    expect(stateOf(t.state().prefs, 'usage_trends', 'email')).toBe('off');
    expect(stateOf(t.state().prefs, 'service_information', 'email')).toBe('off');
    expect(t.state().actions.done).toBeUndefined();
    expect(conflictMessage()).toBe(
      'Your preferences were changed elsewhere (another device or an e-mail link). We loaded the current choices; make your change again.',
    );
    // The change made elsewhere has its receipt.
    expect(t.state().receipts.items[0]?.source).toBe('unsubscribe_link');
  });

  it('saves on top of the current choices when the user makes the change again', async () => {
    const fake = fakeComms();
    const t = await loaded(fake);
    fake.elsewhere([{ purpose: 'newsletters', channel: 'postal', on: true }]);
    await t.ctl.toggle('usage_trends', 'email');
    await expect(t.ctl.toggle('usage_trends', 'email')).resolves.toBe(true);
    expect(t.state().conflict).toBe(false);
    expect(stateOf(t.state().prefs, 'usage_trends', 'email')).toBe('on');
    expect(stateOf(t.state().prefs, 'newsletters', 'postal')).toBe('on');
  });

  it('treats a conflict error as a conflict: reads the matrix again', async () => {
    const fake = fakeComms();
    const conflict: CommandError = { code: 'conflict', message: 'Changed elsewhere.' };
    const t = await loaded(fake, { saveCommunications: vi.fn(() => Promise.reject(conflict)) });
    fake.elsewhere([{ purpose: 'newsletters', channel: 'postal', on: true }]);
    await expect(t.ctl.toggle('usage_trends', 'email')).resolves.toBe(false);
    expect(t.state().conflict).toBe(true);
    expect(t.state().prefs).toEqual(fake.current());
    expect(t.state().actions.errors).toEqual({});
  });

  it('clears the message when dismissed or at the next change', async () => {
    const fake = fakeComms();
    const t = await loaded(fake);
    fake.elsewhere([{ purpose: 'newsletters', channel: 'postal', on: true }]);
    await t.ctl.toggle('usage_trends', 'email');
    t.ctl.dismissConflict();
    expect(t.state().conflict).toBe(false);
    fake.elsewhere([{ purpose: 'newsletters', channel: 'postal', on: false }]);
    await t.ctl.toggle('usage_trends', 'email');
    expect(t.state().conflict).toBe(true);
    await t.ctl.toggle('usage_trends', 'email');
    expect(t.state().conflict).toBe(false);
  });
});

describe('refused changes', () => {
  it('explains a locked cell in its own words, and reads the matrix again', async () => {
    // The console thought the cell could change; the server knows better.
    const t = await loaded(fakeComms(), {
      loadCommunications: vi
        .fn<Api['loadCommunications']>()
        .mockResolvedValueOnce({
          ...prefs(),
          purposes: prefs().purposes.map((p) => ({ ...p, channels: p.channels.map((c) => ({ ...c, locked: false })) })),
        })
        .mockResolvedValue(prefs()),
    });
    await expect(t.ctl.toggle('support_maintenance', 'email')).resolves.toBe(false);
    const error = t.state().actions.errors[cellKey('support_maintenance', 'email')];
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: 'Support and account maintenance by e-mail cannot be turned off.',
      advice: 'Account maintenance e-mail cannot be turned off: it keeps your account working.',
    });
    expect(error?.fields?.[0]?.rule).toBe('locked');
    expect(t.state().prefs?.purposes[2]?.channels[0]?.locked).toBe(true);
    expect(t.state().actions.done).toBeUndefined();
  });

  it('shows other failures as they are, and a new change clears them', async () => {
    const error: CommandError = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const fake = fakeComms();
    const save = vi.fn<Api['saveCommunications']>().mockRejectedValueOnce(error);
    save.mockImplementation(fake.api.saveCommunications);
    const t = await loaded(fake, { saveCommunications: save });
    await expect(t.ctl.toggle('usage_trends', 'email')).resolves.toBe(false);
    expect(t.state().actions.errors[cellKey('usage_trends', 'email')]).toEqual(error);
    expect(stateOf(t.state().prefs, 'usage_trends', 'email')).toBe('off');
    await expect(t.ctl.toggle('usage_trends', 'email')).resolves.toBe(true);
    expect(t.state().actions.errors).toEqual({});
  });
});

describe('unsubscribe from all promotional', () => {
  it('lists what it turns off, turns it all off, and leaves receipts', async () => {
    const fake = fakeComms({ cells: { 'newsletters/email': 'pending', 'newsletters/postal': 'on', 'product_testing/in_app': 'on' } });
    const t = await loaded(fake);
    expect(promotionalOn(t.state().prefs)).toEqual([
      'Newsletters and product ideas (e-mail, awaiting confirmation; post)',
      'Product testing and evaluation (in the app)',
    ]);
    expect(unsubscribeQuestion(t.state().prefs)).toBe(
      'This turns off Newsletters and product ideas (e-mail, awaiting confirmation; post) and Product testing and ' +
        'evaluation (in the app). Service and account notices stay as they are. Unsubscribe?',
    );
    await expect(t.ctl.unsubscribeAll()).resolves.toBe(true);
    expect(promotionalOn(t.state().prefs)).toEqual([]);
    expect(stateOf(t.state().prefs, 'status_information', 'email')).toBe('on');
    expect(t.state().actions.done?.key).toBe('unsubscribe');
    expect(t.state().actions.done?.message).toMatch(/^Unsubscribed from all promotional communications: .* are off\.$/);
    expect(t.state().receipts.items.slice(0, 3).map((r) => r.source)).toEqual([
      'unsubscribe_all',
      'unsubscribe_all',
      'unsubscribe_all',
    ]);
  });

  it('is harmless a second time, and says nothing changed', async () => {
    const t = await loaded();
    expect(unsubscribeQuestion(t.state().prefs)).toBe('No promotional communications are on. Keep them all off?');
    await expect(t.ctl.unsubscribeAll()).resolves.toBe(true);
    expect(t.state().actions.done?.message).toBe(alreadyUnsubscribed());
    expect(t.state().receipts.items).toEqual([]);
  });
});

describe('consent receipts', () => {
  it('pages with "Load more", newest first, without duplicates', async () => {
    const fake = fakeComms({ pageSize: 2 });
    fake.elsewhere(
      [
        { purpose: 'newsletters', channel: 'postal', on: true },
        { purpose: 'newsletters', channel: 'telephone', on: true },
        { purpose: 'product_testing', channel: 'postal', on: true },
      ],
      'console',
    );
    const t = await loaded(fake);
    expect(t.state().receipts.items.map((r) => r.id)).toEqual(['r-3', 'r-2']);
    expect(t.state().receipts.nextCursor).toBe('2');
    await t.ctl.moreReceipts();
    expect(t.api.consentReceipts).toHaveBeenLastCalledWith('2');
    expect(t.state().receipts.items.map((r) => r.id)).toEqual(['r-3', 'r-2', 'r-1']);
    expect(t.state().receipts.nextCursor).toBeUndefined();
    await t.ctl.moreReceipts();
    expect(t.api.consentReceipts).toHaveBeenCalledTimes(2);
  });

  it('keeps the list when "Load more" fails, and says why', async () => {
    const error: CommandError = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const consentReceipts = vi
      .fn<Api['consentReceipts']>()
      .mockResolvedValueOnce({ items: [receipt(2)], next_cursor: 'c2' })
      .mockRejectedValueOnce(error);
    const t = await loaded(fakeComms(), { consentReceipts });
    await t.ctl.moreReceipts();
    expect(t.state().receipts).toMatchObject({ status: 'ready', items: [receipt(2)], nextCursor: 'c2', error, loadingMore: false });
  });

  it('drops a page that arrives after the list started over', async () => {
    const late = deferred<Awaited<ReturnType<Api['consentReceipts']>>>();
    const consentReceipts = vi
      .fn<Api['consentReceipts']>()
      .mockResolvedValueOnce({ items: [receipt(3)], next_cursor: 'c2' })
      .mockReturnValueOnce(late.promise)
      .mockResolvedValueOnce({ items: [receipt(4), receipt(3)] });
    const t = await loaded(fakeComms(), { consentReceipts });
    const more = t.ctl.moreReceipts();
    await t.ctl.reloadReceipts();
    late.resolve({ items: [receipt(1)] });
    await more;
    expect(t.state().receipts.items.map((r) => r.id)).toEqual(['r-4', 'r-3']);
  });

  it('shows receipts that failed to load, with a way to try again', async () => {
    const error: CommandError = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const consentReceipts = vi.fn<Api['consentReceipts']>().mockRejectedValueOnce(error).mockResolvedValueOnce({ items: [] });
    const t = await loaded(fakeComms(), { consentReceipts });
    expect(t.state().receipts).toMatchObject({ status: 'failed', error });
    expect(t.state().status).toBe('ready');
    await t.ctl.reloadReceipts();
    expect(t.state().receipts).toMatchObject({ status: 'ready', items: [] });
  });
});

describe('refresh', () => {
  it('reads the matrix again, showing an opt-in confirmed from the mail', async () => {
    const fake = fakeComms();
    const t = await loaded(fake);
    await t.ctl.toggle('newsletters', 'email');
    // The recipient confirmed the link (the fake's stand-in for it).
    fake.elsewhere([{ purpose: 'newsletters', channel: 'postal', on: true }], 'opt_in_confirmation');
    await expect(t.ctl.refresh()).resolves.toBe(true);
    expect(t.state().prefs).toEqual(fake.current());
    expect(t.state().receipts.items[0]?.source).toBe('opt_in_confirmation');
  });
});

describe('shown again (a kept page)', () => {
  it('reads the matrix and the receipts again, keeping them on screen meanwhile', async () => {
    const fake = fakeComms();
    const t = await loaded(fake);
    fake.elsewhere([{ purpose: 'usage_trends', channel: 'postal', on: true }], 'unsubscribe_link');
    const again = t.ctl.revalidate();
    expect(t.state().status).toBe('ready');
    expect(t.state().receipts.status).toBe('ready');
    await again;
    expect(t.state().prefs).toEqual(fake.current());
    expect(t.state().receipts.items).toEqual(fake.receipts());
    // Quietly: no status line, nothing busy.
    expect(t.state().actions).toEqual({ errors: {} });
  });

  it('drops a matrix read before a change was saved', async () => {
    const fake = fakeComms();
    const t = await loaded(fake);
    const read = deferred<Awaited<ReturnType<Api['loadCommunications']>>>();
    const before = fake.current();
    vi.mocked(t.api.loadCommunications).mockImplementationOnce(() => read.promise);
    const again = t.ctl.revalidate();
    await t.ctl.toggle('usage_trends', 'email');
    read.resolve(before);
    await again;
    expect(stateOf(t.state().prefs, 'usage_trends', 'email')).toBe('on');
  });

  it('loads afresh after a failed load', async () => {
    const fake = fakeComms();
    const t = setup(fake);
    vi.mocked(t.api.loadCommunications).mockImplementationOnce(() => Promise.reject({ code: 'unavailable', message: 'Offline.' }));
    await t.ctl.load();
    expect(t.state().status).toBe('failed');
    await t.ctl.revalidate();
    expect(t.state().status).toBe('ready');
    expect(t.state().prefs).toEqual(fake.current());
  });
});

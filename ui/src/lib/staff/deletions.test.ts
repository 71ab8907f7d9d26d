import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import { NOW } from '../testing/deletion';
import { unexpectedApi } from '../testing/fakeApi';
import { COOLING, fakeDeletions, HELD, READY, type FakeDeletions } from '../testing/staffDeletions';
import {
  completeKey,
  coolingOff,
  coolingOffHint,
  createDeletionsController,
  deletedMessage,
  EMPTY_DELETIONS,
  type DeletionsState,
} from './deletions';
import { twoFactorRequiredMessage } from './errors';

async function setup(fake: FakeDeletions = fakeDeletions(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: DeletionsState = EMPTY_DELETIONS;
  const ctl = createDeletionsController(deps, { get: () => state, set: (s) => (state = s) }, () => new Date(NOW));
  await ctl.load();
  return { api, fake, ctl, state: () => state };
}

const ids = (s: DeletionsState) => s.items.map((r) => r.id);

describe('pending deletion requests', () => {
  it('lists them in the server’s order (soonest first)', async () => {
    const t = await setup();
    expect(t.state().status).toBe('ready');
    expect(ids(t.state())).toEqual([READY, HELD, COOLING]);
  });

  it('knows which are still cooling off', async () => {
    const t = await setup();
    const [ready, , cooling] = t.state().items;
    expect(coolingOff(ready!, new Date(NOW))).toBe(false);
    expect(coolingOff(cooling!, new Date(NOW))).toBe(true);
    expect(coolingOffHint(cooling!)).toMatch(/^The customer can cancel until .+: it can be carried out from then\.$/);
  });

  it('carries one out, dropping it from the list', async () => {
    const t = await setup();
    expect(await t.ctl.complete(READY)).toBe(true);
    expect(t.api.completeDeletion).toHaveBeenCalledWith(READY);
    expect(ids(t.state())).toEqual([HELD, COOLING]);
    expect(t.state().actions.done).toEqual({ key: completeKey(READY), message: deletedMessage({ account_name: 'Ada Lovelace' }) });
    expect(t.fake.erased()).toEqual([READY]);
  });

  it('does not ask the server before the cooling-off period ends', async () => {
    const t = await setup();
    expect(await t.ctl.complete(COOLING)).toBe(false);
    expect(t.api.completeDeletion).not.toHaveBeenCalled();
    expect(t.state().actions.errors[completeKey(COOLING)]).toMatchObject({ code: 'conflict', message: coolingOffHint(t.state().items[2]!) });
  });

  it('shows the server’s refusal while a legal hold applies, and reads the list again', async () => {
    const t = await setup();
    expect(await t.ctl.complete(HELD)).toBe(false);
    expect(t.state().actions.errors[completeKey(HELD)]).toEqual({
      code: 'conflict',
      message: 'A legal hold applies to this account; lift it before deleting.',
    });
    expect(t.api.listDeletionRequests).toHaveBeenCalledTimes(2);
    expect(ids(t.state())).toContain(HELD);
  });

  it('drops a request cancelled meanwhile, keeping the reason shown', async () => {
    const t = await setup();
    t.fake.closeElsewhere(READY);
    expect(await t.ctl.complete(READY)).toBe(false);
    expect(t.state().actions.errors[completeKey(READY)]?.message).toBe('This request was cancelled or carried out already.');
    expect(ids(t.state())).toEqual([HELD, COOLING]);
  });

  it('does not read the list again after other failures', async () => {
    const unreachable = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const t = await setup(fakeDeletions(), { completeDeletion: vi.fn(() => Promise.reject(unreachable)) });
    expect(await t.ctl.complete(READY)).toBe(false);
    expect(t.state().actions.errors[completeKey(READY)]).toEqual(unreachable);
    expect(t.api.listDeletionRequests).toHaveBeenCalledOnce();
  });

  it('shows why the list could not be read, in the workspace’s words', async () => {
    const refused = { code: 'staff_two_factor_required', message: 'Two-factor.' };
    const t = await setup(fakeDeletions(), { listDeletionRequests: vi.fn(() => Promise.reject(refused)) });
    expect(t.state()).toMatchObject({ status: 'failed', loadError: { code: 'staff_two_factor_required', message: twoFactorRequiredMessage() } });
  });

  it('keeps the list on screen when reading it again fails', async () => {
    const t = await setup();
    vi.mocked(t.api.listDeletionRequests).mockRejectedValueOnce({ code: 'server_unreachable', message: 'Down.' });
    await t.ctl.load();
    expect(t.state()).toMatchObject({ status: 'ready', loadError: { code: 'server_unreachable' } });
    expect(t.state().items).toHaveLength(3);
  });
});

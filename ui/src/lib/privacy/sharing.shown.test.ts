// The sharing card of a kept Privacy page, shown again (issue 8): read
// again in the background. Apart from sharing.test.ts, which is full.

import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { SharingView } from '../generated/SharingView';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { ACCOUNT_ID, fakeSharing, sharedWith, type FakeSharing } from '../testing/sharing';
import { createSharingController, EMPTY_SHARING, type SharingState } from './sharing';

async function loaded(fake: FakeSharing = fakeSharing()) {
  const api = unexpectedApi({ ...fake.api });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: SharingState = EMPTY_SHARING;
  const ctl = createSharingController(deps, { get: () => state, set: (s) => (state = s) });
  await ctl.load(ACCOUNT_ID);
  return { api, ctl, fake, state: () => state };
}

describe('sharing shown again (a kept page)', () => {
  it('reads the choice and the ledger again, keeping them on screen, and shows a change made elsewhere', async () => {
    const t = await loaded();
    t.fake.elsewhere({ share_none: false, opted_out: ['tally-insights'] });
    const again = t.ctl.revalidate(ACCOUNT_ID);
    expect(t.state().status).toBe('ready');
    expect(sharedWith(t.state().sharing, 'tally-insights')).toBe(true);
    await again;
    expect(t.state().sharing).toEqual(t.fake.current());
    expect(sharedWith(t.state().sharing, 'tally-insights')).toBe(false);
    expect(t.api.sharingLedger).toHaveBeenCalledTimes(2);
  });

  it('drops a choice read before a change was saved', async () => {
    const t = await loaded();
    const read = deferred<SharingView>();
    const before = t.fake.current();
    vi.mocked(t.api.loadSharing).mockImplementationOnce(() => read.promise);
    const again = t.ctl.revalidate(ACCOUNT_ID);
    await t.ctl.setPartner('tally-insights', false);
    await t.ctl.confirm();
    read.resolve(before);
    await again;
    expect(sharedWith(t.state().sharing, 'tally-insights')).toBe(false);
  });

  it('loads afresh for another account', async () => {
    const t = await loaded();
    const again = t.ctl.revalidate('acc-other');
    expect(t.state()).toMatchObject({ accountId: 'acc-other', status: 'loading' });
    await again.catch(() => {});
  });
});

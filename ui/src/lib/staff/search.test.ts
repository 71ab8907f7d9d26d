import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CustomerSearchResult } from '../generated/CustomerSearchResult';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { ADA, ENGINES, fakeStaff, GUARDED } from '../testing/staff';
import { twoFactorRequiredMessage } from './errors';
import { createSearchController, EMPTY_SEARCH, SEARCH_PAUSE_MS, type SearchState } from './search';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(overrides: Partial<Api> = {}) {
  const fake = fakeStaff();
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: SearchState = EMPTY_SEARCH;
  const ctl = createSearchController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, deps, ctl, state: () => state };
}

const ids = (s: SearchState) => s.hits.map((h) => h.account_id);

describe('searching as you type', () => {
  it('waits for typing to pause, then searches the latest text once', async () => {
    const t = setup();
    t.ctl.input('an');
    await vi.advanceTimersByTimeAsync(100);
    t.ctl.input('ana');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS - 1);
    expect(t.api.searchCustomers).not.toHaveBeenCalled();
    expect(t.state().status).toBe('searching');
    await vi.advanceTimersByTimeAsync(1);
    expect(t.api.searchCustomers).toHaveBeenCalledExactlyOnceWith('ana');
    expect(t.state()).toMatchObject({ status: 'ready', query: 'ana', answered: 'ana', active: 0 });
    expect(ids(t.state())).toEqual([ENGINES]);
  });

  it('ranks hits by how they matched and says which field matched', async () => {
    const t = setup();
    t.ctl.input('ada');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    const [first] = t.state().hits;
    expect(first).toMatchObject({ account_id: ADA, matched: 'name', match_kind: 'prefix', email_masked: 'a***@example.com' });
  });

  it('asks for at least two characters, and sends nothing for less', async () => {
    const t = setup();
    t.ctl.input(' a ');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS * 2);
    expect(t.api.searchCustomers).not.toHaveBeenCalled();
    expect(t.state()).toMatchObject({ status: 'short', query: ' a ', hits: [] });
    t.ctl.input('');
    expect(t.state()).toEqual(EMPTY_SEARCH);
  });

  it('searches the trimmed text', async () => {
    const t = setup();
    t.ctl.input('  engines  ');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(t.api.searchCustomers).toHaveBeenCalledWith('engines');
    expect(ids(t.state())).toEqual([ENGINES, GUARDED]);
  });

  it('never lets an older answer overwrite the answer for newer text', async () => {
    const fake = fakeStaff();
    const slow = deferred<CustomerSearchResult>();
    const search = vi
      .fn<Api['searchCustomers']>()
      .mockReturnValueOnce(slow.promise)
      .mockImplementation(fake.api.searchCustomers);
    const t = setup({ searchCustomers: search });
    t.ctl.input('ad');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    t.ctl.input('engines');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(ids(t.state())).toEqual([ENGINES, GUARDED]);
    slow.resolve({ query: 'ad', items: (await fake.api.searchCustomers('ad')).items });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.state()).toMatchObject({ answered: 'engines', query: 'engines' });
    expect(ids(t.state())).toEqual([ENGINES, GUARDED]);
  });

  it('drops an answer on its way when the box is cleared or made too short', async () => {
    const slow = deferred<CustomerSearchResult>();
    const t = setup({ searchCustomers: vi.fn(() => slow.promise) });
    t.ctl.input('ada');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    t.ctl.input('a');
    slow.resolve({ query: 'ada', items: [] });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.state()).toMatchObject({ status: 'short', hits: [] });
  });

  it('keeps the hits on screen while the next search runs', async () => {
    const t = setup();
    t.ctl.input('engines');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    t.ctl.input('engines l');
    expect(t.state().status).toBe('searching');
    expect(ids(t.state())).toEqual([ENGINES, GUARDED]);
  });

  it('shows an empty answer as ready with no hits', async () => {
    const t = setup();
    t.ctl.input('zzz');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(t.state()).toMatchObject({ status: 'ready', hits: [], active: -1, answered: 'zzz' });
    expect(t.ctl.activeHit()).toBeUndefined();
  });

  it('shows a failure in the workspace’s words, and searches again at once on retry', async () => {
    const refused = { code: 'staff_two_factor_required', message: 'Two-factor required.' };
    const fake = fakeStaff();
    const search = vi.fn<Api['searchCustomers']>().mockRejectedValueOnce(refused).mockImplementation(fake.api.searchCustomers);
    const t = setup({ searchCustomers: search });
    t.ctl.input('ada');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(t.state()).toMatchObject({ status: 'failed', error: { code: 'staff_two_factor_required', message: twoFactorRequiredMessage() } });
    t.ctl.retry();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.state().status).toBe('ready');
    expect(t.state().error).toBeUndefined();
  });

  it('hands an ended session to the shell', async () => {
    const expired = { code: 'session_expired', message: 'Sign in again.' };
    const t = setup({ searchCustomers: vi.fn(() => Promise.reject(expired)) });
    t.ctl.input('ada');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(t.deps.sessionEnded).toHaveBeenCalledWith(expired);
  });
});

describe('moving through the hits', () => {
  it('moves with the arrows, wrapping around, and says which is highlighted', async () => {
    const t = setup();
    t.ctl.input('engines');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(t.ctl.activeHit()?.account_id).toBe(ENGINES);
    t.ctl.move(1);
    expect(t.ctl.activeHit()?.account_id).toBe(GUARDED);
    t.ctl.move(1);
    expect(t.ctl.activeHit()?.account_id).toBe(ENGINES);
    t.ctl.move(-1);
    expect(t.ctl.activeHit()?.account_id).toBe(GUARDED);
    t.ctl.setActive(0);
    expect(t.state().active).toBe(0);
    t.ctl.setActive(7);
    expect(t.state().active).toBe(0);
  });

  it('does nothing without hits', () => {
    const t = setup();
    t.ctl.move(1);
    expect(t.state()).toEqual(EMPTY_SEARCH);
  });

  it('clears the box and drops a search not yet sent', async () => {
    const t = setup();
    t.ctl.input('ada');
    t.ctl.clear();
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(t.api.searchCustomers).not.toHaveBeenCalled();
    expect(t.state()).toEqual(EMPTY_SEARCH);
  });
});

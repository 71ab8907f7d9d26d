import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from './api';
import { FIRST_CHECK_MS, MAX_CHECK_MS, ONLINE, watchConnectivity, type Connectivity } from './connectivity';
import type { CommandError } from './generated/CommandError';
import { deferred, unexpectedApi } from './testing/fakeApi';

const UNREACHABLE: CommandError = {
  code: 'server_unreachable',
  message: "Can't reach the Steward server at http://127.0.0.1:9",
  advice: 'Check your network connection and the server address, then try again.',
};
const ME = { user_id: 'u-1' } as unknown as Awaited<ReturnType<Api['me']>>;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-30T10:00:00Z'));
});
afterEach(() => vi.useRealTimers());

function setup(overrides: Partial<Api>) {
  let state: Connectivity = ONLINE;
  const api = unexpectedApi(overrides);
  const watcher = watchConnectivity(api, { get: () => state, set: (next) => (state = next) });
  return { api, watcher, state: () => state };
}

describe('watchConnectivity (issue 7: the console says when it is offline)', () => {
  it('passes results and rejections through unchanged, and records the last contact', async () => {
    const { watcher, state } = setup({
      me: vi.fn().mockResolvedValueOnce(ME).mockRejectedValueOnce({ code: 'forbidden', message: 'No.' }),
    });
    await expect(watcher.api.me()).resolves.toBe(ME);
    expect(state()).toEqual({ status: 'online', lastContact: new Date('2026-11-30T10:00:00Z') });
    // A refusal is an answer from the server: still online.
    await expect(watcher.api.me()).rejects.toEqual({ code: 'forbidden', message: 'No.' });
    expect(state().status).toBe('online');
  });

  it('goes offline on an unreachable server, keeping when the server last answered', async () => {
    const { watcher, state } = setup({ me: vi.fn().mockResolvedValueOnce(ME).mockRejectedValue(UNREACHABLE) });
    await watcher.api.me();
    vi.setSystemTime(new Date('2026-11-30T10:05:00Z'));
    await expect(watcher.api.me()).rejects.toEqual(UNREACHABLE);
    expect(state()).toEqual({
      status: 'offline',
      since: new Date('2026-11-30T10:05:00Z'),
      lastContact: new Date('2026-11-30T10:00:00Z'),
      checking: false,
    });
  });

  it('answers a read from the offline cache, read-only, and keeps the oldest cached time (issue 9)', async () => {
    const cached = (at: string, value: unknown) => ({ ...UNREACHABLE, cached: { saved_at: at, value } });
    const loadUsage = vi.fn().mockRejectedValueOnce(cached('2026-11-29T08:00:00Z', [{ month: '2026-10' }]));
    const { watcher, state } = setup({
      me: vi.fn().mockRejectedValueOnce(cached('2026-11-29T09:00:00Z', ME)),
      loadUsage,
      loadTeam: vi.fn().mockRejectedValue(UNREACHABLE),
    });
    await expect(watcher.api.me()).resolves.toBe(ME);
    expect(state()).toMatchObject({ status: 'offline', cachedFrom: new Date('2026-11-29T09:00:00Z') });
    await expect(watcher.api.loadUsage('a-1')).resolves.toEqual([{ month: '2026-10' }]);
    expect(state()).toMatchObject({ status: 'offline', cachedFrom: new Date('2026-11-29T08:00:00Z') });
    // Nothing cached: the error as before, and the oldest time stays.
    await expect(watcher.api.loadTeam('a-1')).rejects.toEqual(UNREACHABLE);
    expect(state()).toMatchObject({ status: 'offline', cachedFrom: new Date('2026-11-29T08:00:00Z') });
  });

  it('checks again with a doubling, capped interval until the server answers', async () => {
    const checkConnection = vi.fn().mockRejectedValue(UNREACHABLE);
    const { watcher, state } = setup({ me: vi.fn().mockRejectedValue(UNREACHABLE), checkConnection });
    await expect(watcher.api.me()).rejects.toEqual(UNREACHABLE);

    const waits: number[] = [];
    let last = Date.now();
    for (let i = 0; i < 6; i++) {
      const calls = checkConnection.mock.calls.length;
      while (checkConnection.mock.calls.length === calls) await vi.advanceTimersByTimeAsync(250);
      waits.push(Date.now() - last);
      last = Date.now();
    }
    expect(waits).toEqual([FIRST_CHECK_MS, 4_000, 8_000, 16_000, MAX_CHECK_MS, MAX_CHECK_MS]);
    expect(state().status).toBe('offline');

    checkConnection.mockResolvedValue(undefined);
    await vi.advanceTimersByTimeAsync(MAX_CHECK_MS);
    expect(state().status).toBe('online');
    // Back online: no more checks.
    const calls = checkConnection.mock.calls.length;
    await vi.advanceTimersByTimeAsync(5 * MAX_CHECK_MS);
    expect(checkConnection).toHaveBeenCalledTimes(calls);
  });

  it('"Try again" checks at once, shows the check in flight, and never runs two at a time', async () => {
    const pending = deferred<void>();
    const checkConnection = vi.fn().mockReturnValue(pending.promise);
    const { watcher, state } = setup({ me: vi.fn().mockRejectedValue(UNREACHABLE), checkConnection });
    await expect(watcher.api.me()).rejects.toEqual(UNREACHABLE);

    const first = watcher.checkNow();
    const second = watcher.checkNow();
    expect(checkConnection).toHaveBeenCalledTimes(1);
    expect(state()).toMatchObject({ status: 'offline', checking: true });
    pending.resolve();
    await Promise.all([first, second]);
    expect(state().status).toBe('online');
  });

  it('any command that gets through ends the offline state', async () => {
    const { watcher, state } = setup({
      me: vi.fn().mockRejectedValueOnce(UNREACHABLE).mockResolvedValue(ME),
      checkConnection: vi.fn().mockRejectedValue(UNREACHABLE),
    });
    await expect(watcher.api.me()).rejects.toEqual(UNREACHABLE);
    expect(state().status).toBe('offline');
    await watcher.api.me();
    expect(state().status).toBe('online');
    await vi.advanceTimersByTimeAsync(10 * MAX_CHECK_MS);
  });

  it('local commands say nothing about the server', async () => {
    const { watcher, state } = setup({
      me: vi.fn().mockRejectedValue(UNREACHABLE),
      checkConnection: vi.fn().mockRejectedValue(UNREACHABLE),
      validateProfile: vi.fn().mockResolvedValue([]),
    });
    await expect(watcher.api.me()).rejects.toEqual(UNREACHABLE);
    await watcher.api.validateProfile('personal', {} as never);
    expect(state().status).toBe('offline');
  });

  it('stops checking when the session is over, and reset forgets the offline state', async () => {
    const checkConnection = vi.fn().mockRejectedValue({ code: 'session_expired', message: 'Signed out.' });
    const { watcher, state } = setup({ me: vi.fn().mockRejectedValue(UNREACHABLE), checkConnection });
    await expect(watcher.api.me()).rejects.toEqual(UNREACHABLE);
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MS);
    expect(checkConnection).toHaveBeenCalledTimes(1);
    expect(state()).toEqual(ONLINE);
    await vi.advanceTimersByTimeAsync(10 * MAX_CHECK_MS);
    expect(checkConnection).toHaveBeenCalledTimes(1);

    await expect(watcher.api.me()).rejects.toEqual(UNREACHABLE);
    watcher.reset();
    expect(state()).toEqual(ONLINE);
  });

  it('a server that answers "not ready" keeps the console offline', async () => {
    const checkConnection = vi
      .fn()
      .mockRejectedValueOnce({ code: 'other', message: 'The server answered with an unexpected HTTP 503' })
      .mockResolvedValue(undefined);
    const { watcher, state } = setup({ me: vi.fn().mockRejectedValue(UNREACHABLE), checkConnection });
    await expect(watcher.api.me()).rejects.toEqual(UNREACHABLE);
    await watcher.checkNow();
    expect(state().status).toBe('offline');
    await vi.advanceTimersByTimeAsync(MAX_CHECK_MS);
    expect(state().status).toBe('online');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import { customerSession } from '../testing/fixtures';
import { EXPORT_FILES, exportJob, fakeExports, FILE_BYTES, type FakeExports } from '../testing/exports';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import {
  createExportController,
  EMPTY_EXPORT,
  EXPORT_POLL_MS,
  failedText,
  progressText,
  readyText,
  SAVE_KEY,
  START_KEY,
  type ExportState,
} from './exports';

const ACCOUNT = 'acc-1';
const FILES = EXPORT_FILES.length;
const unreachable: CommandError = { code: 'server_unreachable', message: 'The server cannot be reached.' };

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

function setup(fake: FakeExports = fakeExports(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: ExportState = EMPTY_EXPORT;
  // The real timer, driven by vitest's fake clock.
  const ctl = createExportController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, deps, ctl, fake, state: () => state, job: () => state.job };
}

async function loaded(fake: FakeExports = fakeExports(), overrides: Partial<Api> = {}) {
  const t = setup(fake, overrides);
  await t.ctl.load(ACCOUNT);
  return t;
}

/** Moves the clock on by `checks` poll intervals, letting each answer settle. */
const wait = (checks = 1) => vi.advanceTimersByTimeAsync(checks * EXPORT_POLL_MS);

describe('wording', () => {
  it('words progress, a ready download and a failure', () => {
    expect(progressText(exportJob('e', { done: 3, bytes: 540_000 }), 'en-GB')).toBe(`3 of ${FILES} files · 540 kB so far`);
    expect(progressText(exportJob('e', { total: 1 }), 'en-GB')).toBe('0 of 1 file · 0 bytes so far');
    expect(progressText(exportJob('e', { total: 0 }), 'en-GB')).toBe('Starting… 0 bytes so far');
    const ready = exportJob('e', {
      status: 'ready',
      bytes: 1_440_000,
      finished_at: '2026-03-05T10:01:00Z',
      expires_at: '2026-03-12T10:01:00Z',
    });
    expect(readyText(ready, 'en-GB')).toMatch(/^Ready since .+ · 1\.4 MB · kept until 12 Mar 2026$/);
    expect(failedText(exportJob('e', { status: 'failed', error: 'Disk full.' }))).toBe('Disk full.');
    expect(failedText(exportJob('e', { status: 'failed' }))).toBe('The download could not be prepared.');
  });
});

describe('entering the page', () => {
  it('shows nothing prepared when there is no export', async () => {
    const t = await loaded();
    expect(t.api.listExports).toHaveBeenCalledWith(ACCOUNT);
    expect(t.state()).toMatchObject({ status: 'ready', accountId: ACCOUNT });
    expect(t.job()).toBeUndefined();
  });

  it('shows the latest export, and follows it while it runs', async () => {
    const fake = fakeExports({ jobs: [exportJob('e-2', { done: 2, bytes: 2 * FILE_BYTES }), exportJob('e-1', { status: 'ready' })] });
    const t = await loaded(fake);
    expect(t.job()).toMatchObject({ id: 'e-2', status: 'running', done: 2 });
    await wait();
    expect(t.api.exportStatus).toHaveBeenCalledWith(ACCOUNT, 'e-2');
    expect(t.job()?.done).toBe(3);
    await wait(FILES);
    expect(t.job()).toMatchObject({ status: 'ready', done: FILES });
  });

  it('does not follow a finished export', async () => {
    const t = await loaded(fakeExports({ jobs: [exportJob('e-1', { status: 'ready' })] }));
    await wait(5);
    expect(t.api.exportStatus).not.toHaveBeenCalled();
  });

  it('shows why the exports could not be read', async () => {
    const t = await loaded(fakeExports(), { listExports: vi.fn(() => Promise.reject(unreachable)) });
    expect(t.state()).toMatchObject({ status: 'failed', loadError: unreachable });
  });
});

describe('preparing a download', () => {
  it('starts, checks every second with progress, and stops once ready', async () => {
    const t = await loaded();
    await expect(t.ctl.start()).resolves.toBe(true);
    expect(t.api.startExport).toHaveBeenCalledWith(ACCOUNT);
    expect(t.job()).toMatchObject({ status: 'running', done: 0, total: FILES });
    await vi.advanceTimersByTimeAsync(EXPORT_POLL_MS - 1);
    expect(t.api.exportStatus).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(t.job()).toMatchObject({ done: 1, step: 'README.txt', bytes: FILE_BYTES });
    await wait(3);
    expect(t.job()).toMatchObject({ done: 4, step: 'team.json', bytes: 4 * FILE_BYTES });
    await wait(FILES);
    expect(t.job()).toMatchObject({ status: 'ready', done: FILES, expires_at: '2026-03-12T10:01:00Z' });
    expect(t.api.exportStatus).toHaveBeenCalledTimes(FILES);
    await wait(10);
    expect(t.api.exportStatus).toHaveBeenCalledTimes(FILES);
  });

  it('shows a failed export with its error, and "Try again" starts a new one', async () => {
    const fake = fakeExports();
    fake.failAfter(2);
    const t = await loaded(fake);
    await t.ctl.start();
    await wait(5);
    expect(t.job()).toMatchObject({ status: 'failed', done: 2 });
    expect(failedText(t.job()!)).toBe('The archive could not be written. Nothing was kept; prepare a new one.');
    expect(t.api.exportStatus).toHaveBeenCalledTimes(3);
    await expect(t.ctl.start()).resolves.toBe(true);
    expect(t.job()).toMatchObject({ id: 'export-2', status: 'running' });
  });

  it('does not start a second one while one runs', async () => {
    const t = await loaded();
    await t.ctl.start();
    await expect(t.ctl.start()).resolves.toBe(false);
    expect(t.api.startExport).toHaveBeenCalledTimes(1);
  });

  it('shows why it could not start', async () => {
    const t = await loaded(fakeExports(), { startExport: vi.fn(() => Promise.reject(unreachable)) });
    await expect(t.ctl.start()).resolves.toBe(false);
    expect(t.state().actions.errors[START_KEY]).toEqual(unreachable);
    expect(t.job()).toBeUndefined();
  });

  it('asks for a fresh sign-in when the server wants one, then starts', async () => {
    const fake = fakeExports();
    const start = vi.fn<Api['startExport']>(() => Promise.reject({ code: 'step_up_required', message: 'Sign in again.' }));
    const t = await loaded(fake, { startExport: start, reauthenticate: vi.fn(() => Promise.resolve(customerSession)) });
    const starting = t.ctl.start();
    await vi.waitFor(() => expect(t.state().actions.stepUp).toBeDefined());
    start.mockImplementationOnce(fake.api.startExport);
    await t.ctl.runner.confirmStepUp();
    await expect(starting).resolves.toBe(true);
    expect(t.job()?.status).toBe('running');
  });

  it('stops following when a check fails, and "Check again" resumes it', async () => {
    const fake = fakeExports();
    const status = vi.fn<Api['exportStatus']>(fake.api.exportStatus);
    const t = await loaded(fake, { exportStatus: status });
    await t.ctl.start();
    status.mockRejectedValueOnce(unreachable);
    await wait();
    expect(t.state().checkError).toEqual(unreachable);
    await wait(5);
    expect(status).toHaveBeenCalledTimes(1);
    await t.ctl.checkAgain();
    expect(t.state().checkError).toBeUndefined();
    expect(t.job()?.done).toBe(1);
    await wait();
    expect(t.job()?.done).toBe(2);
  });
});

describe('stopping', () => {
  it('checks no more once the page has gone', async () => {
    const t = await loaded();
    await t.ctl.start();
    await wait(2);
    t.ctl.dispose();
    expect(vi.getTimerCount()).toBe(0);
    await wait(10);
    expect(t.api.exportStatus).toHaveBeenCalledTimes(2);
  });

  it('drops an answer that arrives after the page has gone', async () => {
    const fake = fakeExports();
    const slow = deferred<Awaited<ReturnType<Api['exportStatus']>>>();
    const t = await loaded(fake, { exportStatus: vi.fn(() => slow.promise) });
    await t.ctl.start();
    await wait();
    t.ctl.dispose();
    slow.resolve(exportJob('export-1', { done: 5 }));
    await wait(3);
    expect(t.job()?.done).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('follows the other account’s export, not this one’s, after switching', async () => {
    const fake = fakeExports();
    const other = exportJob('e-other', { done: 1 });
    const list = vi.fn<Api['listExports']>((accountId) =>
      accountId === ACCOUNT ? fake.api.listExports(accountId) : Promise.resolve([other]),
    );
    const status = vi.fn<Api['exportStatus']>((accountId, id) =>
      accountId === ACCOUNT ? fake.api.exportStatus(accountId, id) : Promise.resolve({ ...other, done: 2 }),
    );
    const t = await loaded(fake, { listExports: list, exportStatus: status });
    await t.ctl.start();
    await t.ctl.load('acc-2');
    expect(t.job()).toEqual(other);
    await wait();
    expect(status.mock.calls).toEqual([['acc-2', 'e-other']]);
    expect(t.job()?.done).toBe(2);
  });
});

describe('switching accounts meanwhile', () => {
  const OTHER = 'acc-2';
  type Job = Awaited<ReturnType<Api['startExport']>>;

  it('shows nothing of a start that fails for the previous account', async () => {
    const slow = deferred<Job>();
    const t = await loaded(fakeExports(), { startExport: vi.fn(() => slow.promise) });
    const starting = t.ctl.start();
    expect(t.state().actions.busy).toBe(START_KEY);
    await t.ctl.load(OTHER);
    slow.reject(unreachable);
    await expect(starting).resolves.toBe(false);
    expect(t.state()).toMatchObject({ accountId: OTHER, status: 'ready' });
    expect(t.state().actions).toEqual({ errors: {} });
    expect(t.job()).toBeUndefined();
  });

  it('keeps the new account’s start running when the previous one’s answers', async () => {
    const fake = fakeExports();
    const first = deferred<Job>();
    const second = deferred<Job>();
    const start = vi.fn<Api['startExport']>();
    start.mockImplementationOnce(() => first.promise).mockImplementationOnce(() => second.promise);
    const t = await loaded(fake, { startExport: start });
    const old = t.ctl.start();
    await t.ctl.load(OTHER);
    const mine = t.ctl.start();
    expect(start).toHaveBeenLastCalledWith(OTHER);
    first.reject(unreachable);
    await expect(old).resolves.toBe(false);
    expect(t.state().actions).toEqual({ busy: START_KEY, errors: {} });
    second.resolve(exportJob('e-other'));
    await expect(mine).resolves.toBe(true);
    expect(t.job()?.id).toBe('e-other');
  });

  it('gives up on a step-up the previous account’s start waits for', async () => {
    const t = await loaded(fakeExports(), {
      startExport: vi.fn(() => Promise.reject({ code: 'step_up_required', message: 'Sign in again.' })),
    });
    const starting = t.ctl.start();
    await vi.waitFor(() => expect(t.state().actions.stepUp).toBeDefined());
    await t.ctl.load(OTHER);
    await expect(starting).resolves.toBe(false);
    expect(t.state().actions).toEqual({ errors: {} });
    await t.ctl.runner.confirmStepUp();
    expect(t.api.startExport).toHaveBeenCalledTimes(1);
  });

  it('shows nothing of a save that fails for the previous account', async () => {
    const fake = fakeExports();
    const slow = deferred<string | null>();
    const t = await loaded(fake, { saveExport: vi.fn(() => slow.promise) });
    await t.ctl.start();
    await wait(FILES);
    const saving = t.ctl.save();
    await t.ctl.load(OTHER);
    slow.reject({ code: 'conflict', message: 'This download is not ready.' });
    await expect(saving).resolves.toBe(false);
    expect(t.state().actions).toEqual({ errors: {} });
    expect(t.state().accountId).toBe(OTHER);
  });
});

describe('saving', () => {
  async function ready(fake = fakeExports()) {
    const t = await loaded(fake);
    await t.ctl.start();
    await wait(FILES);
    expect(t.job()?.status).toBe('ready');
    return t;
  }

  it('asks where, then says where it saved', async () => {
    const t = await ready();
    await expect(t.ctl.save()).resolves.toBe(true);
    expect(t.api.saveExport).toHaveBeenCalledWith(ACCOUNT, 'export-1', expect.any(String));
    expect(t.state().savedTo).toBe('/home/ada/Downloads/steward-export-export-1.zip');
    expect(t.state().actions.errors).toEqual({});
  });

  it('does nothing when the dialog is cancelled', async () => {
    const fake = fakeExports();
    const t = await ready(fake);
    fake.dialog(null);
    await expect(t.ctl.save()).resolves.toBe(false);
    expect(t.state().savedTo).toBeUndefined();
    expect(t.state().actions.errors).toEqual({});
  });

  it('shows a download that expired meanwhile, with the error', async () => {
    const fake = fakeExports();
    const t = await ready(fake);
    fake.expire('export-1');
    await expect(t.ctl.save()).resolves.toBe(false);
    expect(t.state().actions.errors[SAVE_KEY]?.code).toBe('conflict');
    expect(t.job()?.status).toBe('expired');
  });

  it('is not offered before the download is ready', async () => {
    const t = await loaded();
    await t.ctl.start();
    await expect(t.ctl.save()).resolves.toBe(false);
    expect(t.api.saveExport).not.toHaveBeenCalled();
  });
});

describe('a kept page, hidden and shown again', () => {
  it('checks no more while hidden, then reads the export again and follows it', async () => {
    const t = await loaded();
    await t.ctl.start();
    await wait(2);
    t.ctl.pause();
    expect(vi.getTimerCount()).toBe(0);
    await wait(5);
    expect(t.api.exportStatus).toHaveBeenCalledTimes(2);

    const again = t.ctl.revalidate(ACCOUNT);
    expect(t.state().status).toBe('ready');
    expect(t.job()).toMatchObject({ status: 'running', done: 2 });
    await again;
    expect(t.api.listExports).toHaveBeenCalledTimes(2);
    await wait();
    expect(t.api.exportStatus).toHaveBeenCalledTimes(3);
    expect(t.job()?.done).toBe(3);
  });

  it('schedules no check for an answer that arrives once hidden', async () => {
    const fake = fakeExports();
    const slow = deferred<Awaited<ReturnType<Api['exportStatus']>>>();
    const t = await loaded(fake, { exportStatus: vi.fn(() => slow.promise) });
    await t.ctl.start();
    await wait();
    t.ctl.pause();
    slow.resolve(exportJob('export-1', { done: 5 }));
    await wait(3);
    expect(t.job()?.done).toBe(5);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('loads afresh for another account', async () => {
    const t = await loaded();
    const again = t.ctl.revalidate('acc-2');
    expect(t.state()).toMatchObject({ accountId: 'acc-2', status: 'loading' });
    await again;
  });
});

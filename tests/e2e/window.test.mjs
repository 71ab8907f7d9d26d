// Issue 9, in the real app: one instance at a time (a second launch hands
// over to the running console and exits), a clean exit on SIGTERM, and the
// window's size kept across launches.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

import { ensureSignedOut, withApp } from './app.mjs';
import { APP_BINARY, SINGLE_INSTANCE_NAME, appPids, busNameOwned, waitForDriver } from './webdriver.mjs';

const TEST_TIMEOUT_MS = 120_000;

/** Launches the app as a person would (same session bus, display and HOME); resolves with its exit code. */
function launchSecond(timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(APP_BINARY, [], { stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the second launch was still running after ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

describe('the desktop window', { concurrency: 1 }, () => {
  before(async () => {
    await waitForDriver();
  });

  it('a second launch hands over to the running console and exits', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('single-instance', async (s) => {
      await ensureSignedOut(s);
      const [first] = appPids();
      assert.ok(first, 'the first console runs');
      assert.ok(busNameOwned(SINGLE_INSTANCE_NAME), 'the running console holds its session-bus name');
      const second = await launchSecond();
      assert.deepEqual(second, { code: 0, signal: null }, 'the second launch exits cleanly');
      assert.deepEqual(appPids(), [first], 'only the first console is left');
      await s.waitFor('start-screen', { what: 'the first console still answers' });
    });
  });

  it('SIGTERM closes the console cleanly, as closing its window does', { timeout: TEST_TIMEOUT_MS }, async () => {
    const child = spawn(APP_BINARY, [], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // Until the window is up, the handler may not be installed yet.
    for (let i = 0; i < 100 && !appPids().includes(child.pid); i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 3000));
    child.kill('SIGTERM');
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('still running 15 s after SIGTERM')), 15_000));
    assert.deepEqual(await Promise.race([exited, timeout]), { code: 0, signal: null }, 'a clean exit, not death by signal');
  });

  it('the window size is kept across launches', { timeout: TEST_TIMEOUT_MS }, async () => {
    const wanted = { width: 1010, height: 690 };
    await withApp('window-size-1', async (s) => {
      await s.waitForAny(['start-screen', 'shell']);
      const rect = await s.call('POST', '/window/rect', wanted);
      assert.deepEqual({ width: rect.width, height: rect.height }, wanted, 'the window took the new size');
      // Saved once the window has been still for half a second; WebDriver
      // then ends the app without a clean exit, as a crash would.
      await new Promise((r) => setTimeout(r, 1500));
    });
    await withApp('window-size-2', async (s) => {
      await s.waitForAny(['start-screen', 'shell']);
      const rect = await s.call('GET', '/window/rect');
      assert.deepEqual({ width: rect.width, height: rect.height }, wanted, 'restored at the next launch');
      // Back to the configured size for the files that follow.
      await s.call('POST', '/window/rect', { width: 1200, height: 800 });
    });
  });
});

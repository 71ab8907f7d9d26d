// Issue 9, in the real app: one instance at a time (a second launch hands
// over to the running console and exits), a clean exit on SIGTERM, and the
// window's size kept across launches.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

import { ensureSignedOut, withApp } from './app.mjs';
import { APP_BINARY, SINGLE_INSTANCE_NAME, appPids, busNameOwned, waitForDriver } from './webdriver.mjs';

const TEST_TIMEOUT_MS = 120_000;
/** Room for one stuck resize per launch (see `resizeAndSettle`). */
const RESIZE_TEST_TIMEOUT_MS = 300_000;
const RESIZE_ANSWER_MS = 15_000;

/**
 * Resizes the window through WebDriver and gives the app time to save its
 * size (it saves once the window has been still for half a second).
 * Now and then under Xvfb WebKitWebDriver never answers a resize (seen
 * with WebKit's GPU and CPU painting alike), and every later call in the
 * session waits behind it, as a screenshot of a page that never repaints
 * does. The app is then ended the way WebDriver would end it, without a
 * clean exit, and the test goes on: the next launch shows whether the size
 * was kept. Resolves with the driver's answer, or undefined without one.
 */
async function resizeAndSettle(s, rect) {
  let answer;
  try {
    answer = await s.call('POST', '/window/rect', rect, RESIZE_ANSWER_MS);
  } catch (e) {
    if (!/no answer within/.test(e.message)) throw e;
    console.error(`[e2e] ${e.message}: WebKitWebDriver is stuck on the resize; ending the app (the next launch shows whether the size was kept)`);
  }
  await new Promise((r) => setTimeout(r, 1500));
  if (answer === undefined) for (const pid of appPids()) process.kill(pid, 'SIGKILL');
  return answer;
}

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

  it('the window size is kept across launches', { timeout: RESIZE_TEST_TIMEOUT_MS }, async () => {
    const wanted = { width: 1010, height: 690 };
    await withApp('window-size-1', async (s) => {
      await s.waitForAny(['start-screen', 'shell']);
      const rect = await resizeAndSettle(s, wanted);
      if (rect) assert.deepEqual({ width: rect.width, height: rect.height }, wanted, 'the window took the new size');
      // WebDriver then ends the app without a clean exit, as a crash would.
    });
    await withApp('window-size-2', async (s) => {
      await s.waitForAny(['start-screen', 'shell']);
      const rect = await s.call('GET', '/window/rect');
      assert.deepEqual({ width: rect.width, height: rect.height }, wanted, 'restored at the next launch');
      // Back to the configured size for the files that follow.
      await resizeAndSettle(s, { width: 1200, height: 800 });
    });
  });
});

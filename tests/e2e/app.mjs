// What every e2e file does with the app: launch it for one scenario,
// leave it signed out, press keys and run a script in the page. Shared by desktop.test.mjs and faults.test.mjs.

import { Session, waitForAppExit } from './webdriver.mjs';

/**
 * Runs `fn(session)` with a fresh app launch; on failure saves a screenshot
 * and the page source named after `label`; always ends the session and waits
 * for the app to exit (so the next launch is a real restart).
 */
export async function withApp(label, fn) {
  const session = await Session.start(label);
  let failed = false;
  try {
    return await fn(session);
  } catch (e) {
    failed = true;
    await session.captureFailure(label);
    throw e;
  } finally {
    await session.delete();
    try {
      await waitForAppExit();
    } catch (e) {
      // Do not mask the original failure.
      if (!failed) throw e;
      console.error(`[e2e] ${e.message}`);
    }
  }
}

/** Leaves the app signed out, whatever state a previous test left. */
export async function ensureSignedOut(s) {
  const seen = await s.waitForAny(['start-screen', 'shell']);
  if (seen === 'shell') {
    await s.click('sign-out');
    await s.waitFor('start-screen', { what: 'after sign-out' });
  }
}

/** Signs in as a demo persona (`customer`, `agent`, `admin`) from wherever the app is. */
export async function signInDemo(s, persona = 'customer') {
  await ensureSignedOut(s);
  await s.click(`try-demo-${persona}`);
  await s.waitFor('shell', { what: `the demo ${persona} signed in` });
}

/** WebDriver's codes for the keys the tests press. */
export const KEY = { CONTROL: '\uE009', ALT: '\uE00A', ENTER: '\uE007', ESCAPE: '\uE00C' };

/** Presses `keys` together (modifiers first), then releases them, as a keyboard would send them. */
export async function chord(s, ...keys) {
  const down = keys.map((value) => ({ type: 'keyDown', value }));
  const up = [...keys].reverse().map((value) => ({ type: 'keyUp', value }));
  await s.call('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: [...down, ...up] }] });
  await s.call('DELETE', '/actions');
}

/** Runs `body` in the page and returns what it returns. */
export const script = (s, body, args = []) => s.call('POST', '/execute/sync', { script: body, args });

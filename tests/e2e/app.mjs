// What every e2e file does with the app: launch it for one scenario, and
// leave it signed out. Shared by desktop.test.mjs and faults.test.mjs.

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

// Desktop end-to-end: drives the real Steward app through tauri-driver.
// Run via tests/e2e/run.sh (Xvfb + private D-Bus + unlocked gnome-keyring +
// scratch HOME + tauri-driver); it sets the variables webdriver.mjs reads.
//
// UI contract (data-testid): start-screen, try-demo-customer, try-demo-agent,
// shell, demo-badge, profile-email, identity-email, sign-out, nav-customers.
//
// Every app launch shares one HOME (and keyring) for the whole file: a new
// WebDriver session is an app restart, so "resume from keyring" is testable.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

import { APP_BINARY, DRIVER_URL, Session, waitForAppExit, waitForDriver } from './webdriver.mjs';

const TEST_TIMEOUT_MS = 240_000;
/** After sign-out + restart, how long the shell must stay away. */
const NOT_RESUMED_GRACE_MS = 2_000;

/**
 * Runs `fn(session)` with a fresh app launch; on failure saves a screenshot
 * and the page source named after `label`; always ends the session and waits
 * for the app to exit (so the next launch is a real restart).
 */
async function withApp(label, fn) {
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
async function ensureSignedOut(s) {
  const seen = await s.waitForAny(['start-screen', 'shell']);
  if (seen === 'shell') {
    await s.click('sign-out');
    await s.waitFor('start-screen', { what: 'after sign-out' });
  }
}

describe('Steward desktop', { concurrency: 1 }, () => {
  before(async () => {
    assert.ok(existsSync(APP_BINARY), `app binary ${APP_BINARY} missing: build it with cargo build -p steward-desktop`);
    await waitForDriver();
    console.log(`[e2e] driver ${DRIVER_URL}, app ${APP_BINARY}`);
  });

  it('demo customer: sign in, resume after restart, sign out, stay signed out', { timeout: TEST_TIMEOUT_MS }, async () => {
    // 1. First launch: fresh HOME, so the start screen.
    await withApp('launch-1-sign-in', async (s) => {
      await s.waitFor('start-screen', { what: 'first launch with a fresh HOME' });
      await s.click('try-demo-customer');
      await s.waitFor('shell', { what: 'after try-demo-customer' });
      await s.waitFor('demo-badge', { visible: false, what: 'demo sessions are badged' });
      const profileEmail = (
        await s.waitFor('profile-email', { predicate: (t) => t.trim() !== '', what: 'non-empty profile email' })
      ).trim();
      const identityEmail = ((await s.textContent('identity-email')) ?? '').trim();
      assert.equal(identityEmail, profileEmail, 'identity-email must show the profile email');
      await s.screenshot('profile.png');
    });

    // 2. Restart with the same HOME: resumed from the keyring, no clicks.
    await withApp('launch-2-resume', async (s) => {
      await s.waitFor('shell', { what: 'restart after sign-in must resume from the keyring without any click' });
      await s.screenshot('resumed.png');
      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'after sign-out' });
    });

    // 3. Restart after sign-out: start screen, and it stays there.
    await withApp('launch-3-signed-out', async (s) => {
      await s.waitFor('start-screen', { what: 'restart after sign-out' });
      const deadline = Date.now() + NOT_RESUMED_GRACE_MS;
      while (Date.now() < deadline) {
        assert.equal(await s.displayed('shell'), false, 'shell appeared after sign-out + restart: the session was resumed');
        await new Promise((r) => setTimeout(r, 200));
      }
      await s.screenshot('signed-out.png');
    });
  });

  it('demo agent: sees the customers navigation', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('agent', async (s) => {
      await ensureSignedOut(s);
      await s.click('try-demo-agent');
      await s.waitFor('shell', { what: 'after try-demo-agent' });
      await s.waitFor('nav-customers', { what: 'agents see the customers navigation' });
      await s.screenshot('agent.png');
      // Leave the shared HOME signed out for whatever runs next.
      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'after sign-out' });
    });
  });
});

// Faults in the real app (issue 7, PR-16): the keyring locked, stopped or
// emptied behind the app's back, and the server going away mid-edit. Each
// must give a clear message and a way forward, and lose nothing typed.
// Run via tests/e2e/run.sh, after desktop.test.mjs (same HOME and keyring).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureSignedOut, withApp } from './app.mjs';
import { TcpProxy } from './proxy.mjs';
import { ApiClient, demoServerUrl } from './second-client.mjs';
import { byTestId, waitForDriver } from './webdriver.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DEMO_CUSTOMER = 'priya.shah@northwind.example';
const DEMO_PASSWORD = 'steward-demo-2013';
const TEST_TIMEOUT_MS = 240_000;

/** Starts, stops, restarts or locks the Secret Service (keyring.sh). */
function keyring(action) {
  return execFileSync(join(HERE, 'keyring.sh'), [action], { encoding: 'utf8' }).trim();
}

/** The console's entries in the keyring (service "steward"): their item paths. */
function stewardEntries() {
  const out = execFileSync('secret-tool', ['search', '--all', 'service', 'steward'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // One "[/path]" line per item on stdout (attributes go to stderr); the
  // secret is printed too, and never leaves this function.
  return [...out.matchAll(/^\[(\/[^\]]*)\]$/gm)].map((m) => m[1]);
}

/**
 * Signs in to "a real server" this test can stop: the demo server runs in
 * the app, and a proxy in front of it is a server like any other.
 * Connecting is the same code path as to any server: the browser sign-in,
 * played here. Returns the running proxy.
 */
async function connectThroughProxy(s) {
  await ensureSignedOut(s);
  await s.click('try-demo-customer');
  await s.waitFor('shell', { what: 'the demo server is up' });
  const demo = new URL(demoServerUrl());
  await s.click('sign-out');
  await s.waitFor('start-screen', { what: 'after sign-out' });

  const proxy = new TcpProxy(Number(demo.port));
  const server = await proxy.start();
  const opened = process.env.STEWARD_E2E_OPENED;
  assert.ok(opened, 'run.sh sets STEWARD_E2E_OPENED');
  const urls = () => (existsSync(opened) ? readFileSync(opened, 'utf8').split('\n').filter(Boolean) : []);
  const seen = urls().length;
  await s.type('connect-url', server);
  await s.click('connect-submit');
  let authorize;
  for (let i = 0; i < 200 && !authorize; i++) {
    if (urls().length > seen) authorize = new URL(urls().at(-1));
    else await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(authorize?.pathname.endsWith('/oauth/authorize'), `the app opened the sign-in page: ${authorize}`);
  const form = new URLSearchParams(authorize.searchParams);
  form.set('username', DEMO_CUSTOMER);
  form.set('password', DEMO_PASSWORD);
  const signedIn = await fetch(new URL('/oauth/authorize', authorize), { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(signedIn.status, 303, await signedIn.text());
  const callback = await fetch(signedIn.headers.get('location'));
  assert.equal(callback.status, 200, 'the app took the code on its loopback address');
  await s.waitFor('shell', { what: `signed in to ${server}` });
  assert.equal(await s.displayed('demo-badge'), false, 'a server connection, not the demo');
  return proxy;
}

/** Every file under `dir` (none if it does not exist). */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

async function attribute(s, testid, name) {
  return s.call('POST', '/execute/sync', {
    script: 'const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;',
    args: [byTestId(testid), name],
  });
}

describe('Steward desktop under faults', { concurrency: 1 }, () => {
  before(async () => {
    await waitForDriver();
    // A keyring left stopped or locked by a failed test would fail the rest.
    if (keyring('locked') === 'true') keyring('restart');
  });

  it('keyring locked, stopped, or emptied behind the app: each says so and offers a way on', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('keyring-sign-in', async (s) => {
      await ensureSignedOut(s);
      await s.click('try-demo-customer');
      await s.waitFor('shell', { what: 'after try-demo-customer' });
    });
    assert.equal(stewardEntries().length, 1, 'the sign-in is in the keyring');

    // 1. Locked: not "signed out". The sign-in stays; unlocking and "Try again" resume it.
    keyring('lock');
    await withApp('keyring-locked', async (s) => {
      const text = await s.waitFor('notice', { what: 'a notice that the keyring is locked' });
      assert.equal(await attribute(s, 'notice', 'data-code'), 'keyring_locked', text);
      assert.match(text, /keyring is locked/i);
      assert.match(text, /Unlock your keyring/);
      assert.equal(await s.displayed('shell'), false);
      await s.screenshot('keyring-locked.png');
      keyring('restart');
      await s.click('notice-retry');
      await s.waitFor('shell', { what: 'after unlocking, "Try again" resumes the saved sign-in without a new one' });
    });
    assert.equal(stewardEntries().length, 1, 'the locked keyring did not cost the sign-in');

    // 2. No Secret Service at all: says what to install or start; starting it and "Try again" resume.
    keyring('stop');
    await withApp('keyring-absent', async (s) => {
      const text = await s.waitFor('notice', { what: 'a notice that no keyring is available' });
      assert.equal(await attribute(s, 'notice', 'data-code'), 'keyring_unavailable', text);
      assert.match(text, /gnome-keyring/);
      keyring('start');
      await s.click('notice-retry');
      await s.waitFor('shell', { what: 'after starting the keyring, "Try again" resumes' });
    });

    // 3. The entry deleted behind the app's back: says so, and signing in again works.
    execFileSync('secret-tool', ['clear', 'service', 'steward']);
    assert.equal(stewardEntries().length, 0);
    await withApp('keyring-entry-deleted', async (s) => {
      const text = await s.waitFor('notice', { what: 'a notice that the saved sign-in is gone' });
      assert.match(text, /no longer in this computer's keyring/);
      assert.match(text, /Sign in again/);
      assert.equal(await s.displayed('notice-retry'), false, 'nothing to retry: the way on is signing in');
      await s.click('try-demo-customer');
      await s.waitFor('shell', { what: 'signing in again' });
      assert.equal(stewardEntries().length, 1, 'the new sign-in is in the keyring');
      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'after sign-out' });
    });
    assert.equal(stewardEntries().length, 0, 'signing out removes the entry');
  });

  describe('the server goes away mid-edit', () => {
    let proxy;
    after(async () => proxy?.stop());

    it('shows that it is offline, keeps what was typed, and saves it once the server is back', { timeout: TEST_TIMEOUT_MS }, async () => {
      await withApp('offline', async (s) => {
        proxy = await connectThroughProxy(s);

        await s.click('nav-profile');
        await s.waitFor('profile-form', { what: 'the profile, loaded' });
        const original = await s.value('field-display_name');
        const typed = `${original} (typed offline)`;
        await s.type('field-display_name', typed);
        assert.equal(await s.displayed('offline-banner'), false);

        // The server goes away; saving fails, and says why.
        await proxy.stop();
        await s.click('profile-save');
        const banner = await s.waitFor('offline-banner', { what: 'the offline banner after a failed save' });
        assert.match(banner, new RegExp(`can't reach 127\\.0\\.0\\.1:${proxy.port}`));
        assert.match(banner, /Anything you type stays here/);
        const error = await s.waitFor('profile-save-error', { what: 'the save says why it failed' });
        assert.match(error, /Can't reach the Steward server/);
        assert.equal(await s.value('field-display_name'), typed, 'what was typed is still there');
        // Other pages say it too, and what was typed survives the visit.
        await s.click('nav-privacy');
        await s.waitFor('offline-banner', { what: 'the banner stays on every page' });
        await s.click('nav-profile');
        await s.waitFor('profile-form', { what: 'the profile form again' });
        assert.equal(await s.value('field-display_name'), typed, 'what was typed survived leaving the page');
        await s.screenshot('offline.png');

        // The server comes back: the console notices by itself, and the save goes through.
        await proxy.start();
        await s.waitGone('offline-banner', 45_000);
        await s.click('profile-save');
        await s.waitFor('profile-status', { predicate: (t) => t.includes('Saved'), what: 'the save once back online' });

        const api = await ApiClient.signIn(demoServerUrl(), DEMO_CUSTOMER, DEMO_PASSWORD);
        const me = await api.request('GET', '/v1/me');
        const profiles = await Promise.all(
          me.body.accounts.map((a) => api.request('GET', `/v1/accounts/${a.account_id}/profile`)),
        );
        assert.ok(
          profiles.some((p) => p.body.profile.display_name === typed),
          'the text typed while offline reached the server',
        );
        // Put it back for whatever runs next.
        const changed = me.body.accounts.find((_, i) => profiles[i].body.profile.display_name === typed);
        const current = profiles.find((p) => p.body.profile.display_name === typed);
        await api.request('PUT', `/v1/accounts/${changed.account_id}/profile`, {
          body: { ...current.body.profile, display_name: original },
          ifMatch: current.etag,
        });

        await s.click('sign-out');
        await s.waitFor('start-screen', { what: 'after sign-out' });
      });
    });
  });

  describe('opened while the server is down (issue 9)', () => {
    let proxy;
    after(async () => proxy?.stop());
    const offlineDir = join(process.env.XDG_DATA_HOME ?? join(process.env.HOME, '.local/share'), 'org.steward.console', 'offline');

    it('shows the last data it saw, read-only, from an encrypted cache that sign-out removes', { timeout: TEST_TIMEOUT_MS }, async () => {
      let displayName;
      await withApp('offline-cache-1', async (s) => {
        proxy = await connectThroughProxy(s);
        await s.click('nav-profile');
        await s.waitFor('profile-form', { what: 'the profile, loaded' });
        displayName = await s.value('field-display_name');
        assert.ok(displayName, 'the profile has a display name');
        await proxy.stop();
      });
      assert.equal(stewardEntries().length, 2, 'the sign-in and the cache key are in the keyring');
      const files = filesUnder(offlineDir);
      assert.ok(files.length >= 2, `the reads were kept: ${files.join(', ')}`);
      for (const file of files) {
        const bytes = readFileSync(file);
        assert.ok(!bytes.includes(displayName) && !bytes.includes(DEMO_CUSTOMER), `${file} is not plain text`);
      }

      await withApp('offline-cache-2', async (s) => {
        await s.waitFor('shell', { what: 'the console opens on what it last saw, not on the start screen' });
        const banner = await s.waitFor('offline-banner', { what: 'the offline banner' });
        assert.match(banner, /from/i, banner);
        await s.click('nav-profile');
        await s.waitFor('profile-form', { what: 'the cached profile' });
        assert.equal(await s.value('field-display_name'), displayName, 'the profile as last seen');
        assert.equal(await attribute(s, 'profile-save', 'aria-disabled'), 'true', 'saving waits for the server');
        await s.screenshot('offline-cache.png');

        await s.click('sign-out');
        await s.waitFor('start-screen', { what: 'after sign-out, even offline' });
      });
      assert.deepEqual(filesUnder(offlineDir), [], 'sign-out removed the cached files');
      assert.equal(stewardEntries().length, 0, 'and the cache key with the sign-in');
    });
  });
});

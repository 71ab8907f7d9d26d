// Issue 9, in the real app: the language is the user's own preference, kept
// by the server (it follows the user across a restart), and the console
// formats for it; the about box names the version, its log files hold no
// secret, and "Copy diagnostics" holds no personal data.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { chord, KEY, script, signInDemo, withApp } from './app.mjs';
import { ApiClient, demoServerUrl } from './second-client.mjs';
import { waitForDriver } from './webdriver.mjs';

const TEST_TIMEOUT_MS = 240_000;
const DEMO_CUSTOMER = 'priya.shah@northwind.example';
const DEMO_PASSWORD = 'steward-demo-2013';
const DEMO_ADMIN = 'ines.duarte@support.steward.example';
// steward_server::demo::DEMO_STAFF_TOTP_SECRET: the demo's staff sign in with two-factor.
const DEMO_STAFF_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** RFC 6238 (SHA-1, 30 s, 6 digits), as an authenticator app computes it. */
function totp(secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Records the Notify calls on the session bus (the desktop's notification service). */
function watchNotifications() {
  const monitor = spawn('dbus-monitor', ['--session', "interface='org.freedesktop.Notifications',member='Notify'"], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let seen = '';
  monitor.stdout.on('data', (chunk) => (seen += chunk));
  return { text: () => seen, stop: () => monitor.kill() };
}
const VERSION = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8'))[1];

/** The secrets the console keeps in the keyring (service "steward"), as printed by secret-tool. */
function keyringSecrets() {
  const out = execFileSync('secret-tool', ['search', '--all', 'service', 'steward'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return [...out.matchAll(/^secret = (.+)$/gm)].map((m) => m[1]);
}

/** Every string of 16 or more characters inside a keyring secret: tokens, keys. */
function secretStrings(secret) {
  const found = [];
  const walk = (v) => {
    if (typeof v === 'string' && v.length >= 16) found.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  try {
    walk(JSON.parse(secret));
  } catch {
    walk(secret);
  }
  return found;
}

describe('language, about box and logs', { concurrency: 1 }, () => {
  before(async () => {
    await waitForDriver();
  });

  it('the language is the user’s own: German follows them across a restart and formats money the German way', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('language-1', async (s) => {
      await signInDemo(s);
      const english = await s.text('sign-out');
      await s.click('language-de');
      await s.waitFor('sign-out', { predicate: (t) => t.trim() !== english.trim(), what: 'the shell in German' });
      assert.equal(await script(s, 'return document.documentElement.lang;'), 'de');
      await s.click('nav-billing');
      await s.waitFor('billing-section', {
        predicate: (t) => /\d,\d{2}\s?[£€]/.test(t) && !/[£€]\d/.test(t),
        what: 'amounts written the German way (99,00 £, not £99.00)',
      });
      await s.screenshot('german.png');
    });

    await withApp('language-2', async (s) => {
      await s.waitFor('shell', { what: 'the session resumed' });
      assert.equal(await script(s, 'return document.documentElement.lang;'), 'de', 'German after a restart');
      // The demo server lives in the app: up again now, it says what it keeps.
      const api = await ApiClient.signIn(demoServerUrl(), DEMO_CUSTOMER, DEMO_PASSWORD);
      assert.equal((await api.request('GET', '/v1/me')).body.language, 'de', 'the server keeps the choice');
      // The server's own words follow the profile language too (its plan text).
      await s.click('nav-billing');
      await s.waitFor('billing-section', {
        predicate: (t) =>
          t.includes('Fünfzig Plätze, 20 TB Speicher') && t.includes('Plätze geändert') && !/Fifty seats|Seats changed/.test(t),
        what: 'the plan and the license history in German',
      });
      await s.click('language-en');
      await s.waitFor('sign-out', { predicate: (t) => /Sign out/.test(t), what: 'back to English' });
      assert.equal(await script(s, 'return document.documentElement.lang;'), 'en');
      await s.click('sign-out');
      await s.waitFor('start-screen');
    });
  });

  it('a new policy notice raises a desktop notification while the console runs', { timeout: TEST_TIMEOUT_MS }, async () => {
    const notifications = watchNotifications();
    try {
      await withApp('notification', async (s) => {
        await signInDemo(s);
        // Let the console take its first look (what is there counts as seen).
        await new Promise((r) => setTimeout(r, 4_000));
        assert.doesNotMatch(notifications.text(), /New privacy policy notice/, 'nothing new yet');

        const admin = await ApiClient.signIn(demoServerUrl(), DEMO_ADMIN, DEMO_PASSWORD, totp(DEMO_STAFF_TOTP_SECRET));
        const version = `e2e-notice-${Date.now()}`;
        const published = await admin.request('POST', '/v1/staff/policy-versions', {
          body: {
            version,
            title: 'A partner joins',
            summary: 'We add one service partner.',
            concerns: 'personal_information',
            opt_outs: ['stop_partner_sharing'],
            effective_at: new Date(Date.now() + 31 * 86_400_000).toISOString(),
          },
        });
        assert.equal(published.status, 201, JSON.stringify(published.body));

        const deadline = Date.now() + 30_000;
        while (!/A partner joins/.test(notifications.text()) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 250));
        }
        const seen = notifications.text();
        assert.match(seen, /New privacy policy notice/, 'the notification names what arrived');
        assert.match(seen, /A partner joins/);
        await s.click('sign-out');
        await s.waitFor('start-screen');
      });
    } finally {
      notifications.stop();
    }
  });

  it('the about box names the version; logs and diagnostics hold no secret and no personal data', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('about', async (s) => {
      await signInDemo(s);
      const secrets = keyringSecrets().flatMap(secretStrings);
      assert.ok(secrets.length > 0, 'the sign-in is in the keyring');

      await s.click('about-open');
      const about = await s.waitFor('about', { predicate: (t) => t.includes(VERSION), what: 'the about box with the version' });
      assert.match(about, new RegExp(`Version ${VERSION.replace(/\./g, '\\.')}`));
      const logDir = (await s.text('about-log-dir')).trim();
      const report = await s.waitFor('diagnostics-text', { predicate: (t) => t.includes('Recent errors') });
      assert.match(report, new RegExp(`^Steward ${VERSION.replace(/\./g, '\\.')}`, 'm'));
      assert.match(report, /Server embedded demo server/);
      assert.match(report, /Connection answers/);
      assert.ok(!report.includes(DEMO_CUSTOMER) && !report.includes('Priya'), report);
      await s.screenshot('about.png');
      await chord(s, KEY.ESCAPE);
      await s.waitGone('about');

      assert.ok(existsSync(join(logDir, 'steward.log')), `a log file in ${logDir}`);
      const logs = readdirSync(logDir)
        .filter((f) => f.endsWith('.log'))
        .map((f) => readFileSync(join(logDir, f), 'utf8'))
        .join('\n');
      assert.match(logs, /INFO/, 'the console logs to its file');
      for (const secret of [...secrets, DEMO_PASSWORD]) {
        assert.ok(!logs.includes(secret), `a secret (${secret.length} characters) is in the log`);
      }
      assert.ok(!/Bearer\s+\S/.test(logs), 'no bearer token in the log');

      await s.click('sign-out');
      await s.waitFor('start-screen');
    });
  });
});

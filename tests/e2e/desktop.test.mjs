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
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ApiClient, demoServerUrl } from './second-client.mjs';
import { ensureSignedOut, withApp } from './app.mjs';
import { APP_BINARY, DRIVER_URL, waitForDriver } from './webdriver.mjs';

const DEMO_CUSTOMER = 'priya.shah@northwind.example';
const DEMO_PASSWORD = 'steward-demo-2013';

const TEST_TIMEOUT_MS = 240_000;
/** After sign-out + restart, how long the shell must stay away. */
const NOT_RESUMED_GRACE_MS = 2_000;

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
      await s.screenshot('start.png');
      await s.click('try-demo-customer');
      await s.waitFor('shell', { what: 'after try-demo-customer' });
      await s.waitFor('demo-badge', { visible: false, what: 'demo sessions are badged' });
      const profileEmail = (
        await s.waitFor('profile-email', { predicate: (t) => t.trim() !== '', what: 'non-empty profile email' })
      ).trim();
      const identityEmail = ((await s.textContent('identity-email')) ?? '').trim();
      assert.equal(identityEmail, profileEmail, 'identity-email must show the profile email');
      await s.screenshot('profile.png');

      // Issue 7: tokens never reach the page's storage.
      const stored = await s.call('POST', '/execute/sync', {
        script: 'return JSON.stringify({ l: { ...localStorage }, s: { ...sessionStorage }, c: document.cookie });',
        args: [],
      });
      assert.ok(!/stw_(at|rt|ac)_/.test(stored), `no token in web storage: ${stored}`);
      // The CSP stops injected inline script and inline handlers.
      await s.call('POST', '/execute/sync', {
        script: `const sc = document.createElement('script'); sc.textContent = 'window.__injected = 1'; document.body.appendChild(sc);
          document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__handler = 1" onload="window.__handler = 1">');`,
        args: [],
      });
      await new Promise((r) => setTimeout(r, 300));
      const ran = await s.call('POST', '/execute/sync', {
        script: 'return [window.__injected === 1, window.__handler === 1];',
        args: [],
      });
      assert.deepEqual(ran, [false, false], 'injected inline script and handlers must not run');
      // A command outside the capability is refused by Tauri.
      const refused = await s.call('POST', '/execute/async', {
        script: `const done = arguments[arguments.length - 1];
          window.__TAURI_INTERNALS__.invoke('plugin:dialog|open', {}).then(() => done('allowed'), (e) => done('refused: ' + e));`,
        args: [],
      });
      assert.match(String(refused), /^refused: .*not allowed/i, String(refused));
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
      await s.click('nav-customers');
      await s.type('customers-section"] [data-testid="customer-search', 'north');
      await s.waitFor('customer-hit', { predicate: (t) => t.includes('Northwind'), what: 'search results, masked' });
      await s.screenshot('agent.png');
      // Leave the shared HOME signed out for whatever runs next.
      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'after sign-out' });
    });
  });

  // PR-10, PR-11, PR-17: the staff workspace end to end, then the customer's view of it.
  it('demo agent: finds a customer, verifies the caller, reveals with a reason, changes a preference for them; the customer sees it', { timeout: TEST_TIMEOUT_MS }, async () => {
    const reason = 'Caller asked us to confirm the number on file';
    await withApp('staff-workspace', async (s) => {
      await ensureSignedOut(s);
      await s.click('try-demo-agent');
      await s.waitFor('shell', { what: 'after try-demo-agent' });
      await s.click('nav-customers');
      // The palette has a search box too; this is the section's.
      await s.type('customers-section"] [data-testid="customer-search', 'northwind');
      await s.waitFor('customer-hit', { predicate: (t) => t.includes('Northwind'), what: 'Northwind in the results' });
      const hits = await s.textContent('customers-section');
      assert.ok(!hits.includes('priya.shah@northwind.example'), 'results are masked');
      await s.click('customer-hit');
      await s.waitFor('customer-view', { what: 'the customer view' });

      // Verify the caller with Priya's support PIN (PR-10).
      const pick = (testid, text) =>
        s.call('POST', '/execute/sync', {
          script: `const el = document.querySelector('[data-testid="${testid}"]');
            const opt = [...el.options].find((o) => o.textContent.includes(arguments[0]));
            el.value = opt.value; el.dispatchEvent(new Event('change', { bubbles: true }));`,
          args: [text],
        });
      await pick('caller-member', 'Priya');
      await s.click('caller-method-support_pin');
      await s.type('caller-answer', '402719');
      await s.click('caller-check-submit');
      await s.waitFor('caller-result', { predicate: (t) => /pass|verified/i.test(t), what: 'the caller check passed' });

      // Reveal the phone number with a reason (PR-11, PR-17).
      await s.click('reveal-phone');
      await s.type('reveal-reason', reason);
      await s.click('reveal-submit');
      await s.waitFor('revealed-note-phone', { what: 'the revealed phone number' });

      // Act on the customer's behalf and change one preference.
      await s.type('act-reason', 'Caller asked to stop usage trend notices in the app');
      await s.click('act-start');
      await s.waitFor('acting-banner', { predicate: (t) => t.includes('Northwind'), what: 'the acting banner' });
      await pick('staff-comms-member', 'Priya');
      const cell = 'staff-comm-cell"][data-purpose="usage_trends"][data-channel="in_app';
      await s.waitFor(cell, { visible: false, what: 'the preferences table' });
      await s.click(cell);
      await s.screenshot('staff-customer.png');

      const api = await ApiClient.signIn(demoServerUrl(), DEMO_CUSTOMER, DEMO_PASSWORD);
      let receipt;
      for (let i = 0; i < 50 && !receipt; i++) {
        const receipts = await api.request('GET', '/v1/me/consent-receipts');
        receipt = receipts.body.items.find((r) => r.source === 'staff');
        if (!receipt) await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(receipt, 'the change on the customer\'s behalf left a staff receipt');
      assert.equal(receipt.reason, 'Caller asked to stop usage trend notices in the app');

      await s.click('stop-acting');
      await s.waitGone('acting-banner');
      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'after sign-out' });
    });

    // The customer sees who accessed the account and why (PR-17).
    await withApp('staff-access', async (s) => {
      await ensureSignedOut(s);
      await s.click('try-demo-customer');
      await s.waitFor('shell', { what: 'after try-demo-customer' });
      await s.click('nav-privacy');
      await s.waitFor('staff-access-card', { predicate: (t) => t.includes(reason), what: 'the reveal on the staff-access page' });
      const card = await s.textContent('staff-access-card');
      assert.ok(card.includes('Morgan (Support)'), 'the agent appears under their pseudonym');
      await s.call('POST', '/execute/sync', {
        script: 'document.querySelector(\'[data-testid="staff-access-card"]\').scrollIntoView({ block: "start" });',
        args: [],
      });
      await s.screenshot('staff-access.png');
      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'after sign-out' });
    });
  });

  // PR-1: edit the profile, lose a race to another device, merge per field.
  // Issue 6: administrators add staff (who choose their own password) and
  // service partners (PR-6, PR-7: announced by a policy version, receiving
  // nothing before it takes effect).
  it('demo admin: adds a staff member and a service partner announced by a policy notice', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('admin', async (s) => {
      await ensureSignedOut(s);
      await s.click('try-demo-admin');
      await s.waitFor('shell', { what: 'after try-demo-admin' });
      const pick = (testid, text) =>
        s.call('POST', '/execute/sync', {
          script: `const el = document.querySelector('[data-testid="${testid}"]');
            const opt = [...el.options].find((o) => o.textContent.includes(arguments[0]));
            el.value = opt.value; el.dispatchEvent(new Event('change', { bubbles: true }));`,
          args: [text],
        });
      const attr = (testid, name) =>
        s.call('POST', '/execute/sync', {
          script: 'const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;',
          args: [`[data-testid="${testid}"]`, name],
        });

      await s.click('nav-staff');
      await s.type('add-member-email', 'sam.okafor@steward.example');
      await s.type('add-member-name', 'Sam Okafor');
      await s.type('add-member-pseudonym', 'Sam (Support)');
      await s.click('add-member-submit');
      const done = await s.waitFor('add-member-done', { predicate: (t) => t.includes('s***@steward.example'), what: 'where the link went' });
      assert.ok(/two-factor/i.test(done), done);

      await s.click('nav-partners');
      await s.waitFor('partner-item"][data-partner-id="edgecache-networks', { what: 'the partner the demo notice announces' });
      assert.equal(await attr('partner-item"][data-partner-id="edgecache-networks', 'data-status'), 'upcoming');
      await s.type('partner-add-id', 'acme-analytics');
      await pick('partner-add-announced-in', 'privacy-policy-2026');
      await s.type('partner-add-name', 'Acme Analytics');
      await s.type('partner-add-purpose', 'Audience statistics for your usage reports.');
      await s.type('partner-add-privacy-url', 'https://acme-analytics.example/privacy');
      await s.type('partner-add-category-0', 'usage records');
      await s.type('partner-add-curtails', 'Usage reports show no audience breakdowns.');
      await s.click('partner-add-submit');
      await s.waitFor('partner-added', { what: 'the partner added' });
      await s.waitFor('partner-item"][data-partner-id="acme-analytics', { what: 'the new partner in the list' });
      assert.equal(await attr('partner-item"][data-partner-id="acme-analytics', 'data-status'), 'upcoming');
      await s.call('POST', '/execute/sync', {
        script: "document.querySelector('[data-testid=\"partners-section\"]').scrollIntoView()",
        args: [],
      });
      await s.screenshot('admin-partners.png');
      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'after sign-out' });
    });
  });

  it('demo customer: a profile conflict made by a second client is merged, nothing lost', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('profile-conflict', async (s) => {
      await ensureSignedOut(s);
      await s.click('try-demo-customer');
      await s.waitFor('shell', { what: 'after try-demo-customer' });
      await s.click('nav-profile');
      await s.waitFor('profile-form', { what: 'the profile form of the first account (the company)' });
      await s.waitFor('verification-banner', { what: 'the demo has a pending verification request (PR-8)' });
      const original = await s.value('field-display_name');
      assert.ok(original, 'the display name is loaded');

      // Type a change (validated as you type), but do not save yet.
      const mine = `${original} (console)`;
      await s.type('field-display_name', mine);
      await s.type('field-phone', 'not a number');
      await s.waitFor('field-error-phone', { what: 'the shared validation flags the phone as you type' });
      await s.type('field-phone', '+44 161 496 0000');
      await s.waitGone('field-error-phone');

      // Meanwhile another device of the same user saves a change.
      const api = await ApiClient.signIn(demoServerUrl(), DEMO_CUSTOMER, DEMO_PASSWORD);
      const me = await api.request('GET', '/v1/me');
      const company = me.body.accounts.find((a) => a.kind === 'company');
      const loaded = await api.request('GET', `/v1/accounts/${company.account_id}/profile`);
      const theirs = { ...loaded.body.profile, display_name: `${original} (phone app)`, fax: '+44 161 496 0999' };
      const put = await api.request('PUT', `/v1/accounts/${company.account_id}/profile`, { body: theirs, ifMatch: loaded.etag });
      assert.equal(put.status, 200, JSON.stringify(put.body));

      // Save in the console: a conflict, shown side by side.
      await s.click('profile-save');
      await s.waitFor('conflict-panel', { what: 'the conflict panel after a stale save' });
      await s.waitFor('conflict-row-display_name', { what: 'both changed the display name' });
      await s.screenshot('profile-conflict.png');
      await s.click('conflict-mine-display_name');
      await s.click('conflict-save');
      await s.waitFor('profile-status', { predicate: (t) => t.includes('Saved'), what: 'the merged save succeeds' });
      assert.equal(await s.value('field-display_name'), mine, 'my choice kept');
      assert.equal(await s.value('field-fax'), '+441614960999', "their other change kept");

      const after = await api.request('GET', `/v1/accounts/${company.account_id}/profile`);
      assert.equal(after.body.profile.display_name, mine);
      assert.equal(after.body.profile.fax, '+441614960999', 'nothing the other device saved is lost');
      const history = await api.request('GET', `/v1/accounts/${company.account_id}/profile/history`);
      assert.ok(history.body.some((h) => h.field === 'display_name' && h.new_value === mine), 'the history shows the change');
      await s.screenshot('profile-merged.png');

      // The other sections of issue 3 render from the same session (README screenshots).
      await s.click('nav-security');
      await s.waitFor('sessions-list', { what: 'the security section lists sessions (PR-13)' });
      await s.waitFor('activity-list', { what: 'and recent activity' });
      await s.screenshot('security.png');
      await s.click('nav-team');
      await s.waitFor('member-row', { what: 'the team section lists members (PR-12)' });
      await s.screenshot('team.png');

      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'after sign-out' });
    });
  });

  // PR-2, PR-3: change plan after a proration preview; the invoice it raises
  // is listed; the invoice list is exported as CSV and the new invoice
  // downloaded as a PDF.
  it('demo customer: plan change with a preview, then the invoices as CSV and PDF', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('billing', async (s) => {
      await ensureSignedOut(s);
      await s.click('try-demo-customer');
      await s.waitFor('shell', { what: 'after try-demo-customer' });
      await s.click('nav-billing');
      await s.waitFor('plan-name', { predicate: (t) => t.trim() !== '', what: 'the current plan' });
      const before = (await s.text('plan-name')).trim();
      await s.waitFor('invoice-row', { what: 'the demo has years of invoices' });
      const rowsBefore = (await s.findAll('invoice-row')).length;
      await s.waitFor('usage-chart', { what: 'the usage chart' });

      await s.click('plan-change-open');
      await s.click('plan-option-enterprise-monthly');
      const total = await s.waitFor('proration-total', { predicate: (t) => /\d/.test(t), what: 'the proration preview total' });
      await s.screenshot('billing-preview.png');
      await s.click('plan-change-confirm');
      await s.waitFor('plan-name', { predicate: (t) => t.includes('Enterprise'), what: `the plan changed from ${before}` });
      // The change raised one invoice for the previewed amount, listed first.
      const amount = total.replace(/[^0-9.,]/g, '');
      await s.waitFor('invoice-row', {
        predicate: (t) => t.includes(amount),
        what: `the newest invoice shows the previewed total ${amount}`,
      });
      assert.ok((await s.findAll('invoice-row')).length >= Math.min(rowsBefore, 50), 'the list is still there');

      await s.click('invoices-export');
      const saved = await s.waitFor('invoices-export-status', { predicate: (t) => t.includes('Saved to'), what: 'the CSV is saved' });
      const file = saved.slice(saved.indexOf('Saved to') + 'Saved to'.length).trim().replace(/[.]$/, '');
      const csv = readFileSync(file, 'utf8');
      assert.ok(csv.startsWith('number,issued,due,status,currency,total'), csv.slice(0, 80));
      assert.ok(csv.split('\r\n').length > 30, 'every invoice, not just one page');
      await s.screenshot('billing.png');

      // The newest invoice (raised by the change) as a PDF, read back by a
      // real PDF text extractor.
      await s.click('invoice-open');
      const view = await s.waitFor('invoice-view', { predicate: (t) => /INV-[0-9A-F]{8}-\d{5}/.test(t), what: 'the invoice view' });
      const number = view.match(/INV-[0-9A-F]{8}-\d{5}/)[0];
      await s.click('invoice-pdf');
      await s.waitFor('invoice-pdf-status', { predicate: (t) => t.includes('Saved to'), what: 'the PDF is saved' });
      const pdfPath = (await s.text('invoice-pdf-path')).trim();
      const pdf = readFileSync(pdfPath);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', `a PDF at ${pdfPath}`);
      const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
      assert.ok(text.includes(number), `the PDF names ${number}:\n${text}`);
      assert.ok(text.includes(amount), `the PDF shows the total ${amount}:\n${text}`);
      await s.screenshot('billing-invoice.png');

      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'after sign-out' });
    });
  });

  // PR-2: "Add a card" opens the payment vault's single-use page in the
  // system browser; the person types the card there (here this test does,
  // over HTTP, as their browser would); the console notices by itself. The
  // page's address never reaches the web view.
  it('demo customer: adds a card on the payment vault page', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('card', async (s) => {
      await ensureSignedOut(s);
      await s.click('try-demo-customer');
      await s.waitFor('shell', { what: 'after try-demo-customer' });
      await s.click('nav-billing');
      await s.waitFor('payment-method-row', { what: 'the stored cards' });
      const opened = process.env.STEWARD_E2E_OPENED;
      assert.ok(opened, 'run.sh sets STEWARD_E2E_OPENED');
      const urls = () => (existsSync(opened) ? readFileSync(opened, 'utf8').split('\n').filter(Boolean) : []);
      const before = urls().length;

      await s.click('card-add');
      await s.waitFor('card-entry', { predicate: (t) => t.includes('browser'), what: 'the console waits for the card page' });
      let url;
      for (let i = 0; i < 100 && !url; i++) {
        if (urls().length > before) url = urls().at(-1);
        else await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(url && /\/vault\/cards\/stw_ce_/.test(url), `the app opened the vault's page in the browser: ${url}`);
      const html = await s.call('POST', '/execute/sync', { script: 'return document.documentElement.outerHTML;', args: [] });
      assert.ok(!html.includes('stw_ce_'), "the page's secret address never reaches the web view");

      const page = await fetch(url);
      assert.equal(page.status, 200);
      assert.ok((await page.text()).includes('autocomplete="cc-number"'), 'the card form');
      const card = new URLSearchParams({
        number: '4000 0566 5566 5556', exp_month: '09', exp_year: '2031', cvc: '737',
        country: 'GB', line1: '1 Long Lane', locality: 'London', postal_code: 'EC1A 1BB',
      });
      const added = await fetch(url, { method: 'POST', body: card });
      assert.equal(added.status, 201, await added.text());

      await s.waitFor('card-entry-added', { predicate: (t) => t.includes('5556'), what: 'the console saw the card arrive' });
      const list = await s.textContent('payment-methods');
      assert.ok(list.includes('5556') && list.includes('1 Long Lane'), `the new card and its billing address are listed: ${list}`);
      assert.ok(!list.includes('4000056655665556') && !list.includes('4000 0566'), 'never the number');
      await s.screenshot('billing-card-added.png');

      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'after sign-out' });
    });
  });

  // PR-4, PR-5: the purpose x channel matrix; promotional e-mail needs the
  // recipient's confirmation (done here from the mailed link, as the person
  // would); "unsubscribe from all promotional"; every step leaves a receipt.
  it('demo customer: communication preferences with double opt-in and receipts', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('communications', async (s) => {
      await ensureSignedOut(s);
      await s.click('try-demo-customer');
      await s.waitFor('shell', { what: 'after try-demo-customer' });
      await s.click('nav-communications');
      await s.waitFor('comm-matrix', { what: 'the preference matrix' });
      const cell = (purpose, channel) => `comm-cell"][data-purpose="${purpose}"][data-channel="${channel}`;
      const stateOf = (purpose, channel) =>
        s.call('POST', '/execute/sync', {
          script: 'const e = document.querySelector(arguments[0]); return e ? e.getAttribute("data-state") : null;',
          args: [`[data-testid="${cell(purpose, channel)}"]`],
        });
      const until = async (what, check) => {
        for (let i = 0; i < 100; i++) {
          if (await check()) return;
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.fail(`timed out waiting until ${what}`);
      };
      assert.equal(await stateOf('newsletters', 'email'), 'on', 'the demo subscribed and confirmed');
      await s.waitFor('receipt-row', { what: 'the demo history of receipts' });

      await s.click(cell('product_testing', 'email'));
      await until('product testing by e-mail is pending', async () => (await stateOf('product_testing', 'email')) === 'pending');
      await s.waitFor('comm-pending', { what: 'the console says to check the mail' });

      // The person opens the confirmation link from their mail.
      const api = await ApiClient.signIn(demoServerUrl(), DEMO_CUSTOMER, DEMO_PASSWORD);
      const mail = await api.request('GET', '/v1/me/outbox');
      const link = mail.body
        .map((m) => m.body.match(/https?:\/\/\S+\/communications\/confirm\/\S+/))
        .find(Boolean)?.[0];
      assert.ok(link, 'a confirmation link was mailed');
      const confirmed = await fetch(link, { method: 'POST' });
      assert.equal(confirmed.status, 200, await confirmed.text());

      await s.click('comm-refresh');
      await until('the console shows the confirmed subscription', async () => (await stateOf('product_testing', 'email')) === 'on');
      await s.waitFor('receipt-row', {
        predicate: (t) => /confirm/i.test(t),
        what: 'a receipt for the confirmation',
      });

      await s.click('comm-unsubscribe-all');
      await s.click('comm-unsubscribe-all-confirm');
      await s.waitFor('comm-status', { predicate: (t) => t.trim() !== '', what: 'unsubscribe-all reports' });
      await until('every promotional cell is off', async () =>
        (await stateOf('newsletters', 'email')) === 'off' && (await stateOf('product_testing', 'email')) === 'off');
      const after = await api.request('GET', '/v1/me/consent-receipts');
      assert.ok(after.body.items.some((r) => r.source === 'unsubscribe_all'), 'receipts record how');
      await s.screenshot('communications.png');

      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'after sign-out' });
    });
  });

  // PR-6, PR-14: partners with what they receive, an optional partner turned
  // off after being told what stops, the ledger of exports, and cookies.
  it('demo customer: partner sharing, the ledger and cookie consent', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('privacy', async (s) => {
      await ensureSignedOut(s);
      await s.click('try-demo-customer');
      await s.waitFor('shell', { what: 'after try-demo-customer' });
      await s.click('nav-privacy');
      await s.waitFor('partner-row', { what: 'the partners' });
      await s.waitFor('ledger-row', { what: 'the demo ledger of exports' });
      const attr = (testid, name) =>
        s.call('POST', '/execute/sync', {
          script: 'const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;',
          args: [`[data-testid="${testid}"]`, name],
        });
      const until = async (what, check) => {
        for (let i = 0; i < 100; i++) {
          if (await check()) return;
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.fail(`timed out waiting until ${what}`);
      };
      const row = (id) => `partner-row"][data-partner-id="${id}`;
      assert.equal(await attr(row('tally-insights'), 'data-shared'), 'false', 'the demo turned statistics off');
      assert.equal(await attr(row('postbox-mailing'), 'data-shared'), 'true');

      await s.click(`partner-toggle"][data-partner-id="postbox-mailing`);
      await s.waitFor('partner-curtail', { predicate: (t) => t.trim() !== '', what: 'what turning it off curtails (PR-20)' });
      await s.click('partner-off-confirm');
      await until('the mailing partner is off', async () => (await attr(row('postbox-mailing'), 'data-shared')) === 'false');

      const api = await ApiClient.signIn(demoServerUrl(), DEMO_CUSTOMER, DEMO_PASSWORD);
      const me = await api.request('GET', '/v1/me');
      const company = me.body.accounts.find((a) => a.kind === 'company');
      const sharing = await api.request('GET', `/v1/accounts/${company.account_id}/sharing`);
      assert.deepEqual([...sharing.body.opted_out].sort(), ['postbox-mailing', 'tally-insights'], 'both choices kept');

      await s.click(`cookie-toggle"][data-kind="analytics`);
      await until('analytics cookies are accepted', async () => (await attr(`cookie-row"][data-kind="analytics`, 'data-on')) === 'true');
      const cookies = await api.request('GET', '/v1/me/cookies');
      assert.equal(cookies.body.analytics, true, 'what the web properties will read');
      await s.screenshot('privacy-cookies.png');
      await s.call('POST', '/execute/sync', {
        script: 'document.querySelector(\'[data-testid="sharing-card"]\').scrollIntoView({ block: "start" });',
        args: [],
      });
      await s.screenshot('privacy.png');

      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'after sign-out' });
    });
  });

  it('demo customer: a policy notice with an opt-out and an acknowledgement, then the data export saved', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('notices-export', async (s) => {
      await ensureSignedOut(s);
      await s.click('try-demo-customer');
      await s.waitFor('shell', { what: 'after try-demo-customer' });
      await s.waitFor('nav-notices-unread', { predicate: (t) => t.includes('1'), what: 'the demo notice, unread (PR-7)' });
      await s.click('nav-notices');
      await s.waitFor('notice', { what: 'the demo notice' });
      await s.click('notice-toggle');
      await s.waitFor('notice-acknowledge', { what: 'the open notice' });

      // An opt-out offered by the notice says first what it curtails (PR-20).
      await s.click('notice-opt-out"][data-action="refuse_optional_cookies');
      await s.waitFor('notice-opt-out-curtail', { predicate: (t) => t.trim() !== '', what: 'what refusing cookies curtails' });
      await s.click('notice-opt-out-confirm');
      await s.waitFor('notice-opt-out-done', { what: 'cookies refused from the notice' });
      await s.click('notice-acknowledge');
      await s.waitFor('notice-acknowledged', { what: 'the acknowledgement' });
      await s.screenshot('notices.png');

      const api = await ApiClient.signIn(demoServerUrl(), DEMO_CUSTOMER, DEMO_PASSWORD);
      const inbox = await api.request('GET', '/v1/me/notices');
      assert.equal(inbox.body.unread, 0);
      assert.ok(inbox.body.notices[0].acknowledged_at, 'acknowledged on the server');
      const cookies = await api.request('GET', '/v1/me/cookies');
      assert.equal(cookies.body.analytics, false, 'the opt-out reached the server');
      const receipts = await api.request('GET', '/v1/me/consent-receipts');
      assert.ok(
        receipts.body.items.some((r) => r.subject === 'policy/privacy-policy-2026' && r.new_state === 'acknowledged'),
        'the acknowledgement left a receipt',
      );

      // Download my data (PR-15): progress, then saved where the dialog says.
      await s.click('nav-privacy');
      await s.click('export-start');
      await s.waitFor('export-ready', { timeoutMs: 120_000, what: 'the export written' });
      await s.click('export-save');
      await s.waitFor('export-saved', { what: 'the archive saved' });
      const dir = process.env.STEWARD_SAVE_DIALOG_DIR;
      assert.ok(dir, 'run.sh sets STEWARD_SAVE_DIALOG_DIR');
      const files = readdirSync(dir).filter((f) => f.endsWith('.zip'));
      assert.equal(files.length, 1, `one archive in ${dir}: ${files}`);
      const names = execFileSync(
        'python3',
        ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))', join(dir, files[0])],
        { encoding: 'utf8' },
      ).split('\n');
      for (const want of ['README.txt', 'manifest.json', 'account/invoices.json', 'you/consent-receipts.json', 'you/notices.json']) {
        assert.ok(names.includes(want), `${want} in the archive: ${names.join(', ')}`);
      }
      await s.call('POST', '/execute/sync', {
        script: 'document.querySelector(\'[data-testid="export-card"]\').scrollIntoView({ block: "start" });',
        args: [],
      });
      await s.screenshot('privacy-export.png');

      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'after sign-out' });
    });
  });
});

// Issue 8, in the real app: visited sections are kept built while another is
// shown (building and dropping a section on every visit is what grew
// WebKit's memory). What was being written survives a visit elsewhere, a
// section shown again reads its data again (a change made on another device
// shows), the page still holds one section at a time, Security forgets
// a typed password once left, and a status line ("Saved") does not outlive
// its visit.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';

import { script, signInDemo, withApp } from './app.mjs';
import { ApiClient, demoServerUrl } from './second-client.mjs';
import { waitForDriver } from './webdriver.mjs';

const TEST_TIMEOUT_MS = 240_000;
const DEMO_CUSTOMER = 'priya.shah@northwind.example';
const DEMO_PASSWORD = 'steward-demo-2013';

/** What the page holds: how many section headings, and which sections' roots. */
const pageHolds = (s) =>
  script(
    s,
    `return {
      titles: document.querySelectorAll('#section-title').length,
      profile: document.querySelectorAll('[data-testid="section-profile"]').length,
      support: document.querySelectorAll('[data-testid="support-section"]').length,
    };`,
  );

describe('sections kept while away', { concurrency: 1 }, () => {
  before(async () => {
    await waitForDriver();
  });

  it('keeps what was being written, shows what changed elsewhere, holds one section at a time, and forgets a typed password and an old status line', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('kept-sections', async (s) => {
      await signInDemo(s);
      await s.click('nav-profile');
      const original = await s.value('field-display_name');
      assert.ok(original, 'the display name is loaded');

      // A support request half written (PR-10), then a visit elsewhere.
      await s.click('nav-support');
      await s.click('ticket-new');
      await s.type('ticket-subject', 'Written before a visit to Profile');
      assert.deepEqual(await pageHolds(s), { titles: 1, profile: 0, support: 1 }, 'only Support is in the page');

      // Meanwhile another device of the same user renames the company.
      const api = await ApiClient.signIn(demoServerUrl(), DEMO_CUSTOMER, DEMO_PASSWORD);
      const me = await api.request('GET', '/v1/me');
      const company = me.body.accounts.find((a) => a.kind === 'company');
      const loaded = await api.request('GET', `/v1/accounts/${company.account_id}/profile`);
      const renamed = `${original} (renamed elsewhere)`;
      const put = await api.request('PUT', `/v1/accounts/${company.account_id}/profile`, {
        body: { ...loaded.body.profile, display_name: renamed },
        ifMatch: loaded.etag,
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));

      // Profile shown again: read again in the background, the new name shows.
      await s.click('nav-profile');
      assert.deepEqual(await pageHolds(s), { titles: 1, profile: 1, support: 0 }, 'only Profile is in the page');
      const deadline = Date.now() + 15_000;
      let shown = await s.value('field-display_name');
      while (shown !== renamed && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        shown = await s.value('field-display_name');
      }
      assert.equal(shown, renamed, 'the untouched form shows the change made elsewhere');

      // Support shown again: the request is still being written.
      await s.click('nav-support');
      await s.waitFor('new-ticket', { what: 'the new request form, still open' });
      assert.equal(await s.value('ticket-subject'), 'Written before a visit to Profile', 'nothing written is lost');
      await s.click('ticket-cancel');

      // Security is kept too, but forgets what was typed there once left.
      await s.click('nav-security');
      await s.type('password-current', 'typed before leaving');
      await s.click('nav-profile');
      await s.click('nav-security');
      await s.waitFor('password-current', { what: 'the password form, shown again' });
      assert.equal(await s.value('password-current'), '', 'a typed password does not outlive the visit');

      // A status line reports on the visit it happened in: shown again
      // later, Communications does not still say what an earlier visit did.
      const cell = 'comm-cell"][data-purpose="usage_trends"][data-channel="in_app';
      const status = async () => ((await s.textContent('comm-status')) ?? '').trim();
      await s.click('nav-communications');
      await s.waitFor('comm-matrix', { what: 'the preference matrix' });
      await s.click(cell);
      await s.waitFor('comm-status', { predicate: (t) => t.trim() !== '', what: 'the change reports' });
      await s.click('nav-profile');
      await s.click('nav-communications');
      await s.waitFor('comm-matrix', { what: 'the preference matrix, shown again' });
      assert.equal(await status(), '', 'no status line from the earlier visit');
      await s.click(cell);
      await s.waitFor('comm-status', { predicate: (t) => t.trim() !== '', what: 'the change back reports' });

      // Put the name back for the tests that follow.
      const again = await api.request('GET', `/v1/accounts/${company.account_id}/profile`);
      const back = await api.request('PUT', `/v1/accounts/${company.account_id}/profile`, {
        body: { ...again.body.profile, display_name: original },
        ifMatch: again.etag,
      });
      assert.equal(back.status, 200, JSON.stringify(back.body));
      await s.click('sign-out');
      await s.waitFor('start-screen');
    });
  });
});

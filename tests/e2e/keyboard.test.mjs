// Issue 9, in the real app: the command palette (Ctrl+K), the shortcuts help
// (?), Alt+n to a section, and the theme switch, which outlives a restart.
// Keys go through WebDriver's actions, as a keyboard would send them.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';

import { chord, ensureSignedOut, KEY, script, signInDemo, withApp } from './app.mjs';
import { waitForDriver } from './webdriver.mjs';

const TEST_TIMEOUT_MS = 180_000;
const { CONTROL, ALT, ENTER, ESCAPE } = KEY;

describe('keyboard and themes', { concurrency: 1 }, () => {
  before(async () => {
    await waitForDriver();
  });

  it('Ctrl+K jumps to a section, ? lists the shortcuts, Alt+n opens the n-th section', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('keyboard', async (s) => {
      await signInDemo(s);
      await s.waitFor('profile-email', { predicate: (t) => t.trim() !== '' });

      await chord(s, CONTROL, 'k');
      await s.waitFor('palette', { what: 'Ctrl+K opens the palette' });
      const focused = await script(s, 'return document.activeElement?.dataset?.testid ?? null;');
      assert.equal(focused, 'palette-input', 'the palette takes the focus');
      await s.type('palette-input', 'invoices');
      await s.waitFor('palette-item', { predicate: (t) => /billing/i.test(t), what: '"invoices" finds Billing' });
      await s.screenshot('palette.png');
      await chord(s, ENTER);
      await s.waitGone('palette');
      await s.waitFor('billing-section', { what: 'Enter opens the chosen section' });

      // "?" away from a text field opens the help; Escape closes it.
      await script(s, 'document.activeElement?.blur();');
      await chord(s, '?');
      const help = await s.waitFor('shortcuts-help', { what: '? opens the shortcuts' });
      assert.match(help, /Ctrl\+K|Ctrl K/i);
      await chord(s, ESCAPE);
      await s.waitGone('shortcuts-help');

      // Alt+1 is the first section in the navigation.
      const first = await script(s, "return document.querySelector('[data-testid^=\"nav-\"]')?.dataset.testid;");
      await chord(s, ALT, '1');
      const current = () => script(s, "return document.querySelector('[aria-current=\"page\"]')?.dataset.testid ?? null;");
      for (let i = 0; i < 50 && (await current()) !== first; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(await current(), first, 'Alt+1 opens the first section');

      await s.click('sign-out');
      await s.waitFor('start-screen');
    });
  });

  it('the theme switch overrides the system and is kept across a restart', { timeout: TEST_TIMEOUT_MS }, async () => {
    const background = (s) => script(s, 'return getComputedStyle(document.body).backgroundColor;');
    let light;
    await withApp('theme-1', async (s) => {
      await signInDemo(s);
      await s.click('theme-light-label');
      assert.equal(await script(s, 'return document.documentElement.dataset.theme ?? null;'), 'light');
      light = await background(s);
      await s.click('theme-dark-label');
      assert.equal(await script(s, 'return document.documentElement.dataset.theme ?? null;'), 'dark');
      assert.notEqual(await background(s), light, 'dark paints a different background');
      await s.click('nav-communications');
      await s.waitFor('communications-section');
      await s.screenshot('dark.png');
    });
    await withApp('theme-2', async (s) => {
      await s.waitForAny(['start-screen', 'shell']);
      assert.equal(await script(s, 'return document.documentElement.dataset.theme ?? null;'), 'dark', 'kept across a restart');
      await s.waitFor('shell');
      await s.click('theme-system-label');
      assert.equal(await script(s, 'return document.documentElement.dataset.theme ?? null;'), null);
      await ensureSignedOut(s);
    });
  });
});

// Issue 9, in the real app: every page passes an axe-core audit with no
// serious or critical finding, in the light and the dark theme. The start
// screen, each customer section, each staff and admin section, and the
// overlays (command palette, shortcuts help, about box). The findings of
// every page, whatever their impact, go to artifacts/a11y.json for the
// closing note.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { chord, ensureSignedOut, KEY, script, signInDemo, withApp } from './app.mjs';
import { ARTIFACTS, waitForDriver } from './webdriver.mjs';

const TEST_TIMEOUT_MS = 420_000;
const { CONTROL, ESCAPE } = KEY;
// axe-core comes with the UI's dev dependencies (`npm ci` in ui/).
const AXE_SOURCE = readFileSync(
  createRequire(new URL('../../ui/package.json', import.meta.url)).resolve('axe-core/axe.min.js'),
  'utf8',
);
const BLOCKING = new Set(['serious', 'critical']);

const results = [];

/** Waits until nothing on the page says it is loading, so axe sees the page as a person would. */
async function quiet(s, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const busy = await script(
      s,
      'return document.querySelectorAll(\'[aria-busy="true"], [data-loading="true"]\').length;',
    );
    if (busy === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await s.settle();
}

/** Runs axe on the whole document; records and returns the violations. */
async function audit(s, page) {
  await quiet(s);
  const loaded = await script(s, 'return typeof window.axe === "object";');
  if (!loaded) await script(s, `${AXE_SOURCE}\n;return true;`);
  const violations = await s.call(
    'POST',
    '/execute/async',
    {
      script: `
        const done = arguments[arguments.length - 1];
        window.axe
          .run(document, { resultTypes: ['violations'] })
          .then((r) => done(r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
            count: v.nodes.length,
          }))))
          .catch((e) => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [], count: 1 }]));`,
      args: [],
    },
    60_000,
  );
  results.push({ page, violations });
  return violations;
}

function describeFindings(violations) {
  return violations.map((v) => `${v.impact} ${v.id} (${v.count}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n');
}

const blocking = (violations) => violations.filter((v) => BLOCKING.has(v.impact));

async function setTheme(s, theme) {
  await s.click(`theme-${theme}-label`);
  assert.equal(await script(s, 'return document.documentElement.dataset.theme ?? null;'), theme);
}

/** Audits each section in the navigation, in both themes. */
async function auditSections(s, who) {
  const failures = [];
  const ids = await script(
    s,
    'return [...document.querySelectorAll(\'nav [data-testid^="nav-"]\')].map((e) => e.dataset.testid).filter((id) => id !== "nav-notices-unread");',
  );
  assert.ok(ids.length > 0, `${who} sees sections`);
  for (const theme of ['light', 'dark']) {
    await setTheme(s, theme);
    for (const nav of ids) {
      await s.click(nav);
      const section = nav.slice('nav-'.length);
      // The profile's section is named the other way round.
      await s.waitForAny([`${section}-section`, `section-${section}`]);
      const page = `${who} ${section} (${theme})`;
      const found = blocking(await audit(s, page));
      if (found.length > 0) failures.push(`${page}:\n  ${describeFindings(found)}`);
    }
  }
  // Back to following the system, as the next test file expects.
  await s.click('theme-system-label');
  return failures;
}

describe('accessibility audit (axe-core)', { concurrency: 1 }, () => {
  before(async () => {
    await waitForDriver();
  });

  after(() => {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'a11y.json'), `${JSON.stringify(results, null, 2)}\n`);
  });

  it('the start screen, every customer section and the overlays have no serious finding', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('a11y-customer', async (s) => {
      await ensureSignedOut(s);
      const failures = [];
      const start = blocking(await audit(s, 'start screen'));
      if (start.length > 0) failures.push(`start screen:\n  ${describeFindings(start)}`);

      await s.click('try-demo-customer');
      await s.waitFor('shell', { what: 'the demo customer signed in' });
      failures.push(...(await auditSections(s, 'customer')));

      await chord(s, CONTROL, 'k');
      await s.waitFor('palette');
      const palette = blocking(await audit(s, 'command palette'));
      if (palette.length > 0) failures.push(`command palette:\n  ${describeFindings(palette)}`);
      await chord(s, ESCAPE);
      await s.waitGone('palette');

      await script(s, 'document.activeElement?.blur();');
      await chord(s, '?');
      await s.waitFor('shortcuts-help');
      const help = blocking(await audit(s, 'shortcuts help'));
      if (help.length > 0) failures.push(`shortcuts help:\n  ${describeFindings(help)}`);
      await chord(s, ESCAPE);
      await s.waitGone('shortcuts-help');

      await s.click('about-open');
      await s.waitFor('about', { predicate: (t) => /Steward/.test(t) });
      const about = blocking(await audit(s, 'about box'));
      if (about.length > 0) failures.push(`about box:\n  ${describeFindings(about)}`);
      await chord(s, ESCAPE);
      await s.waitGone('about');

      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'signed out for the next test' });
      assert.deepEqual(failures, [], failures.join('\n'));
    });
  });

  it('every staff and admin section has no serious finding', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withApp('a11y-admin', async (s) => {
      await signInDemo(s, 'admin');
      const failures = await auditSections(s, 'admin');
      await s.click('sign-out');
      await s.waitFor('start-screen', { what: 'signed out for the next test' });
      assert.deepEqual(failures, [], failures.join('\n'));
    });
  });
});

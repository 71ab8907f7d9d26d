// A diagnostic for issue 8's memory row, not part of any suite: what grows
// in WebKit's web process while the demo customer is navigated. After each
// pass through the sections it prints the number of DOM elements, Tauri's
// IPC callback map, the live regions, the page's HTML length and the web
// process's PSS (docs/benchmarks-analysis.md says what it showed).
//   STEWARD_E2E_NO_BUILD=1 STEWARD_E2E_SCRIPT=tests/e2e/bench/leak-probe.mjs \
//     PROBE_PASSES=15 tests/e2e/run.sh
import { readFileSync, readdirSync } from 'node:fs';
import { APP_BINARY, Session, appPids, waitForAppExit, waitForDriver } from '../webdriver.mjs';

const PASSES = Number(process.env.PROBE_PASSES ?? 20);
function children(pid) {
  const out = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const list = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
    if (list) out.push(...list.split(/\s+/).map(Number));
  }
  return out;
}
function webPss() {
  const [root] = appPids(APP_BINARY);
  let total = 0;
  const walk = (pid) => {
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    if (comm.startsWith('WebKitWebProces')) {
      const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      total += Number(m[1]);
    }
    children(pid).forEach(walk);
  };
  walk(root);
  return (total / 1024).toFixed(1);
}
await waitForDriver();
const s = await Session.start('leak-probe');
await s.waitFor('start-screen', { timeoutMs: 60_000 });
await s.click('try-demo-customer');
await s.waitFor('shell', { timeoutMs: 60_000 });
const ids = await s.call('POST', '/execute/sync', {
  script: "return [...document.querySelectorAll('[data-testid^=\"nav-\"]')].map((e) => e.dataset.testid).filter((t) => !t.endsWith('-unread'));",
  args: [],
});
const probe = () =>
  s.call('POST', '/execute/sync', {
    script:
      'return [document.getElementsByTagName("*").length, window.__TAURI_INTERNALS__.callbacks.size, document.querySelectorAll("[aria-live]").length, (document.body.innerHTML.length)];',
    args: [],
  });
for (let p = 0; p < PASSES; p++) {
  for (const id of ids) {
    await s.click(id);
    await s.settle();
  }
  await new Promise((r) => setTimeout(r, 500));
  console.error(`[probe] pass ${p + 1}: dom/callbacks/live/html ${JSON.stringify(await probe())} web PSS ${webPss()} MiB`);
}
await s.click('sign-out');
await s.waitFor('start-screen');
await s.delete();
await waitForAppExit(15_000);

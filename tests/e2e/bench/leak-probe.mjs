// A diagnostic for issue 8's memory row, not part of any suite: what grows
// in WebKit's web process while the demo customer is navigated.
//
// The navigation runs inside the page (a script clicks through the sections,
// two animation frames apart), so no WebDriver call per visit adds to what
// is measured. Every PROBE_EVERY_S seconds it prints the visits so far, the
// web process's PSS, and how many of the elements the sections created are
// still alive (each is registered with a FinalizationRegistry once seen). At
// the end it prints which of the web process's mappings grew: anonymous
// memory (JavaScriptCore's heap and WebKit's allocator) or glibc's heap.
// With PROBE_CHURN=1 it clicks nothing: it snapshots each section's markup
// once, then adds a copy of one to the page and removes it again, visit
// after visit, so no Svelte code runs: what WebKit alone keeps from churn.
// With PROBE_CHURN=toggle it builds one copy of each section once, hidden,
// and a visit shows one and hides the rest: sections kept mounted.
// With PROBE_CHURN=park it builds the copies once, out of the document, and
// a visit puts one in and takes the others out, as the app's kept pages
// are shown (keptPages.svelte.ts's `park`), again with no Svelte code.
// docs/benchmarks-analysis.md says what it showed.
//   STEWARD_E2E_NO_BUILD=1 STEWARD_APP_BINARY=$PWD/target/release/steward-desktop \
//     STEWARD_E2E_SCRIPT=tests/e2e/bench/leak-probe.mjs PROBE_MINUTES=9 tests/e2e/run.sh
import { readFileSync, readdirSync } from 'node:fs';
import { APP_BINARY, Session, appPids, waitForAppExit, waitForDriver } from '../webdriver.mjs';

const MINUTES = Number(process.env.PROBE_MINUTES ?? 3);
const EVERY_MS = Number(process.env.PROBE_EVERY_S ?? 30) * 1000;
const CHURN = process.env.PROBE_CHURN ?? '';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function children(pid) {
  const out = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const list = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
    if (list) out.push(...list.split(/\s+/).map(Number));
  }
  return out;
}

function webProcess() {
  const [root] = appPids(APP_BINARY);
  let found = null;
  const walk = (pid) => {
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('WebKitWebProces')) found = pid;
    children(pid).forEach(walk);
  };
  walk(root);
  if (!found) throw new Error('no WebKit web process under the app');
  return found;
}

/** The web process's PSS in MiB, by mapping: anonymous, glibc's heap, files. */
function mappings(pid) {
  const by = {};
  let name = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = line.match(/^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/);
    if (head) {
      name = head[1] || '[anon]';
      if (name.startsWith('/memfd')) name = '/memfd';
      continue;
    }
    const pss = line.match(/^Pss:\s+(\d+) kB/);
    if (pss) by[name] = (by[name] ?? 0) + Number(pss[1]) / 1024;
  }
  return by;
}
const total = (by) => Object.values(by).reduce((a, b) => a + b, 0);

// Runs in the page: visits the sections in turn until told to stop, and
// registers every element it sees so their collection can be counted.
// Given markup (PROBE_CHURN), a visit adds a copy of it and removes it, or
// (mode 'toggle') shows its one copy and hides the others, or (mode 'park')
// puts its one copy in the page and takes the others out.
const NAVIGATE = `
  const [ids, markup, mode] = arguments;
  const copies = mode
    ? markup.map((m) => {
        const d = document.createElement('div');
        d.innerHTML = m;
        d.hidden = mode === 'toggle';
        if (mode === 'toggle') document.body.appendChild(d);
        return d;
      })
    : null;
  const live = (window.__probe = { visits: 0, seen: 0, collected: 0, stop: false });
  const seen = new WeakSet();
  const registry = new FinalizationRegistry(() => { live.collected += 1; });
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  (async () => {
    while (!live.stop) {
      for (const id of ids) {
        let copy = null;
        if (copies) {
          const on = live.visits % copies.length;
          if (mode === 'toggle') copies.forEach((d, i) => { d.hidden = i !== on; });
          else copies.forEach((d, i) => { if (i === on) document.body.appendChild(d); else d.remove(); });
        } else if (markup) {
          copy = document.createElement('div');
          copy.innerHTML = markup[live.visits % markup.length];
          document.body.appendChild(copy);
        } else {
          document.querySelector('[data-testid="' + id + '"]').click();
        }
        await frames();
        live.visits += 1;
        for (const e of document.getElementsByTagName('*')) {
          if (!seen.has(e)) { seen.add(e); registry.register(e, 0); live.seen += 1; }
        }
        copy?.remove();
      }
    }
  })();
  return true;`;

await waitForDriver();
const s = await Session.start('leak-probe');
await s.waitFor('start-screen', { timeoutMs: 60_000 });
await s.click('try-demo-customer');
await s.waitFor('shell', { timeoutMs: 60_000 });
const ids = await s.call('POST', '/execute/sync', {
  script: "return [...document.querySelectorAll('[data-testid^=\"nav-\"]')].map((e) => e.dataset.testid).filter((t) => !t.endsWith('-unread'));",
  args: [],
});
// One pass first: every section's code and first data loaded is use, not growth.
const markup = [];
for (const id of ids) {
  await s.click(id);
  await s.settle();
  markup.push(await s.call('POST', '/execute/sync', { script: 'return document.querySelector("main").innerHTML;', args: [] }));
}
await sleep(3_000);
const web = webProcess();
const before = mappings(web);
console.error(`[probe] after one pass: web process ${total(before).toFixed(1)} MiB PSS`);

const state = () =>
  s.call('POST', '/execute/sync', {
    script: 'const p = window.__probe; return [p.visits, p.seen - p.collected, document.getElementsByTagName("*").length];',
    args: [],
  });
await s.call('POST', '/execute/sync', { script: NAVIGATE, args: [ids, CHURN ? markup : null, ['toggle', 'park'].includes(CHURN) ? CHURN : ''] });
const deadline = Date.now() + MINUTES * 60_000;
while (Date.now() < deadline) {
  await sleep(Math.min(EVERY_MS, Math.max(0, deadline - Date.now())));
  const [visits, alive, inDom] = await state();
  console.error(
    `[probe] ${visits} visits: web process ${total(mappings(web)).toFixed(1)} MiB PSS; ` +
      `elements alive ${alive} (in the page ${inDom})`,
  );
}
await s.call('POST', '/execute/sync', { script: 'window.__probe.stop = true; return true;', args: [] });
await sleep(3_000);
const after = mappings(web);
const grew = Object.keys({ ...before, ...after })
  .map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)])
  .filter(([, d]) => Math.abs(d) >= 1)
  .sort((a, b) => b[1] - a[1])
  .map(([k, d]) => `${k} ${d > 0 ? '+' : ''}${d.toFixed(1)}`);
console.error(`[probe] growth by mapping (MiB PSS): ${grew.join(', ') || 'none over 1 MiB'}`);
await s.click('sign-out');
await s.waitFor('start-screen');
await s.delete();
await waitForAppExit(15_000);

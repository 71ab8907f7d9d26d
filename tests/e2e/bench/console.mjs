// Issue 8's console rows, run by `make bench` through tests/e2e/run.sh (Xvfb,
// a private session bus, an unlocked keyring, a scratch HOME):
//   - cold start to the first meaningful paint: from asking tauri-driver for
//     a session (which launches the process) until the page's own mark
//     `steward:first-meaningful-paint`, set two animation frames after the
//     first screen with content is in place (ui/src/lib/paintMark.ts; the
//     bare window's ready.js sets the same mark), read from the page's
//     timeline (`performance.timeOrigin` + the mark) against the wall clock
//     of the launch. Also kept: when WebDriver saw the first screen's marker
//     and two more frames ran. That figure polls (every 100 ms, three
//     WebDriver calls per poll), which costs a screen that shows after an
//     asynchronous step up to a poll and more (docs/benchmarks-analysis.md);
//   - memory: PSS summed over the app and its WebKit processes, after start-up
//     and after NAV_MINUTES of scripted navigation through every section.
// Both against a bare Tauri 2 window built by the same toolchain and profile
// (src-tauri/examples/bare_window), launched the same way; launches alternate
// so drift on a shared machine hits both. Figures are medians of the rounds.
//
// Env: STEWARD_APP_BINARY, STEWARD_BARE_BINARY (release builds),
//      STEWARD_BENCH_ROUNDS (default 5), STEWARD_BENCH_NAV_MINUTES (10),
//      STEWARD_BENCH_CONSOLE_OUT (JSON written here for the report).

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { APP_BINARY, Session, appPids, waitForAppExit, waitForDriver } from '../webdriver.mjs';

const BARE = resolve(process.env.STEWARD_BARE_BINARY ?? '');
const ROUNDS = Number(process.env.STEWARD_BENCH_ROUNDS ?? 5);
const NAV_MINUTES = Number(process.env.STEWARD_BENCH_NAV_MINUTES ?? 10);
const OUT = process.env.STEWARD_BENCH_CONSOLE_OUT ?? 'target/bench/console.json';
/** Memory is read once the first screen has been up this long. */
const SETTLE_MS = 3_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Child PIDs of `pid` (every thread's children list). */
function children(pid) {
  const out = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (list) out.push(...list.split(/\s+/).map(Number));
    }
  } catch {
    /* gone */
  }
  return out;
}

/** PSS in KiB of one process (smaps_rollup), 0 if it went away. */
function pssKiB(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function comm(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** PSS of the app's process and every process below it (WebKit's web and network processes). */
function treePss(binary) {
  const [root] = appPids(binary);
  if (!root) throw new Error(`no running process for ${binary}`);
  const seen = [];
  const walk = (pid) => {
    seen.push(pid);
    children(pid).forEach(walk);
  };
  walk(root);
  const parts = seen.map((pid) => ({ pid, name: comm(pid), kib: pssKiB(pid) }));
  return { mib: parts.reduce((n, p) => n + p.kib, 0) / 1024, parts };
}

function describe(memory) {
  const parts = memory.parts.map((p) => `${p.name} ${(p.kib / 1024).toFixed(1)}`).join(', ');
  return `${memory.mib.toFixed(1)} MiB PSS (${parts})`;
}

const PAINT_MARK = 'steward:first-meaningful-paint';

/**
 * When the page marked its first meaningful paint: `at` in ms since the
 * epoch, and `pageMs` since the page's own start (`performance.timeOrigin`),
 * which splits the launch from the page's work.
 */
async function paintedAt(s) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const at = await s.call('POST', '/execute/sync', {
      script: `const m = performance.getEntriesByName('${PAINT_MARK}')[0]; return m ? [performance.timeOrigin + m.startTime, m.startTime] : null;`,
      args: [],
    });
    if (Array.isArray(at)) return { at: at[0], pageMs: at[1] };
    if (Date.now() > deadline) throw new Error(`no ${PAINT_MARK} mark in the page`);
    await sleep(50);
  }
}

/** One launch: time to the first screen on screen, then its memory. */
async function launch(binary, marker) {
  const launchedAt = Date.now();
  const t0 = performance.now();
  const s = await Session.start(`bench-${marker}`, { binary });
  try {
    await s.waitFor(marker, { timeoutMs: 60_000, what: 'first meaningful paint' });
    await s.settle();
    const observedMs = performance.now() - t0;
    const painted = await paintedAt(s);
    await sleep(SETTLE_MS);
    return { ms: painted.at - launchedAt, pageMs: painted.pageMs, observedMs, memory: treePss(binary), session: s };
  } catch (e) {
    await s.delete();
    throw e;
  }
}

async function close(s, binary) {
  await s.delete();
  await waitForAppExit(15_000, binary);
}

/** Sections a demo customer sees, visited in turn for `minutes`. */
async function navigate(s, minutes) {
  await s.click('try-demo-customer');
  await s.waitFor('shell', { timeoutMs: 60_000, what: 'the demo signed in' });
  const ids = await s.call('POST', '/execute/sync', {
    script: "return [...document.querySelectorAll('[data-testid^=\"nav-\"]')].map((e) => e.dataset.testid).filter((t) => !t.endsWith('-unread'));",
    args: [],
  });
  let visits = 0;
  const pass = async () => {
    for (const id of ids) {
      await s.click(id);
      await s.settle();
      visits += 1;
    }
  };
  // Growth is measured from after the first pass: by then every section's
  // code and first data are loaded, which is use, not a leak.
  const deadline = Date.now() + minutes * 60_000;
  await pass();
  await sleep(SETTLE_MS);
  const warm = treePss(APP_BINARY);
  console.error(`[bench] after one pass: ${describe(warm)}`);
  while (Date.now() < deadline) await pass();
  await sleep(SETTLE_MS);
  const after = treePss(APP_BINARY);
  console.error(`[bench] after ${visits} visits: ${describe(after)}`);
  return { sections: ids.length, visits, warm, after };
}

async function main() {
  if (!process.env.STEWARD_BARE_BINARY) throw new Error('set STEWARD_BARE_BINARY to the bare window');
  await waitForDriver();
  const rounds = { app: [], bare: [] };
  for (let i = 0; i < ROUNDS; i++) {
    for (const [key, binary, marker] of [
      ['bare', BARE, 'bare-ready'],
      ['app', APP_BINARY, 'start-screen'],
    ]) {
      const r = await launch(binary, marker);
      await close(r.session, binary);
      rounds[key].push({ ms: r.ms, page_ms: r.pageMs, observed_ms: r.observedMs, mib: r.memory.mib });
      console.error(
        `[bench] round ${i + 1} ${key}: ${r.ms.toFixed(0)} ms to paint, ${r.pageMs.toFixed(0)} of them in the page (${r.observedMs.toFixed(0)} ms seen by WebDriver), ${describe(r.memory)}`,
      );
    }
  }
  console.error(`[bench] navigating the console for ${NAV_MINUTES} min`);
  const first = await launch(APP_BINARY, 'start-screen');
  let nav;
  try {
    nav = await navigate(first.session, NAV_MINUTES);
    await first.session.click('sign-out');
    await first.session.waitFor('start-screen');
  } finally {
    await close(first.session, APP_BINARY);
  }
  const result = {
    rounds: ROUNDS,
    nav_minutes: NAV_MINUTES,
    cold_start_ms: { app: median(rounds.app.map((r) => r.ms)), bare: median(rounds.bare.map((r) => r.ms)) },
    page_ms: { app: median(rounds.app.map((r) => r.page_ms)), bare: median(rounds.bare.map((r) => r.page_ms)) },
    observed_start_ms: {
      app: median(rounds.app.map((r) => r.observed_ms)),
      bare: median(rounds.bare.map((r) => r.observed_ms)),
    },
    startup_pss_mib: { app: median(rounds.app.map((r) => r.mib)), bare: median(rounds.bare.map((r) => r.mib)) },
    navigation: {
      sections: nav.sections,
      visits: nav.visits,
      warm_pss_mib: nav.warm.mib,
      after_pss_mib: nav.after.mib,
    },
    samples: rounds,
  };
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  console.error(`[bench] wrote ${OUT}`);
}

main().catch((e) => {
  console.error(`[bench] ${e.stack ?? e}`);
  process.exit(1);
});

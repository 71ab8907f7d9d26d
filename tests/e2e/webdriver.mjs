// Minimal W3C WebDriver client for tauri-driver: Node 20 built-ins only
// (fetch, fs, path). No dependencies, so the e2e needs no `npm install`.
//
// Environment (set by tests/e2e/run.sh):
//   STEWARD_WEBDRIVER_URL  tauri-driver base URL (default http://127.0.0.1:4444)
//   STEWARD_APP_BINARY     the desktop binary tauri-driver launches
//   STEWARD_E2E_ARTIFACTS  where screenshots go (default tests/e2e/artifacts)
//   STEWARD_E2E_START_URL  (harness self-check only) URL to open after session start

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

export const DRIVER_URL = (process.env.STEWARD_WEBDRIVER_URL ?? 'http://127.0.0.1:4444').replace(/\/$/, '');
export const APP_BINARY = resolve(process.env.STEWARD_APP_BINARY ?? join(HERE, '../../target/debug/steward-desktop'));
export const ARTIFACTS = resolve(process.env.STEWARD_E2E_ARTIFACTS ?? join(HERE, 'artifacts'));

/** Default time to wait for UI states; first paint of a debug build is slow-ish. */
export const DEFAULT_TIMEOUT_MS = Number(process.env.STEWARD_E2E_TIMEOUT_MS ?? 20_000);
/** Per HTTP call to the driver (session creation starts the app). */
const REQUEST_TIMEOUT_MS = 60_000;
const POLL_MS = 100;
/** A screenshot normally takes < 0.5 s; it can hang when the page never repaints. */
const SCREENSHOT_TIMEOUT_MS = 15_000;
/** Screenshots are retaken until two in a row match (see Session.screenshot). */
const STABLE_INTERVAL_MS = 300;
const STABLE_TIMEOUT_MS = 5_000;

// The W3C "web element identifier".
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriverError extends Error {
  constructor(message, { status, error, data } = {}) {
    super(message);
    this.name = 'WebDriverError';
    this.status = status;
    this.error = error; // W3C error code, e.g. "no such element"
    this.data = data;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One WebDriver call; throws WebDriverError with the driver's message. */
export async function wd(method, path, body, timeoutMs = REQUEST_TIMEOUT_MS) {
  const url = `${DRIVER_URL}${path}`;
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `cannot reach tauri-driver at ${DRIVER_URL}: ${e.message}`;
    throw new WebDriverError(`${method} ${path}: ${why}`);
  }
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(`${method} ${path}: HTTP ${res.status}, non-JSON reply: ${text.slice(0, 500)}`, {
      status: res.status,
    });
  }
  const value = data?.value;
  if (!res.ok || (value && typeof value === 'object' && 'error' in value && value.error)) {
    const err = value?.error ?? `HTTP ${res.status}`;
    const msg = value?.message ?? text.slice(0, 500);
    throw new WebDriverError(`${method} ${path}: ${err}: ${msg}`, { status: res.status, error: err, data });
  }
  return value;
}

/** Waits until tauri-driver (and the native WebKitWebDriver behind it) answers /status. */
export async function waitForDriver(timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await wd('GET', '/status');
      if (v?.ready !== false) return v;
      last = `not ready: ${JSON.stringify(v)}`;
    } catch (e) {
      last = e.message;
    }
    await sleep(200);
  }
  throw new Error(`tauri-driver did not become ready at ${DRIVER_URL} within ${timeoutMs} ms (${last})`);
}

export const byTestId = (testid) => `[data-testid="${testid}"]`;

export class Session {
  constructor(id, name) {
    this.id = id;
    this.name = name;
  }

  /** Starts the app (tauri-driver launches APP_BINARY) and opens a session. */
  static async start(name = 'app', { args = [], binary = APP_BINARY } = {}) {
    const value = await wd('POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application: binary, args } } },
    });
    if (!value?.sessionId) throw new WebDriverError(`POST /session: no sessionId in ${JSON.stringify(value)}`);
    const session = new Session(value.sessionId, name);
    // Only for checking this harness without the app: a plain WebKitGTK
    // browser (MiniBrowser --automation) as STEWARD_APP_BINARY opens a blank
    // page, so navigate it to a stand-in page.
    if (process.env.STEWARD_E2E_START_URL) {
      await session.call('POST', '/url', { url: process.env.STEWARD_E2E_START_URL });
    }
    return session;
  }

  call(method, path, body, timeoutMs) {
    return wd(method, `/session/${this.id}${path}`, body, timeoutMs);
  }

  /** Ends the session; WebKitWebDriver then closes the app. Never throws. */
  async delete() {
    try {
      await this.call('DELETE', '');
    } catch (e) {
      console.error(`[e2e] deleteSession(${this.name}) failed: ${e.message}`);
    }
  }

  /** The element for `[data-testid=...]`, or null when absent. */
  async find(testid) {
    try {
      const v = await this.call('POST', '/element', { using: 'css selector', value: byTestId(testid) });
      return v?.[ELEMENT_KEY] ?? null;
    } catch (e) {
      if (e.error === 'no such element') return null;
      throw e;
    }
  }

  async findAll(testid) {
    const v = await this.call('POST', '/elements', { using: 'css selector', value: byTestId(testid) });
    return (v ?? []).map((el) => el[ELEMENT_KEY]);
  }

  async text(testid) {
    const el = await this.mustFind(testid);
    return (await this.call('GET', `/element/${el}/text`)) ?? '';
  }

  /** `textContent` of the element (also works while it is hidden); null when absent. */
  async textContent(testid) {
    return this.call('POST', '/execute/sync', {
      script: 'const e = document.querySelector(arguments[0]); return e ? e.textContent : null;',
      args: [byTestId(testid)],
    });
  }

  async displayed(testid) {
    const el = await this.find(testid);
    if (!el) return false;
    try {
      return Boolean(await this.call('GET', `/element/${el}/displayed`));
    } catch (e) {
      if (e.error === 'stale element reference') return false;
      throw e;
    }
  }

  async mustFind(testid) {
    const el = await this.find(testid);
    if (!el) throw new Error(`[${this.name}] no element [data-testid="${testid}"]`);
    return el;
  }

  /**
   * Waits until the element is displayed, scrolls it to the middle of the
   * window (as a person would, clear of the status bar along the bottom),
   * then clicks it.
   */
  async click(testid, timeoutMs = DEFAULT_TIMEOUT_MS) {
    await this.waitFor(testid, { timeoutMs, what: 'visible, to click it' });
    const el = await this.mustFind(testid);
    await this.call('POST', '/execute/sync', {
      script: "const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({ block: 'center' });",
      args: [byTestId(testid)],
    });
    await this.call('POST', `/element/${el}/click`, {});
  }

  /** Replaces an input's content with `text`, as a user typing it. */
  async type(testid, text, timeoutMs = DEFAULT_TIMEOUT_MS) {
    await this.waitFor(testid, { timeoutMs, what: 'visible, to type into it' });
    const el = await this.mustFind(testid);
    await this.call('POST', `/element/${el}/clear`, {});
    await this.call('POST', `/element/${el}/value`, { text });
  }

  /** The current `value` of an input (not its text). */
  async value(testid) {
    return this.call('POST', '/execute/sync', {
      script: 'const e = document.querySelector(arguments[0]); return e ? e.value : null;',
      args: [byTestId(testid)],
    });
  }

  /**
   * Polls until `[data-testid=testid]` exists, is displayed (unless
   * `visible: false`) and `predicate(text)` holds. Returns the element's text.
   * Throws a message naming the testid and the last thing seen.
   */
  async waitFor(testid, { predicate, timeoutMs = DEFAULT_TIMEOUT_MS, visible = true, what } = {}) {
    const deadline = Date.now() + timeoutMs;
    let last = 'never found';
    for (;;) {
      try {
        const el = await this.find(testid);
        if (el) {
          const shown = visible ? Boolean(await this.call('GET', `/element/${el}/displayed`)) : true;
          const text = (await this.call('GET', `/element/${el}/text`)) ?? '';
          if (!shown) last = 'present but not displayed';
          else if (predicate && !predicate(text)) last = `present, predicate false for text ${JSON.stringify(text)}`;
          else return text;
        }
      } catch (e) {
        // Stale elements while the UI re-renders are expected: retry.
        if (e.error !== 'stale element reference') last = e.message;
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `[${this.name}] timed out after ${timeoutMs} ms waiting for [data-testid="${testid}"]` +
            `${what ? ` (${what})` : ''}: ${last}`,
        );
      }
      await sleep(POLL_MS);
    }
  }

  /** Waits until one of `testids` is displayed; returns which. */
  async waitForAny(testids, timeoutMs = DEFAULT_TIMEOUT_MS) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const t of testids) {
        try {
          if (await this.displayed(t)) return t;
        } catch {
          /* retry */
        }
      }
      if (Date.now() >= deadline) {
        throw new Error(`[${this.name}] timed out after ${timeoutMs} ms waiting for any of ${testids.join(', ')}`);
      }
      await sleep(POLL_MS);
    }
  }

  /** Waits until the element is gone or hidden. */
  async waitGone(testid, timeoutMs = DEFAULT_TIMEOUT_MS) {
    const deadline = Date.now() + timeoutMs;
    while (await this.displayed(testid).catch(() => true)) {
      if (Date.now() >= deadline) {
        throw new Error(`[${this.name}] timed out after ${timeoutMs} ms waiting for [data-testid="${testid}"] to go away`);
      }
      await sleep(POLL_MS);
    }
  }

  /**
   * Waits until the page has been through two rendering updates (double
   * requestAnimationFrame), so what the DOM says is also on screen.
   */
  async settle() {
    try {
      await this.call(
        'POST',
        '/execute/async',
        {
          script:
            'const done = arguments[arguments.length - 1];' +
            'requestAnimationFrame(() => requestAnimationFrame(() => done(true)));',
          args: [],
        },
        10_000,
      );
    } catch {
      /* best effort: the stability loop below still guards the picture */
    }
  }

  /**
   * Saves a PNG screenshot to ARTIFACTS/<name>.png and returns its path.
   *
   * Measured under Xvfb on 2 busy cores: right after a waitFor() that saw
   * the new state in the DOM, both WebDriver's screenshot and the X server
   * still showed the previous frame for up to about a second (software
   * rendering lags the DOM). So: settle(), then take screenshots until two in
   * a row are identical (at most STABLE_TIMEOUT_MS).
   */
  async screenshot(name) {
    await this.settle();
    const grab = () => this.call('GET', '/screenshot', undefined, SCREENSHOT_TIMEOUT_MS);
    let b64 = await grab();
    const deadline = Date.now() + STABLE_TIMEOUT_MS;
    while (Date.now() < deadline) {
      await sleep(STABLE_INTERVAL_MS);
      const next = await grab();
      if (next === b64) break;
      b64 = next;
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, name.endsWith('.png') ? name : `${name}.png`);
    writeFileSync(file, Buffer.from(b64, 'base64'));
    return file;
  }

  /** Best effort: screenshot + page source for a failure. Never throws. */
  async captureFailure(label) {
    const safe = label.replace(/[^a-z0-9_-]+/gi, '_').slice(0, 80);
    const saved = [];
    try {
      saved.push(await this.screenshot(`failure-${safe}.png`));
    } catch (e) {
      console.error(`[e2e] failure screenshot failed: ${e.message}`);
    }
    try {
      const html = await this.call('GET', '/source');
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = join(ARTIFACTS, `failure-${safe}.html`);
      writeFileSync(file, String(html));
      saved.push(file);
    } catch (e) {
      console.error(`[e2e] failure page source failed: ${e.message}`);
    }
    if (saved.length) console.error(`[e2e] failure artifacts: ${saved.join(', ')}`);
    return saved;
  }
}

/** PIDs of running processes whose executable is `binary` (Linux /proc). */
export function appPids(binary = APP_BINARY) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv0 = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')[0];
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state !== 'Z' && argv0 && resolve(argv0) === binary) pids.push(Number(entry));
    } catch {
      /* process went away */
    }
  }
  return pids;
}

/** The session-bus name the running console holds (tauri-plugin-single-instance). */
export const SINGLE_INSTANCE_NAME = 'org.steward.console.SingleInstance';

export function busNameOwned(name) {
  try {
    const out = execFileSync(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${name}`],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return /boolean true/.test(out);
  } catch {
    return false; // no session bus: nothing can hold the name
  }
}

/**
 * After the process is gone, the bus may still list its name for a moment;
 * a launch then would ask the vanished instance to take over (and fail).
 */
async function waitForBusName(name, deadline) {
  while (busNameOwned(name) && Date.now() < deadline) await sleep(POLL_MS);
}

/**
 * Waits until no process runs `binary` (after deleteSession the app must
 * exit). On timeout kills the leftovers so later tests start clean, then throws.
 */
export async function waitForAppExit(timeoutMs = 15_000, binary = APP_BINARY) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pids = appPids(binary);
    if (pids.length === 0) {
      await waitForBusName(SINGLE_INSTANCE_NAME, deadline);
      return;
    }
    if (Date.now() >= deadline) {
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      throw new Error(`the app (${binary}) was still running ${timeoutMs} ms after deleteSession: pids ${pids.join(', ')} (killed)`);
    }
    await sleep(POLL_MS);
  }
}

// Whether the console can reach its server (issue 7, PR-16).
//
// Every command goes through `watched.api`: a success means the server
// answered, `server_unreachable` means it did not. While offline, the
// watcher asks `checkConnection` on a growing interval (2 s doubling to
// 30 s) and at once when the person presses "Try again", until the server
// answers. A read the server could not answer may carry its last answer from
// the encrypted offline cache: that answer resolves the call, and the state
// records how old it is. Nothing here touches what sections hold: what they loaded stays
// on screen, and what was typed stays in the forms.

import type { Api } from './api';
import { toCommandError } from './commandErrors';
import type { Slot } from './deps';

export type Connectivity =
  | { status: 'online'; lastContact?: Date }
  | {
      status: 'offline';
      /** When a command first failed to reach the server. */
      since: Date;
      /** The last time the server answered: what is on screen is from then or before. */
      lastContact?: Date;
      /**
       * The oldest answer shown from the offline cache (a read that could not
       * reach the server got the last answer it had): what is on screen is
       * from then or later, and read-only.
       */
      cachedFrom?: Date;
      /** A check is in flight. */
      checking: boolean;
    };

export const ONLINE: Connectivity = { status: 'online' };

/** Commands answered by the app itself: their outcome says nothing about the server. */
const LOCAL: ReadonlySet<keyof Api> = new Set<keyof Api>([
  'listConnections',
  'cancelSignIn',
  'forgetConnection',
  'validateProfile',
  'validatePassword',
  'openExternalLink',
  'checkConnection',
  'about',
  'diagnostics',
  'cancelOperation',
]);

export const FIRST_CHECK_MS = 2_000;
export const MAX_CHECK_MS = 30_000;

export interface Clock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const SYSTEM_CLOCK: Clock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ConnectivityWatcher {
  /** `api`, observed: use this one everywhere. */
  readonly api: Api;
  /** Check now (the banner's "Try again"); resolves when the check is over. */
  checkNow(): Promise<void>;
  /** Forget the offline state and stop checking (the session ended). */
  reset(): void;
}

export function watchConnectivity(api: Api, slot: Slot<Connectivity>, clock: Clock = SYSTEM_CLOCK): ConnectivityWatcher {
  let timer: unknown;
  let delay = FIRST_CHECK_MS;
  let checking: Promise<void> | undefined;

  function cancelTimer() {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  }

  function reached() {
    cancelTimer();
    delay = FIRST_CHECK_MS;
    slot.set({ status: 'online', lastContact: clock.now() });
  }

  function lost(cachedAt?: Date) {
    const current = slot.get();
    if (current.status === 'online') {
      slot.set({ status: 'offline', since: clock.now(), lastContact: current.lastContact, checking: false, cachedFrom: cachedAt });
      delay = FIRST_CHECK_MS;
    } else if (cachedAt && !(current.cachedFrom && current.cachedFrom <= cachedAt)) {
      slot.set({ ...current, cachedFrom: cachedAt });
    }
    if (timer === undefined && !checking) schedule();
  }

  function schedule() {
    cancelTimer();
    timer = clock.setTimeout(() => {
      timer = undefined;
      void check();
    }, delay);
    delay = Math.min(delay * 2, MAX_CHECK_MS);
  }

  function stop() {
    cancelTimer();
    delay = FIRST_CHECK_MS;
    slot.set(ONLINE);
  }

  function setChecking(value: boolean) {
    const current = slot.get();
    if (current.status === 'offline') slot.set({ ...current, checking: value });
  }

  function check(): Promise<void> {
    if (checking) return checking;
    if (slot.get().status === 'online') return Promise.resolve();
    cancelTimer();
    setChecking(true);
    checking = api
      .checkConnection()
      .then(
        () => reached(),
        (reason: unknown) => {
          setChecking(false);
          // No session to check for: stop. A server that answers "not ready"
          // (a proxy's 502, a store that is down) is still no use: keep checking.
          if (toCommandError(reason).code === 'session_expired') stop();
          else schedule();
        },
      )
      .finally(() => {
        checking = undefined;
      });
    return checking;
  }

  const observed = {} as Record<string, unknown>;
  for (const [name, command] of Object.entries(api) as [keyof Api, (...args: unknown[]) => Promise<unknown>][]) {
    if (typeof command !== 'function') continue;
    observed[name] = LOCAL.has(name)
      ? command
      : (...args: unknown[]) =>
          command(...args).then(
            (value) => {
              reached();
              return value;
            },
            (reason: unknown) => {
              const error = toCommandError(reason);
              if (error.code !== 'server_unreachable') throw reason;
              // The offline cache's last answer stands in for the server's.
              if (error.cached) {
                lost(new Date(error.cached.saved_at));
                return error.cached.value;
              }
              lost();
              throw reason;
            },
          );
  }

  return {
    api: observed as unknown as Api,
    checkNow: check,
    reset: stop,
  };
}

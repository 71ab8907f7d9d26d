// The Billing page's status line sits in a dock along the bottom of the page,
// over whatever is under it. A success goes away by itself after a while, so
// it does not keep covering the page; a failure stays until it is dismissed or
// replaced. While the pointer is over the line or focus is in it, the wait is
// paused (WCAG 2.2.1); once both have left, it starts again in full.
//
//   success shown ─(8 s, not held)─▶ cleared
//        │  ▲
//   hold │  │ both holds released: wait 8 s again
//        ▼  │
//      paused
//
// A newer success restarts the wait; the older one's wait never clears it.

import type { ActionState } from '../actions';
import { timerSchedule, type Schedule } from './cardEntry';

export const STATUS_CLEAR_MS = 8000;

export type Done = NonNullable<ActionState['done']>;

/** What pauses the wait: the pointer over the line, or keyboard focus in it. */
export type Hold = 'pointer' | 'focus';

/** The success on screen: none while a change runs or a failure shows. */
export function shownSuccess(actions: ActionState): Done | undefined {
  if (actions.busy !== undefined) return undefined;
  if (Object.values(actions.errors).some((error) => error !== undefined)) return undefined;
  return actions.done;
}

export interface StatusTimer {
  /**
   * The success now on screen, or none. Another one than before starts its
   * wait; `held` says what already holds it (the pointer may rest where it
   * appears). The same one again changes nothing.
   */
  show(done: Done | undefined, held?: Partial<Record<Hold, boolean>>): void;
  /** The pointer entered or left the line; focus moved into or out of it. */
  hold(reason: Hold, on: boolean): void;
  /** Clears the success on screen now (its "Dismiss"). */
  dismiss(): void;
  /** The page goes away: no more waits. */
  dispose(): void;
}

export interface StatusTimerOptions {
  /** The success in the state now: only that one is ever cleared. */
  current: () => Done | undefined;
  /** Clears the action's outcome (the runner's `dismiss`). */
  dismiss: (key: string) => void;
  schedule?: Schedule;
  ms?: number;
}

export function createStatusTimer(options: StatusTimerOptions): StatusTimer {
  const schedule = options.schedule ?? timerSchedule;
  const ms = options.ms ?? STATUS_CLEAR_MS;
  let shown: Done | undefined;
  const held = new Set<Hold>();
  let cancel: (() => void) | undefined;
  let disposed = false;

  function stop() {
    cancel?.();
    cancel = undefined;
  }

  /** Clears `done` if it is still the one on screen, and nothing newer. */
  function clear(done: Done) {
    stop();
    if (shown === done) shown = undefined;
    held.clear();
    if (options.current() === done) options.dismiss(done.key);
  }

  function wait() {
    stop();
    const target = shown;
    if (!target || held.size > 0 || disposed) return;
    cancel = schedule(ms, () => {
      // A wait that was cancelled too late, or is for an older message, does nothing.
      if (shown !== target || held.size > 0 || disposed) return;
      cancel = undefined;
      clear(target);
    });
  }

  return {
    show(done, initial = {}) {
      if (done === shown || disposed) return;
      shown = done;
      // A new line: what held the old one (which may have gone without a `leave`) does not count.
      held.clear();
      if (initial.pointer) held.add('pointer');
      if (initial.focus) held.add('focus');
      wait();
    },

    hold(reason, on) {
      const before = held.size;
      if (on) held.add(reason);
      else held.delete(reason);
      if (before === 0 && held.size > 0) stop();
      else if (before > 0 && held.size === 0) wait();
    },

    dismiss() {
      const done = options.current();
      if (done) clear(done);
    },

    dispose() {
      disposed = true;
      stop();
    },
  };
}

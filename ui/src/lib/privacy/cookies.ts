// The Privacy section's cookie consent (PR-14): the person's own choice for
// the service's websites, which read it with the person's sign-in. It is not
// an account's: it is loaded once, whichever account is selected.
//
// - Three kinds: necessary cookies are always on (the sites do not work
//   without them); preference and analytics cookies each have a switch that
//   saves at once, with no question first. Turning one off says on the
//   status line what it curtails (PR-20).
// - Every save sends the whole choice on top of the version the user saw. A
//   choice changed elsewhere meanwhile (another device, the website's own
//   banner) is refused with a `conflict`: the current choice is loaded and
//   shown with a message, and the user makes their change again.
// - One change at a time: while a save runs, other clicks do nothing.

import { sameAnswer } from '../answers';
import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import { failure, type SectionDeps, type Slot } from '../deps';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import type { CommandError } from '../generated/CommandError';
import type { CookieChoice } from '../generated/CookieChoice';
import type { CookieConsent } from '../generated/CookieConsent';

export type CookieKind = 'necessary' | keyof CookieChoice;
/** The kinds the person chooses. */
export type ChosenKind = keyof CookieChoice;

export interface CookieRow {
  kind: CookieKind;
  /** The row's name: "Preferences". */
  label: string;
  /** In status lines: "Preference cookies". */
  noun: string;
  /** What they do. */
  explain: string;
  /** What turning them off curtails (PR-20); necessary ones cannot be turned off. */
  curtails?: string;
}

/** A row whose words are the current language's each time they are read. */
function row(kind: CookieKind, curtailing: boolean): CookieRow {
  const words = {
    kind,
    get label() {
      return t(`privacy.cookies.${kind}`);
    },
    get noun() {
      return t(`privacy.cookies.${kind}Noun`);
    },
    get explain() {
      return t(`privacy.cookies.${kind}Explain`);
    },
  };
  if (!curtailing || kind === 'necessary') return words;
  return Object.defineProperty(words, 'curtails', {
    get: () => t(`privacy.cookies.${kind}Curtails`),
    enumerable: true,
  }) as CookieRow;
}

/** The rows, in the order shown. */
export const COOKIE_ROWS: readonly CookieRow[] = [row('necessary', false), row('preferences', true), row('analytics', true)];

// Functions, not constants: the words are the current language's when asked.
export const cookieConflictMessage = (): string => t('privacy.cookies.conflict');

export const notChosen = (): string => t('privacy.cookies.notChosen');

/** Per person, not per account, and who reads it: one sentence for the card. */
export const perPerson = (): string => t('privacy.cookies.perPerson');

/** The action keys, one per switch (necessary cookies have none to save). */
export const cookieKey = (kind: CookieKind): string => `cookie:${kind}`;
export const COOKIE_KEYS = ['cookie:'];

export interface CookieState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  consent?: CookieConsent;
  /** The last save met a choice changed elsewhere; `consent` is that choice. */
  conflict: boolean;
  /** Keys: `cookie:preferences`, `cookie:analytics`. */
  actions: ActionState;
}

export const EMPTY_COOKIES: CookieState = { status: 'idle', conflict: false, actions: NO_ACTIONS };

export const cookieRow = (kind: CookieKind): CookieRow => COOKIE_ROWS.find((r) => r.kind === kind)!;

/** Whether cookies of `kind` may be set: necessary ones always. */
export function cookieOn(consent: CookieConsent, kind: CookieKind): boolean {
  return kind === 'necessary' ? true : consent[kind];
}

/** "Last chosen Feb 3, 2026, 9:30 AM", or that nothing was chosen yet. */
export function decidedText(consent: CookieConsent, locale?: string): string {
  return consent.decided_at
    ? t('privacy.cookies.lastChosen', { when: formatDateTime(consent.decided_at, locale) })
    : notChosen();
}

/** The status line after a save, from what the server now holds. */
export function savedMessage(kind: ChosenKind, consent: CookieConsent): string {
  const row = cookieRow(kind);
  return consent[kind]
    ? t('privacy.cookies.on', { noun: row.noun })
    : `${t('privacy.cookies.off', { noun: row.noun })} ${row.curtails ?? ''}`.trim();
}

/** A `null` decision (serde's `None`, should it be sent) is no decision. */
function normalise(consent: CookieConsent): CookieConsent {
  if (consent.decided_at) return consent;
  const rest = { ...consent };
  delete rest.decided_at;
  return rest;
}

export interface CookieController {
  runner: Runner;
  /** Reads the person's choice; also "Try again". */
  load(): Promise<void>;
  /** The page shown again: the choice read again, what is on screen staying until it is here. */
  revalidate(): Promise<void>;
  /** A click on a switch: saves at once. Resolves true once the change is saved. */
  setCookie(kind: CookieKind, on: boolean): Promise<boolean>;
  dismissConflict(): void;
}

export function createCookieController(deps: SectionDeps, slot: Slot<CookieState>): CookieController {
  const patch = (changes: Partial<CookieState>) => slot.set({ ...slot.get(), ...changes });
  const actionRunner = createRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });

  const idle = () => slot.get().actions.busy === undefined && !slot.get().actions.stepUp?.busy;

  // One status line: a new change clears the outcome of earlier ones.
  const runner: Runner = {
    ...actionRunner,
    run(key, action, success) {
      if (!idle()) return Promise.resolve(false);
      slot.set({ ...slot.get(), conflict: false, actions: { ...slot.get().actions, errors: {} } });
      return actionRunner.run(key, action, success);
    },
  };

  /** Bumped by every load: older answers are stale. */
  let generation = 0;

  async function load() {
    const mine = ++generation;
    patch({ status: 'loading', loadError: undefined });
    try {
      const consent = normalise(await deps.api.loadCookieConsent());
      if (mine === generation) patch({ status: 'ready', consent });
    } catch (reason) {
      const error = failure(deps, reason);
      if (mine === generation) patch({ status: 'failed', loadError: error });
    }
  }

  return {
    runner,
    load,

    async revalidate() {
      if (slot.get().status !== 'ready') return load();
      const mine = generation;
      const quiet = runner.quietSince();
      try {
        const consent = normalise(await deps.api.loadCookieConsent());
        if (mine === generation && quiet() && !sameAnswer(consent, slot.get().consent)) patch({ consent });
      } catch (reason) {
        // What is on screen stays; the offline banner or the next change says the rest.
        failure(deps, reason);
      }
    },

    async setCookie(kind, on) {
      if (kind === 'necessary' || !idle()) return false;
      const consent = slot.get().consent;
      if (!consent || consent[kind] === on) return false;
      const choice: CookieChoice = { preferences: consent.preferences, analytics: consent.analytics, [kind]: on };
      const key = cookieKey(kind);
      let said: string | undefined;
      const ran = await runner.run(key, async () => {
        let saved: CookieConsent;
        try {
          saved = normalise(await deps.api.saveCookieConsent(choice, consent.version));
        } catch (reason) {
          const error = toCommandError(reason);
          if (error.code !== 'conflict') throw error;
          // Refused as stale: show the current choice. If it cannot be read, that failure is shown instead.
          const current = normalise(await deps.api.loadCookieConsent());
          generation++;
          patch({ status: 'ready', consent: current, conflict: true });
          return;
        }
        generation++;
        patch({ status: 'ready', consent: saved });
        said = savedMessage(kind, saved);
      });
      if (!ran || said === undefined) return false;
      patch({ actions: { ...slot.get().actions, done: { key, message: said } } });
      return true;
    },

    dismissConflict: () => patch({ conflict: false }),
  };
}

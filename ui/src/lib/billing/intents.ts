// Idempotency keys for the changes that spend money (plan change, cancel,
// resume). One key per user intent: made when the confirmation opens, sent
// with every attempt of that intent (a double click, a retry after a network
// error, the retry after a step-up sign-in), so the server applies it once and
// replays the stored outcome for the rest.
//
// An intent is forgotten when it succeeded, or when the server refused it in a
// way that proves nothing happened (the next attempt is then a new intent). An
// attempt whose outcome is unknown (no answer, a server error, a conflict that
// may be the first attempt still running) keeps its key, even when the user
// closes the confirmation and opens it again.

import type { CommandError } from '../generated/CommandError';

export type Outcome = 'done' | 'refused' | 'unknown';

/** Refusals made before anything was applied. Anything else may have been applied. */
const NOTHING_HAPPENED: ReadonlySet<CommandError['code']> = new Set<CommandError['code']>([
  'invalid_input',
  'forbidden',
  'not_found',
]);

export function outcomeOf(error: CommandError): Outcome {
  return NOTHING_HAPPENED.has(error.code) ? 'refused' : 'unknown';
}

export interface Intents {
  /**
   * The confirmation for `intent` opened: its key (a new one, or the key of an
   * earlier attempt whose outcome is unknown).
   */
  open(intent: string): string;
  /**
   * The key to send now for `intent` with this request `body`: the open
   * intent's key, or a new one when the body differs from what was already
   * tried (another request is another intent).
   */
  keyFor(intent: string, body: string): string;
  /** What the attempt did: see the top of this file. */
  settle(intent: string, outcome: Outcome): void;
  /** The user closed the confirmation: forgotten unless an attempt's outcome is unknown. */
  close(intent: string): void;
  /** The key an intent holds now, if any. */
  current(intent: string): string | undefined;
  /** Another account: no intent carries over. */
  reset(): void;
}

interface Entry {
  key: string;
  /** What was sent with the key, once an attempt was made. */
  body?: string;
}

export const randomKey = (): string => crypto.randomUUID();

export function createIntents(newKey: () => string = randomKey): Intents {
  const entries = new Map<string, Entry>();

  return {
    open(intent) {
      const entry = entries.get(intent) ?? { key: newKey() };
      entries.set(intent, entry);
      return entry.key;
    },

    keyFor(intent, body) {
      let entry = entries.get(intent);
      if (!entry || (entry.body !== undefined && entry.body !== body)) entry = { key: newKey() };
      entry.body = body;
      entries.set(intent, entry);
      return entry.key;
    },

    settle(intent, outcome) {
      if (outcome !== 'unknown') entries.delete(intent);
    },

    close(intent) {
      if (entries.get(intent)?.body === undefined) entries.delete(intent);
    },

    current: (intent) => entries.get(intent)?.key,

    reset: () => entries.clear(),
  };
}

// The console's own errors in the chosen language. The desktop shell writes
// its errors in English, with details (which server, which file); codes
// with a fixed meaning are shown from the catalogue in other languages.
// What the server said in its own words (a conflict, a refusal, a field
// rule) is shown as it came: the server speaks English.

import type { CommandError } from '../generated/CommandError';
import type { MessageKey } from './catalogue';
import { language } from './locale.svelte';
import { t } from './translate';

const TRANSLATED = new Set<CommandError['code']>([
  'keyring_locked',
  'keyring_unavailable',
  'session_expired',
  'server_unreachable',
  'sign_in_cancelled',
  'operation_cancelled',
  'step_up_required',
  'forbidden',
  'staff_two_factor_required',
  'approval_required',
  'caller_not_verified',
]);

/** What to show for `error`: its own text in English, the catalogue's otherwise. */
export function localError(error: CommandError): { message: string; advice?: string } {
  if (language() === 'en' || !TRANSLATED.has(error.code)) {
    return { message: error.message, advice: error.advice ?? undefined };
  }
  const message = t(`errors.${error.code}.message` as MessageKey);
  const adviceKey = `errors.${error.code}.advice`;
  // Not every code has advice of its own; keep the shell's then.
  const advice = hasKey(adviceKey) ? t(adviceKey as MessageKey) : error.advice ?? undefined;
  return { message, advice };
}

function hasKey(key: string): boolean {
  return t(key as MessageKey) !== key;
}

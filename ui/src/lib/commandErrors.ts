// How the console reads what a desktop command rejected with: the shell's
// `CommandError`, Tauri's own string errors, or anything else, always as a
// `CommandError` the UI can show and branch on.

import type { CommandError } from './generated/CommandError';
import type { CommandErrorCode } from './generated/CommandErrorCode';
import type { FieldError } from './generated/FieldError';
import type { JsonValue } from './generated/serde_json/JsonValue';
import { t } from './i18n';

// A `Record` over the generated union: adding a code in Rust without adding it
// here fails the type check.
const KNOWN_CODES: Record<CommandErrorCode, true> = {
  keyring_locked: true,
  keyring_unavailable: true,
  session_expired: true,
  server_unreachable: true,
  sign_in_cancelled: true,
  operation_cancelled: true,
  invalid_input: true,
  step_up_required: true,
  forbidden: true,
  not_found: true,
  conflict: true,
  staff_two_factor_required: true,
  approval_required: true,
  caller_not_verified: true,
  other: true,
};

export function isCommandErrorCode(value: unknown): value is CommandErrorCode {
  return typeof value === 'string' && Object.hasOwn(KNOWN_CODES, value);
}

/** Written when a command failed without saying why; a function, so it is in the language of the moment. */
const fallbackMessage = (): string => t('start.error.fallback');

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The well-formed entries of a `fields` list; anything else is dropped. */
function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const f = item as Record<string, unknown>;
    const field = typeof f.field === 'string' ? f.field : undefined;
    const message = nonEmptyString(f.message);
    if (field === undefined || message === undefined) return [];
    return [{ field, rule: typeof f.rule === 'string' ? f.rule : 'invalid', message }];
  });
}

/**
 * Turns anything a command rejected with into a `CommandError`.
 *
 * - A well-formed `CommandError` keeps its fields (and only those; `null`
 *   optional fields, as serde sends them, become absent). `fields` keeps its
 *   well-formed entries, so rule violations reach the form.
 * - An object with an unknown code becomes code `other`, keeping its message.
 * - A string (Tauri's own errors, e.g. an unknown command) or an `Error`
 *   becomes code `other` with that message.
 */
export function toCommandError(reason: unknown): CommandError {
  if (typeof reason === 'string') {
    return { code: 'other', message: nonEmptyString(reason) ?? fallbackMessage() };
  }
  if (reason instanceof Error) {
    return { code: 'other', message: nonEmptyString(reason.message) ?? fallbackMessage() };
  }
  if (typeof reason === 'object' && reason !== null) {
    const r = reason as Record<string, unknown>;
    const message = nonEmptyString(r.message);
    const error: CommandError = {
      code: isCommandErrorCode(r.code) ? r.code : 'other',
      message: message ?? fallbackMessage(),
    };
    const advice = nonEmptyString(r.advice);
    if (advice !== undefined) error.advice = advice;
    const requestId = nonEmptyString(r.request_id);
    if (requestId !== undefined) error.request_id = requestId;
    const fields = fieldErrors(r.fields);
    if (fields.length > 0) error.fields = fields;
    const cached = r.cached as Record<string, unknown> | null | undefined;
    if (cached && typeof cached.saved_at === 'string' && 'value' in cached) {
      error.cached = { saved_at: cached.saved_at, value: cached.value as JsonValue };
    }
    return error;
  }
  return { code: 'other', message: fallbackMessage() };
}

/** Shown when the UI is opened in a plain browser instead of the desktop app; spread, it takes the words of the moment. */
export const NOT_IN_DESKTOP_APP: CommandError = {
  code: 'other',
  get message() {
    return t('start.error.notInApp');
  },
  get advice() {
    return t('start.error.notInAppAdvice');
  },
};

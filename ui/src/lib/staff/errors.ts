// How the staff workspace words the refusals it branches on, and where a
// rejected field's message goes.
//
// - `staff_two_factor_required`: the staff account signs in without a second
//   factor; every staff section shows one full-section message instead.
// - `approval_required`: the customer wants to approve staff access first
//   (PR-17); revealing and acting are refused until they grant it.
// - `caller_not_verified`: acting needs a verified caller or the customer's
//   own ticket (PR-10).

import { toCommandError } from '../commandErrors';
import { failure, type SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import type { CommandErrorCode } from '../generated/CommandErrorCode';
import { t, type MessageKey } from '../i18n';

// Functions, not constants: the words are the current language's when asked.
export const twoFactorRequiredMessage = (): string => t('staff.error.twoFactor');
export const approvalRequiredMessage = (): string => t('staff.error.approval');
export const callerNotVerifiedMessage = (): string => t('staff.error.caller');

const WORDING: Partial<Record<CommandErrorCode, MessageKey>> = {
  staff_two_factor_required: 'staff.error.twoFactor',
  approval_required: 'staff.error.approval',
  caller_not_verified: 'staff.error.caller',
};

/** The error in the workspace's words for the codes it branches on; others as they came. */
export function explainStaffError(error: CommandError): CommandError {
  const key = WORDING[error.code];
  if (key === undefined) return error;
  const message = t(key);
  // Our sentence already says what to do: the server's advice would repeat it.
  const explained: CommandError = { ...error, message };
  delete explained.advice;
  return explained;
}

/** Normalises a rejection, hands an ended session to the shell, and words it for staff. */
export function staffFailure(deps: SectionDeps, reason: unknown): CommandError {
  return explainStaffError(failure(deps, reason));
}

/** Runs `command`, rethrowing a rejection in the workspace's words (for a runner's action). */
export async function explained<T>(command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (reason) {
    throw explainStaffError(toCommandError(reason));
  }
}

export const isTwoFactorRequired = (error: CommandError | undefined): boolean =>
  error?.code === 'staff_two_factor_required';

/** The message to show next to `field`, if `error` rejected it. */
export function fieldMessage(error: CommandError | undefined, field: string): string | undefined {
  return error?.fields?.find((f) => f.field === field)?.message;
}

/**
 * The error to show above a form whose fields `shownFields` show their own
 * errors: none when each rejected field is among them; else the first other
 * field's message (the server's words for what went wrong).
 */
export function formError(error: CommandError | undefined, shownFields: readonly string[]): CommandError | undefined {
  if (!error) return undefined;
  const fields = error.fields ?? [];
  if (fields.length === 0) return error;
  const other = fields.find((f) => !shownFields.includes(f.field));
  return other ? { ...error, message: other.message } : undefined;
}

/** A required field left blank, refused before asking the server. */
export function requiredError(field: string, message: string): CommandError {
  return { code: 'invalid_input', message, fields: [{ field, rule: 'required', message }] };
}

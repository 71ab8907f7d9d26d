// A deliberately loose e-mail check for forms: catches typos before a round
// trip; the server has the final word.

import { t } from './i18n';

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value.trim());
}

/** Why `value` is not an address to send to, or undefined when it looks right. */
export function emailProblem(value: string): string | undefined {
  if (value.trim() === '') return t('common.email.missing');
  if (!isEmailAddress(value)) return t('common.email.invalid');
  return undefined;
}

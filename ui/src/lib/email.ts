// A deliberately loose e-mail check for forms: catches typos before a round
// trip; the server has the final word.

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value.trim());
}

/** Why `value` is not an address to send to, or undefined when it looks right. */
export function emailProblem(value: string): string | undefined {
  if (value.trim() === '') return 'Enter an e-mail address.';
  if (!isEmailAddress(value)) return 'Enter an e-mail address like name@example.com.';
  return undefined;
}

// The server's rules for what a customer sends support (PR-10, PR-17),
// mirrored so a form can say what is wrong before anything is sent. The
// server checks again and its field errors win; the words here are its words.
//
// - A request's subject: required, at most 200 characters, no line breaks
//   or tabs (no control characters at all).
// - A message: required, at most 10,000 characters; line breaks and tabs
//   are the only control characters allowed.
// - A support PIN: 6 to 10 digits, not all the same and not a run up or
//   down (wrapping round: 890123 is a run too).
// - A grant of support access: a whole number of hours, 1 to 72.
//
// Lengths count characters (code points), as the server does, after
// trimming.

import { formatNumber } from '../format';
import { t } from '../i18n';

export const SUBJECT_MAX = 200;
export const MESSAGE_MAX = 10_000;
export const PIN_MIN = 6;
export const PIN_MAX = 10;
export const GRANT_MIN_HOURS = 1;
export const GRANT_MAX_HOURS = 72;
export const GRANT_DEFAULT_HOURS = 24;

/** A rule a value breaks: the server's rule id and its words. */
export interface Problem {
  rule: string;
  message: string;
}

const length = (s: string) => [...s].length;
const CONTROL = /\p{Cc}/u;
// Control characters other than line feed and tab.
const BODY_CONTROL = /[^\P{Cc}\n\t]/u;

export function subjectProblem(subject: string): Problem | undefined {
  const s = subject.trim();
  if (s === '') return { rule: 'required', message: t('support.rule.subjectMissing') };
  if (length(s) > SUBJECT_MAX) return { rule: 'too_long', message: t('support.rule.tooLong', { max: SUBJECT_MAX }) };
  if (CONTROL.test(s)) {
    return { rule: 'control_characters', message: t('support.rule.subjectControl') };
  }
  return undefined;
}

export function bodyProblem(body: string): Problem | undefined {
  const b = body.trim();
  if (b === '') return { rule: 'required', message: t('support.rule.bodyMissing') };
  if (length(b) > MESSAGE_MAX) {
    return { rule: 'too_long', message: t('support.rule.tooLong', { max: formatNumber(MESSAGE_MAX) }) };
  }
  if (BODY_CONTROL.test(b)) {
    return {
      rule: 'control_characters',
      message: t('support.rule.bodyControl'),
    };
  }
  return undefined;
}

/** "1,234 of 10,000 characters": what a long message has left. */
export function lengthText(value: string, max: number): string {
  return t('support.rule.length', { count: formatNumber(length(value.trim())), max: formatNumber(max) });
}

export function pinProblem(pin: string): Problem | undefined {
  const p = pin.trim();
  if (!/^[0-9]+$/.test(p) || p.length < PIN_MIN || p.length > PIN_MAX) {
    return { rule: 'format', message: t('support.rule.pinFormat', { min: PIN_MIN, max: PIN_MAX }) };
  }
  const digits = [...p].map(Number);
  const pairs = digits.slice(1).map((d, i) => [digits[i]!, d] as const);
  const same = pairs.every(([a, b]) => a === b);
  const up = pairs.every(([a, b]) => b === (a + 1) % 10);
  const down = pairs.every(([a, b]) => (b + 1) % 10 === a);
  if (same || up || down) {
    return { rule: 'guessable', message: t('support.rule.pinGuessable') };
  }
  return undefined;
}

/** The hours of a grant as typed; `undefined` unless a whole number. */
export function parseHours(value: string | number): number | undefined {
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) return undefined;
  return Number(text);
}

export function hoursProblem(value: string | number): Problem | undefined {
  const hours = parseHours(value);
  if (hours === undefined || hours < GRANT_MIN_HOURS || hours > GRANT_MAX_HOURS) {
    return {
      rule: 'range',
      message: t('support.rule.hours', { min: GRANT_MIN_HOURS, max: GRANT_MAX_HOURS }),
    };
  }
  return undefined;
}

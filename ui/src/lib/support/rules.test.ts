import { describe, expect, it } from 'vitest';
import { bodyProblem, hoursProblem, lengthText, parseHours, pinProblem, subjectProblem } from './rules';

describe('a request’s subject', () => {
  it('is required, trimmed', () => {
    expect(subjectProblem('')).toEqual({ rule: 'required', message: 'Give the request a subject.' });
    expect(subjectProblem('   ')?.rule).toBe('required');
    expect(subjectProblem('  Wrong invoice name ')).toBeUndefined();
  });

  it('takes at most 200 characters, counted as characters', () => {
    expect(subjectProblem('x'.repeat(200))).toBeUndefined();
    expect(subjectProblem(` ${'x'.repeat(200)} `)).toBeUndefined();
    expect(subjectProblem('x'.repeat(201))).toEqual({ rule: 'too_long', message: 'At most 200 characters.' });
    // An emoji is one character, though two UTF-16 units.
    expect(subjectProblem('😀'.repeat(200))).toBeUndefined();
  });

  it('has no line breaks or tabs inside', () => {
    expect(subjectProblem('Two\nlines')?.rule).toBe('control_characters');
    expect(subjectProblem('A\ttab')?.message).toBe('Line breaks and tabs are not allowed in the subject.');
    expect(subjectProblem('Bell\u0007')?.rule).toBe('control_characters');
    // Trailing ones are trimmed away, as the server does.
    expect(subjectProblem('Fine\n')).toBeUndefined();
  });
});

describe('a message', () => {
  it('is required, at most 10,000 characters', () => {
    expect(bodyProblem(' \n ')).toEqual({ rule: 'required', message: 'Write a message.' });
    expect(bodyProblem('x'.repeat(10_000))).toBeUndefined();
    expect(bodyProblem('x'.repeat(10_001))).toEqual({ rule: 'too_long', message: 'At most 10,000 characters.' });
  });

  it('may have line breaks and tabs, but no other control characters', () => {
    expect(bodyProblem('Line one\nLine two\n\tindented')).toBeUndefined();
    expect(bodyProblem('Bell\u0007 here')?.rule).toBe('control_characters');
    expect(bodyProblem('Carriage\r\nreturn')?.rule).toBe('control_characters');
  });

  it('counts what is left', () => {
    expect(lengthText('  hello ', 10_000)).toBe('5 of 10,000 characters');
  });
});

describe('a support PIN', () => {
  it('takes 6 to 10 digits', () => {
    expect(pinProblem('402719')).toBeUndefined();
    expect(pinProblem(' 4027193851 ')).toBeUndefined();
    for (const pin of ['', '12345', '40271938512', '12a456', '40 2719', '４０２７１９', '-40271']) {
      expect(pinProblem(pin), pin).toEqual({ rule: 'format', message: 'Use 6 to 10 digits.' });
    }
  });

  it('refuses the same digit, and runs up or down, even wrapping round', () => {
    for (const pin of ['111111', '0000000000', '123456', '987654', '90123456', '8901234', '3210987', '0987654321']) {
      expect(pinProblem(pin), pin).toEqual({
        rule: 'guessable',
        message: 'Choose digits that are not all the same or in a run.',
      });
    }
    for (const pin of ['112233', '123457', '135791', '975310']) expect(pinProblem(pin), pin).toBeUndefined();
  });
});

describe('the hours of a grant', () => {
  it('are a whole number from 1 to 72', () => {
    expect(parseHours('24')).toBe(24);
    expect(parseHours(' 8 ')).toBe(8);
    expect(parseHours(12)).toBe(12);
    for (const bad of ['', '1.5', '-3', 'two', '1e1']) expect(parseHours(bad), bad).toBeUndefined();
    expect(hoursProblem('1')).toBeUndefined();
    expect(hoursProblem(72)).toBeUndefined();
    for (const bad of ['0', '73', '', '2.5']) {
      expect(hoursProblem(bad), bad).toEqual({ rule: 'range', message: 'Choose a whole number of hours from 1 to 72.' });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createIntents, outcomeOf } from './intents';

function intents() {
  let n = 0;
  return createIntents(() => `k${++n}`);
}

describe('idempotency intents', () => {
  it('makes one key per intent and sends it on every attempt', () => {
    const i = intents();
    expect(i.open('plan:a')).toBe('k1');
    expect(i.open('plan:a')).toBe('k1');
    expect(i.keyFor('plan:a', 'a')).toBe('k1');
    i.settle('plan:a', 'unknown');
    expect(i.keyFor('plan:a', 'a')).toBe('k1');
    i.settle('plan:a', 'done');
    expect(i.current('plan:a')).toBeUndefined();
    expect(i.open('plan:a')).toBe('k2');
  });

  it('makes a new key when the request body changes', () => {
    const i = intents();
    i.open('cancel');
    expect(i.keyFor('cancel', 'too expensive')).toBe('k1');
    i.settle('cancel', 'unknown');
    expect(i.keyFor('cancel', 'moving')).toBe('k2');
  });

  it('forgets on close only what was never tried', () => {
    const i = intents();
    i.open('a');
    i.close('a');
    expect(i.current('a')).toBeUndefined();
    i.open('b');
    i.keyFor('b', '');
    i.settle('b', 'unknown');
    i.close('b');
    expect(i.open('b')).toBe('k2');
  });

  it('treats only refusals made before anything happened as "refused"', () => {
    expect(outcomeOf({ code: 'invalid_input', message: '' })).toBe('refused');
    expect(outcomeOf({ code: 'forbidden', message: '' })).toBe('refused');
    expect(outcomeOf({ code: 'not_found', message: '' })).toBe('refused');
    expect(outcomeOf({ code: 'server_unreachable', message: '' })).toBe('unknown');
    expect(outcomeOf({ code: 'other', message: '' })).toBe('unknown');
    expect(outcomeOf({ code: 'conflict', message: '' })).toBe('unknown');
    expect(outcomeOf({ code: 'step_up_required', message: '' })).toBe('unknown');
  });

  it('uses random UUIDs by default', () => {
    const i = createIntents();
    expect(i.open('x')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

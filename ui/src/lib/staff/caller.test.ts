import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CallerCheck } from '../generated/CallerCheck';
import type { CustomerView } from '../generated/CustomerView';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { ADA, ADA_PIN, ADA_USER, CHARLES_USER, EMAIL_CODE, ENGINES, fakeStaff, type FakeStaff } from '../testing/staff';
import {
  answerRequired,
  CALLER_CHECK_KEY,
  createCallerController,
  defaultMethod,
  EMPTY_CALLER,
  resultText,
  type CallerState,
} from './caller';
import { fieldMessage } from './errors';

async function setup(accountId = ENGINES, fake: FakeStaff = fakeStaff(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: CallerState = EMPTY_CALLER;
  const ctl = createCallerController(deps, { get: () => state, set: (s) => (state = s) });
  const view = await fake.api.loadCustomer(accountId);
  ctl.reset(view);
  return { api, fake, ctl, view, state: () => state };
}

describe('choosing who is calling', () => {
  it('picks the only member, and their PIN when they set one', async () => {
    const t = await setup(ADA);
    expect(t.state()).toMatchObject({ accountId: ADA, userId: ADA_USER, method: 'support_pin' });
  });

  it('asks which member when there are several', async () => {
    const t = await setup(ENGINES);
    expect(t.state().userId).toBeUndefined();
    t.ctl.selectMember(CHARLES_USER);
    expect(t.state()).toMatchObject({ userId: CHARLES_USER, method: 'email_code' });
    t.ctl.selectMember(ADA_USER);
    expect(t.state()).toMatchObject({ userId: ADA_USER, method: 'support_pin' });
    t.ctl.selectMember('nobody');
    expect(t.state().userId).toBe(ADA_USER);
  });

  it('offers no PIN check for a member without a PIN', async () => {
    const t = await setup(ENGINES);
    t.ctl.selectMember(CHARLES_USER);
    t.ctl.selectMethod('support_pin');
    expect(t.state().method).toBe('email_code');
    expect(defaultMethod(undefined)).toBe('support_pin');
  });

  it('shows the check still in force when the customer opens', async () => {
    const fake = fakeStaff();
    await fake.api.checkCaller(ADA, { user_id: ADA_USER, method: 'support_pin', answer: ADA_PIN });
    const t = await setup(ADA, fake);
    expect(t.state().result).toMatchObject({ passed: true, user_id: ADA_USER });
    expect(t.state().userId).toBe(ADA_USER);
  });
});

describe('checking a support PIN', () => {
  it('records a pass, valid until a time', async () => {
    const t = await setup(ADA);
    expect(await t.ctl.check(` ${ADA_PIN} `)).toBe(true);
    expect(t.api.checkCaller).toHaveBeenCalledWith(ADA, { user_id: ADA_USER, method: 'support_pin', answer: ADA_PIN });
    expect(t.state().result).toMatchObject({ passed: true, attempts_left: 3 });
    expect(resultText(t.state().result!)).toMatch(/^Ada Lovelace is verified until /);
  });

  it('records a wrong answer as a result, with the attempts left', async () => {
    const t = await setup(ADA);
    expect(await t.ctl.check('0000')).toBe(true);
    expect(t.state().result).toMatchObject({ passed: false, attempts_left: 2 });
    expect(t.state().actions.errors[CALLER_CHECK_KEY]).toBeUndefined();
    expect(resultText(t.state().result!)).toBe('The answer for Ada Lovelace did not match. 2 attempts left.');
  });

  it('refuses a blank answer next to the field', async () => {
    const t = await setup(ADA);
    expect(await t.ctl.check('  ')).toBe(false);
    expect(t.api.checkCaller).not.toHaveBeenCalled();
    expect(fieldMessage(t.state().actions.errors[CALLER_CHECK_KEY], 'answer')).toBe(answerRequired('support_pin'));
  });

  it('does nothing before a member is chosen', async () => {
    const t = await setup(ENGINES);
    expect(await t.ctl.check('1234')).toBe(false);
    expect(await t.ctl.sendCode()).toBe(false);
  });
});

describe('checking an e-mail code', () => {
  it('sends the code, says where and until when, and checks it', async () => {
    const t = await setup(ENGINES);
    t.ctl.selectMember(CHARLES_USER);
    expect(await t.ctl.sendCode()).toBe(true);
    expect(t.api.sendCallerCode).toHaveBeenCalledWith(ENGINES, CHARLES_USER);
    expect(t.state().sent).toMatchObject({ sent_to: 'c***@engines.example', userId: CHARLES_USER });
    expect(await t.ctl.check(EMAIL_CODE)).toBe(true);
    expect(t.state().result).toMatchObject({ passed: true, method: 'email_code', user_id: CHARLES_USER });
    // Used up.
    expect(t.state().sent).toBeUndefined();
  });

  it('forgets a code sent to someone else when another member is chosen', async () => {
    const t = await setup(ENGINES);
    t.ctl.selectMember(CHARLES_USER);
    await t.ctl.sendCode();
    t.ctl.selectMember(ADA_USER);
    expect(t.state().sent).toBeUndefined();
  });
});

describe('another customer', () => {
  it('drops a check still on its way', async () => {
    const fake = fakeStaff();
    const slow = deferred<CallerCheck>();
    const t = await setup(ADA, fake, { checkCaller: vi.fn(() => slow.promise) });
    const check = t.ctl.check(ADA_PIN);
    const other: CustomerView = await fake.api.loadCustomer(ENGINES);
    t.ctl.reset(other);
    slow.resolve({
      id: 'c1',
      user_id: ADA_USER,
      user_name: 'Ada Lovelace',
      method: 'support_pin',
      passed: true,
      checked_at: '2026-03-05T10:00:00Z',
      valid_until: '2999-01-01T00:00:00Z',
      attempts_left: 3,
    });
    expect(await check).toBe(false);
    expect(t.state()).toMatchObject({ accountId: ENGINES });
    expect(t.state().result).toBeUndefined();
  });

  it('says when no attempts are left, or a pass ran out', () => {
    const base: CallerCheck = {
      id: 'c',
      user_id: 'u',
      user_name: 'Ada',
      method: 'support_pin',
      passed: false,
      checked_at: '2026-03-05T10:00:00Z',
      valid_until: '2026-03-05T10:00:00Z',
      attempts_left: 0,
    };
    expect(resultText(base)).toMatch(/No attempts are left/);
    expect(resultText({ ...base, attempts_left: 1 })).toMatch(/1 attempt left/);
    expect(resultText({ ...base, passed: true }, new Date('2026-03-05T11:00:00Z'))).toMatch(/Verify them again/);
  });
});

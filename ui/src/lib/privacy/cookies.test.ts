import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CommandError } from '../generated/CommandError';
import type { CookieConsent } from '../generated/CookieConsent';
import { cookieConsent, fakeCookies, type FakeCookies } from '../testing/cookies';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { customerSession } from '../testing/fixtures';
import {
  cookieConflictMessage,
  COOKIE_ROWS,
  cookieKey,
  cookieOn,
  createCookieController,
  decidedText,
  EMPTY_COOKIES,
  notChosen,
  savedMessage,
  type CookieState,
} from './cookies';

function setup(fake: FakeCookies = fakeCookies(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: CookieState = EMPTY_COOKIES;
  const ctl = createCookieController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, deps, ctl, fake, state: () => state };
}

async function loaded(fake: FakeCookies = fakeCookies(), overrides: Partial<Api> = {}) {
  const t = setup(fake, overrides);
  await t.ctl.load();
  return t;
}

describe('the rows and their words', () => {
  it('lists necessary, preference and analytics cookies, saying what each does and what turning it off curtails', () => {
    expect(COOKIE_ROWS.map((r) => [r.kind, r.label, r.explain, r.curtails])).toEqual([
      ['necessary', 'Necessary', 'Sign-in and security; the sites do not work without them.', undefined],
      [
        'preferences',
        'Preferences',
        'Remembers choices such as language and player volume.',
        'The sites will not remember your language and player settings.',
      ],
      [
        'analytics',
        'Analytics',
        'Aggregate visit statistics that help us improve the sites.',
        'Your visits are not counted in our statistics.',
      ],
    ]);
  });

  it('reads necessary cookies as always on', () => {
    const consent = cookieConsent({ preferences: true });
    expect(cookieOn(consent, 'necessary')).toBe(true);
    expect(cookieOn(consent, 'preferences')).toBe(true);
    expect(cookieOn(consent, 'analytics')).toBe(false);
  });

  it('says when the choice was made, or that only necessary cookies are used until then', () => {
    expect(decidedText(cookieConsent())).toBe('Not chosen yet: only necessary cookies are used.');
    expect(notChosen()).toBe('Not chosen yet: only necessary cookies are used.');
    const at = '2026-02-03T09:30:00Z';
    expect(decidedText(cookieConsent({}, 1, at), 'en-GB')).toBe(
      `Last chosen ${new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at))}`,
    );
    expect(decidedText(cookieConsent({}, 1, at))).toMatch(/^Last chosen \S/);
    // `null`, should the shell ever send it, is no decision either.
    expect(decidedText({ ...cookieConsent(), decided_at: null } as unknown as CookieConsent)).toBe(notChosen());
  });

  it('words a saved change, turning off with what it curtails', () => {
    expect(savedMessage('preferences', cookieConsent({ preferences: false }, 2))).toBe(
      'Preference cookies are off. The sites will not remember your language and player settings.',
    );
    expect(savedMessage('analytics', cookieConsent({ analytics: false }, 2))).toBe(
      'Analytics cookies are off. Your visits are not counted in our statistics.',
    );
    expect(savedMessage('analytics', cookieConsent({ analytics: true }, 2))).toBe('Analytics cookies are on.');
  });
});

describe('loading', () => {
  it('loads the person’s choice, once, whatever the account', async () => {
    const fake = fakeCookies({ preferences: true, decided: true });
    const t = await loaded(fake);
    expect(t.api.loadCookieConsent).toHaveBeenCalledTimes(1);
    expect(t.api.loadCookieConsent).toHaveBeenCalledWith();
    expect(t.state()).toMatchObject({ status: 'ready', conflict: false });
    expect(t.state().consent).toEqual(fake.current());
  });

  it('keeps no decision for a consent never chosen', async () => {
    const t = await loaded(fakeCookies(), {
      loadCookieConsent: vi.fn(() =>
        Promise.resolve({ ...cookieConsent(), decided_at: null } as unknown as CookieConsent),
      ),
    });
    expect(t.state().consent).toEqual(cookieConsent());
    expect(t.state().consent && 'decided_at' in t.state().consent!).toBe(false);
  });

  it('shows why it could not load, and loads again on "Try again"', async () => {
    const fake = fakeCookies();
    const error: CommandError = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const load = vi.fn<Api['loadCookieConsent']>(() => Promise.reject(error));
    const t = await loaded(fake, { loadCookieConsent: load });
    expect(t.state()).toMatchObject({ status: 'failed', loadError: error });
    expect(t.state().consent).toBeUndefined();
    load.mockImplementationOnce(fake.api.loadCookieConsent);
    await t.ctl.load();
    expect(t.state()).toMatchObject({ status: 'ready', loadError: undefined });
    expect(t.state().consent).toEqual(fake.current());
  });

  it('hands an ended session to the shell', async () => {
    const expired: CommandError = { code: 'session_expired', message: 'Sign in again.' };
    const t = await loaded(fakeCookies(), { loadCookieConsent: vi.fn(() => Promise.reject(expired)) });
    expect(t.deps.sessionEnded).toHaveBeenCalledWith(expired);
  });

  it('keeps only the latest answer when loaded twice', async () => {
    const first = deferred<CookieConsent>();
    const fake = fakeCookies({ analytics: true, decided: true });
    const load = vi.fn<Api['loadCookieConsent']>(() => first.promise);
    const t = setup(fake, { loadCookieConsent: load });
    const stale = t.ctl.load();
    load.mockImplementationOnce(fake.api.loadCookieConsent);
    await t.ctl.load();
    first.resolve(cookieConsent({}, 0));
    await stale;
    expect(t.state().consent).toEqual(fake.current());
  });
});

describe('a switch', () => {
  it('saves at once with the whole choice and the version seen, and says it is on', async () => {
    const fake = fakeCookies({ analytics: true, decided: true, version: 4 });
    const t = await loaded(fake);
    await expect(t.ctl.setCookie('preferences', true)).resolves.toBe(true);
    expect(t.api.saveCookieConsent).toHaveBeenCalledWith({ preferences: true, analytics: true }, 4n);
    expect(t.state().consent).toEqual(fake.current());
    expect(t.state().consent).toMatchObject({ version: 5n, preferences: true, analytics: true });
    expect(t.state().actions.done).toEqual({ key: cookieKey('preferences'), message: 'Preference cookies are on.' });
    expect(t.state().actions.busy).toBeUndefined();
  });

  it('turns off at once, saying what it curtails', async () => {
    const fake = fakeCookies({ preferences: true, analytics: true, decided: true });
    const t = await loaded(fake);
    await expect(t.ctl.setCookie('analytics', false)).resolves.toBe(true);
    expect(t.api.saveCookieConsent).toHaveBeenCalledWith({ preferences: true, analytics: false }, 1n);
    expect(t.state().consent?.analytics).toBe(false);
    expect(t.state().actions.done).toEqual({
      key: cookieKey('analytics'),
      message: 'Analytics cookies are off. Your visits are not counted in our statistics.',
    });
    await expect(t.ctl.setCookie('preferences', false)).resolves.toBe(true);
    expect(t.api.saveCookieConsent).toHaveBeenLastCalledWith({ preferences: false, analytics: false }, 2n);
    expect(t.state().actions.done?.message).toBe(
      'Preference cookies are off. The sites will not remember your language and player settings.',
    );
    expect(fake.receipts().map((r) => `${r.subject}: ${r.old_state} → ${r.new_state}`)).toEqual([
      'cookies/analytics: accepted → refused',
      'cookies/preferences: accepted → refused',
    ]);
  });

  it('records the first choice, and then when it was made', async () => {
    const fake = fakeCookies();
    const t = await loaded(fake);
    expect(t.state().consent).toEqual(cookieConsent());
    expect(decidedText(t.state().consent!)).toBe(notChosen());
    await t.ctl.setCookie('analytics', true);
    expect(t.api.saveCookieConsent).toHaveBeenCalledWith({ preferences: false, analytics: true }, 0n);
    const decided = t.state().consent?.decided_at;
    expect(decided).toBeDefined();
    expect(decidedText(t.state().consent!)).toMatch(/^Last chosen /);
    expect(fake.receipts()).toEqual([
      { subject: 'cookies/preferences', old_state: 'not_chosen', new_state: 'refused' },
      { subject: 'cookies/analytics', old_state: 'not_chosen', new_state: 'accepted' },
    ]);
  });

  it('does nothing for necessary cookies, or when the switch is already there', async () => {
    const t = await loaded(fakeCookies({ preferences: true, decided: true }));
    await expect(t.ctl.setCookie('necessary', false)).resolves.toBe(false);
    await expect(t.ctl.setCookie('preferences', true)).resolves.toBe(false);
    await expect(t.ctl.setCookie('analytics', false)).resolves.toBe(false);
    expect(t.api.saveCookieConsent).not.toHaveBeenCalled();
  });

  it('does nothing before the choice is loaded', async () => {
    const t = setup();
    await expect(t.ctl.setCookie('analytics', true)).resolves.toBe(false);
    expect(t.api.saveCookieConsent).not.toHaveBeenCalled();
  });
});

describe('one change at a time', () => {
  it('does not save twice while a save runs; the next save carries the new version', async () => {
    const fake = fakeCookies({ decided: true });
    const pending = deferred<CookieConsent>();
    const save = vi.fn<Api['saveCookieConsent']>(() => pending.promise);
    const t = await loaded(fake, { saveCookieConsent: save });
    const first = t.ctl.setCookie('preferences', true);
    expect(t.state().actions.busy).toBe(cookieKey('preferences'));
    await expect(t.ctl.setCookie('preferences', true)).resolves.toBe(false);
    await expect(t.ctl.setCookie('analytics', true)).resolves.toBe(false);
    expect(save).toHaveBeenCalledTimes(1);
    pending.resolve(cookieConsent({ preferences: true }, 2, '2026-02-03T10:00:00Z'));
    await expect(first).resolves.toBe(true);
    expect(t.state().actions.busy).toBeUndefined();
    save.mockResolvedValueOnce(cookieConsent({ preferences: true, analytics: true }, 3, '2026-02-03T10:01:00Z'));
    await expect(t.ctl.setCookie('analytics', true)).resolves.toBe(true);
    expect(save).toHaveBeenLastCalledWith({ preferences: true, analytics: true }, 2n);
    expect(save).toHaveBeenCalledTimes(2);
  });
});

describe('a choice changed elsewhere', () => {
  it('is not overwritten: the current choice is loaded and shown with the message', async () => {
    const fake = fakeCookies({ decided: true });
    const t = await loaded(fake);
    fake.elsewhere({ preferences: false, analytics: true });
    await expect(t.ctl.setCookie('preferences', true)).resolves.toBe(false);
    expect(t.api.saveCookieConsent).toHaveBeenCalledWith({ preferences: true, analytics: false }, 1n);
    expect(t.api.loadCookieConsent).toHaveBeenCalledTimes(2);
    expect(t.state().conflict).toBe(true);
    expect(t.state().consent).toEqual(fake.current());
    expect(t.state().consent).toMatchObject({ preferences: false, analytics: true, version: 2n });
    expect(t.state().actions.errors).toEqual({});
    expect(t.state().actions.done).toBeUndefined();
    expect(fake.current().preferences).toBe(false);
    expect(cookieConflictMessage()).toBe('Your cookie choice was changed elsewhere; we loaded the current one.');

    // Made again on the current choice, it keeps the change made elsewhere and clears the message.
    await expect(t.ctl.setCookie('preferences', true)).resolves.toBe(true);
    expect(t.api.saveCookieConsent).toHaveBeenLastCalledWith({ preferences: true, analytics: true }, 2n);
    expect(t.state().conflict).toBe(false);
  });

  it('clears the message when dismissed', async () => {
    const fake = fakeCookies({ decided: true });
    const t = await loaded(fake);
    fake.elsewhere({ preferences: true, analytics: true });
    await t.ctl.setCookie('analytics', true);
    expect(t.state().conflict).toBe(true);
    t.ctl.dismissConflict();
    expect(t.state().conflict).toBe(false);
  });

  it('shows the failure to read the current choice, not a conflict message', async () => {
    const fake = fakeCookies({ decided: true });
    const unreachable: CommandError = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const load = vi.fn<Api['loadCookieConsent']>(fake.api.loadCookieConsent);
    const t = await loaded(fake, { loadCookieConsent: load });
    fake.elsewhere({ preferences: true, analytics: false });
    load.mockRejectedValueOnce(unreachable);
    await expect(t.ctl.setCookie('analytics', true)).resolves.toBe(false);
    expect(t.state().conflict).toBe(false);
    expect(t.state().actions.errors[cookieKey('analytics')]).toEqual(unreachable);
  });
});

describe('refusals', () => {
  it('shows a failed save next to the switch, leaves the choice as it was, and clears it on the next change', async () => {
    const fake = fakeCookies({ decided: true });
    const boom: CommandError = { code: 'other', message: 'Something unexpected went wrong.', request_id: 'r-1' };
    const save = vi.fn<Api['saveCookieConsent']>(() => Promise.reject(boom));
    const t = await loaded(fake, { saveCookieConsent: save });
    await expect(t.ctl.setCookie('analytics', true)).resolves.toBe(false);
    expect(t.state().actions.errors[cookieKey('analytics')]).toEqual(boom);
    expect(t.state().actions.done).toBeUndefined();
    expect(t.state().consent).toEqual(fake.current());
    expect(t.state().conflict).toBe(false);
    save.mockImplementationOnce(fake.api.saveCookieConsent);
    await expect(t.ctl.setCookie('analytics', true)).resolves.toBe(true);
    expect(t.state().actions.errors).toEqual({});
  });

  it('hands an ended session to the shell', async () => {
    const expired: CommandError = { code: 'session_expired', message: 'Sign in again.' };
    const t = await loaded(fakeCookies(), { saveCookieConsent: vi.fn(() => Promise.reject(expired)) });
    await t.ctl.setCookie('preferences', true);
    expect(t.deps.sessionEnded).toHaveBeenCalledWith(expired);
  });

  it('asks for a fresh sign-in when the server wants one, then saves', async () => {
    const fake = fakeCookies();
    const save = vi.fn<Api['saveCookieConsent']>(() =>
      Promise.reject({ code: 'step_up_required', message: 'Sign in again.' }),
    );
    const t = await loaded(fake, { saveCookieConsent: save, reauthenticate: vi.fn(() => Promise.resolve(customerSession)) });
    const saving = t.ctl.setCookie('analytics', true);
    await vi.waitFor(() => expect(t.state().actions.stepUp).toEqual({ key: cookieKey('analytics'), busy: false }));
    save.mockImplementationOnce(fake.api.saveCookieConsent);
    await t.ctl.runner.confirmStepUp();
    await expect(saving).resolves.toBe(true);
    expect(t.state().consent?.analytics).toBe(true);
  });
});

describe('shown again (a kept page)', () => {
  it('reads the choice again, keeping it on screen meanwhile, and shows one made elsewhere', async () => {
    const fake = fakeCookies({ decided: true });
    const t = await loaded(fake);
    fake.elsewhere({ preferences: true, analytics: true });
    const again = t.ctl.revalidate();
    expect(t.state().status).toBe('ready');
    await again;
    expect(t.state().consent).toEqual(fake.current());
    expect(t.state().actions).toEqual({ errors: {} });
  });

  it('drops a choice read before a change was saved', async () => {
    const fake = fakeCookies({ decided: true });
    const t = await loaded(fake);
    const read = deferred<CookieConsent>();
    const before = fake.current();
    vi.mocked(t.api.loadCookieConsent).mockImplementationOnce(() => read.promise);
    const again = t.ctl.revalidate();
    await t.ctl.setCookie('analytics', true);
    read.resolve(before);
    await again;
    expect(t.state().consent).toMatchObject({ analytics: true });
  });
});

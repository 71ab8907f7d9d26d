// Server-side renders of what shows while code loads on demand: the console
// opening after sign-in (or saying it could not), and a section's page the
// first time it is opened.

import { render } from 'svelte/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ONLINE } from '../connectivity';
import type { Controller } from '../controller';
import { setLanguage } from '../i18n';
import { HOME_SECTION, type ShellScreen } from '../state';
import { unexpectedApi } from '../testing/fakeApi';
import { customerSession, sessionExpired } from '../testing/fixtures';
import OpeningConsole from './OpeningConsole.svelte';
import RetryAlert from './RetryAlert.svelte';
import Shell from './Shell.svelte';
import { SECTION_VIEWS } from './shell/sectionViews';

const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');

const view: ShellScreen = { screen: 'shell', session: customerSession, section: 'profile' };

function opening(failed: boolean, shown: ShellScreen = view): string {
  const none = () => {};
  return clean(render(OpeningConsole, { props: { view: shown, failed, onretry: none, onsignout: none, ondismiss: none } }).body);
}

afterEach(() => setLanguage('en'));

describe('the console opening after sign-in', () => {
  it('says so while its code loads', () => {
    const html = opening(false);
    expect(html).toMatch(/data-testid="busy" data-busy="loading"[\s\S]*Opening the console…/);
    expect(html).not.toContain('role="alert"');
  });

  it('says when it could not be opened, with a way to try again or sign out', () => {
    const html = opening(true);
    expect(html).toContain('data-testid="console-load-error"');
    expect(html).toContain('Signed in, but the console could not be opened.');
    expect(html).toContain('If it keeps failing, sign out and restart Steward.');
    expect(html).toMatch(/data-testid="console-load-retry"[^>]*>\s*Try again/);
    expect(html).toMatch(/data-testid="console-load-sign-out"[^>]*>\s*Sign out/);
    expect(html).not.toContain('data-testid="busy"');
  });

  it('shows signing out, and what went wrong, from there', () => {
    const html = opening(true, { ...view, busy: { kind: 'sign_out' }, error: sessionExpired });
    expect(html).toMatch(/data-busy="sign_out"[\s\S]*Signing out…/);
    expect(html).toMatch(/data-testid="console-load-retry"[^>]*aria-disabled="true"/);
    expect(html).toContain('data-testid="error"');
  });

  it('speaks German', async () => {
    await setLanguage('de');
    expect(opening(false)).toContain('Die Konsole wird geöffnet…');
    const html = opening(true);
    expect(html).toContain('Sie sind angemeldet, aber die Konsole ließ sich nicht öffnen.');
    expect(html).toMatch(/data-testid="console-load-retry"[^>]*>\s*Erneut versuchen/);
  });
});

describe('a section opened for the first time', () => {
  const shell = (section: ShellScreen['section']) =>
    clean(
      render(Shell, {
        props: {
          view: { ...view, section },
          controller: {} as Controller,
          api: unexpectedApi(),
          connectivity: ONLINE,
          onretry: () => {},
        },
      }).body,
    );

  it('shows the frame at once and the page once its code is here', async () => {
    const before = shell('communications');
    expect(before).toContain('data-testid="nav-communications"');
    expect(before).toMatch(/class="page-loading[^"]*"[^>]*aria-busy="true"/);
    expect(before).not.toContain('data-testid="communications-section"');

    await SECTION_VIEWS.communications.load();
    const after = shell('communications');
    expect(after).toContain('data-testid="communications-section"');
    expect(after).not.toContain('class="page-loading');
  });

  it('fetches the home section along with the shell', async () => {
    await vi.waitFor(() => expect(SECTION_VIEWS[HOME_SECTION].current).toBeDefined());
    expect(shell(HOME_SECTION)).toContain(`data-testid="section-${HOME_SECTION}"`);
  });
});

describe('the alert for code that could not be loaded', () => {
  const alert = (more: { locked?: boolean; primary?: boolean }) => {
    const props = { message: 'Not loaded.', advice: 'Reload it.', testid: 'x-error', retryTestid: 'x-retry', onretry: () => {} };
    return clean(render(RetryAlert, { props: { ...props, ...more } }).body);
  };

  it('says what failed, with "Try again" as a secondary button by default', () => {
    const html = alert({});
    expect(html).toMatch(/data-testid="x-error" data-code="other"[\s\S]*Not loaded\.[\s\S]*Reload it\./);
    expect(html).toMatch(/class="btn btn-secondary btn-small" data-testid="x-retry">\s*Try again/);
  });

  it('shows the button as the main action, and as unavailable while locked', () => {
    expect(alert({ primary: true, locked: true })).toMatch(
      /class="btn btn-primary btn-small" data-testid="x-retry" aria-disabled="true"/,
    );
  });
});

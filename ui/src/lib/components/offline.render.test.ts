// Server-side renders of the shell while offline (issue 7): the banner says
// which server, since when the data on screen dates, and offers a retry.

import { render } from 'svelte/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { ONLINE, type Connectivity } from '../connectivity';
import type { Controller } from '../controller';
import { formatTime } from '../format';
import type { ShellScreen } from '../state';
import { unexpectedApi } from '../testing/fakeApi';
import { customerSession } from '../testing/fixtures';
import Shell from './Shell.svelte';
import { loadAllSections } from './shell/sectionViews';

const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');

function shell(connectivity: Connectivity): string {
  const view: ShellScreen = { screen: 'shell', session: customerSession, section: 'notices' };
  const api = unexpectedApi();
  return clean(render(Shell, { props: { view, controller: {} as Controller, api, connectivity, onretry: () => {} } }).body);
}

// Sections load when first opened; a server render shows what is here already.
beforeAll(loadAllSections);

describe('the offline banner', () => {
  it('is absent while the server answers', () => {
    expect(shell(ONLINE)).not.toContain('data-testid="offline-banner"');
  });

  it('names the server and the time of the last answer, and offers to try again', () => {
    const lastContact = new Date('2026-11-30T09:41:00Z');
    const html = shell({ status: 'offline', since: new Date('2026-11-30T09:45:00Z'), lastContact, checking: false });
    expect(html).toContain('data-testid="offline-banner"');
    expect(html).toContain('role="status"');
    const host = new URL(customerSession.connection.server_url).host;
    expect(html).toContain(`can't reach ${host}.`);
    expect(html).toContain(`datetime="${lastContact.toISOString()}"`);
    expect(html).toContain(formatTime(lastContact.toISOString()));
    expect(html).toMatch(/data-testid="offline-retry"[^>]*>\s*Try again/);
  });

  it('dates the data from when the connection was lost if the server never answered', () => {
    const since = new Date('2026-11-30T09:45:00Z');
    const html = shell({ status: 'offline', since, checking: true });
    expect(html).toContain(`datetime="${since.toISOString()}"`);
    expect(html).toMatch(/aria-disabled="true"[^>]*>\s*Checking…/);
  });
});

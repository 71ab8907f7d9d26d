// The console in German, rendered: the start screen and the shell for a
// customer and for an administrator. A smoke test that the catalogues reach
// the pages (the parity test checks the catalogues themselves).

import { render } from 'svelte/server';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ONLINE } from '../connectivity';
import type { Controller } from '../controller';
import type { SectionId } from '../sections';
import type { ShellScreen } from '../state';
import { unexpectedApi } from '../testing/fakeApi';
import { customerSession, remoteConnection } from '../testing/fixtures';
import { adminMe } from '../testing/staff';
import Shell from '../components/Shell.svelte';
import { loadAllSections } from '../components/shell/sectionViews';
import StartScreen from '../components/StartScreen.svelte';
import { setLanguage } from '.';

const text = (html: string) =>
  html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function shell(view: ShellScreen): string {
  const props = {
    view,
    controller: {} as Controller,
    api: unexpectedApi({ listTickets: vi.fn() }),
    connectivity: ONLINE,
    onretry: () => {},
  };
  return text(render(Shell, { props }).body);
}

const customer = (section: SectionId): ShellScreen => ({ screen: 'shell', session: customerSession, section });

beforeEach(() => setLanguage('de'));
afterEach(() => setLanguage('en'));

// Sections load when first opened; a server render shows what is here already.
beforeAll(loadAllSections);

describe('in German', () => {
  it('the start screen speaks German, formal', () => {
    const html = text(
      render(StartScreen, {
        props: { view: { screen: 'start', connections: [remoteConnection] }, controller: {} as Controller },
      }).body,
    );
    for (const words of ['Demo ausprobieren', 'Mit einem Server verbinden', 'Gespeicherte Verbindungen', 'Fortsetzen']) {
      expect(html).toContain(words);
    }
    for (const words of ['Try the demo', 'Connect to a server', 'Saved connections', 'Resume', 'Last used']) {
      expect(html).not.toContain(words);
    }
  });

  it('the shell and its navigation speak German', () => {
    const html = shell(customer('profile'));
    for (const words of ['Abmelden', 'Profil', 'Abrechnung', 'Datenschutz', 'Sicherheit', 'Kommunikation', 'Mitteilungen']) {
      expect(html).toContain(words);
    }
    for (const words of ['Sign out', 'Billing', 'Privacy', 'Security', 'Refresh']) {
      expect(html).not.toContain(words);
    }
  });

  it('each customer section opens in German', () => {
    const expected: Partial<Record<SectionId, string>> = {
      billing: 'Tarif',
      privacy: 'Weitergabe an Dienstleistungspartner',
      security: 'Wird geladen…',
      team: 'Das Team wird geladen…',
      support: 'Ihre Anfragen',
      communications: 'Einwilligungsnachweise',
      notices: 'Ihre Mitteilungen werden geladen…',
    };
    for (const [section, words] of Object.entries(expected)) {
      expect(shell(customer(section as SectionId)), section).toContain(words);
    }
  });

  it('the staff sections open in German', () => {
    const session = { ...customerSession, me: adminMe };
    const expected: Partial<Record<SectionId, string>> = {
      customers: 'Kunden finden',
      audit: 'Jede Aktion',
      staff: 'Mitarbeiter hinzufügen',
      admin: 'Löschanträge',
      partners: 'Partner hinzufügen',
    };
    for (const [section, words] of Object.entries(expected)) {
      expect(shell({ screen: 'shell', session, section: section as SectionId }), section).toContain(words);
    }
  });
});

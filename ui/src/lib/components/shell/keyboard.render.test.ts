// Server-side renders of the theme switch, the command palette and the
// shortcuts help: the test ids, names and roles assistive technology and the
// desktop tests rely on. (Behaviour is tested in theme, palette, shortcuts
// and focus tests; these check what is on screen.)

import { render } from 'svelte/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ONLINE } from '../../connectivity';
import type { Controller } from '../../controller';
import type { SectionDeps } from '../../deps';
import type { Me } from '../../generated/Me';
import { setLanguage } from '../../i18n';
import { languageCommands } from '../../palette';
import { selectedAccount, visibleSections } from '../../sections';
import { SHORTCUTS } from '../../shortcuts';
import type { ShellScreen } from '../../state';
import type { ThemeChoice, ThemeStore } from '../../theme';
import { unexpectedApi } from '../../testing/fakeApi';
import { agentSession, customerMe, customerSession } from '../../testing/fixtures';
import { adminMe } from '../../testing/staff';
import Shell from '../Shell.svelte';
import { loadAllSections } from './sectionViews';
import StartScreen from '../StartScreen.svelte';
import LanguageSwitch from './LanguageSwitch.svelte';
import CommandPalette from './CommandPalette.svelte';
import ShortcutsHelp from './ShortcutsHelp.svelte';
import ThemeSwitch from './ThemeSwitch.svelte';

const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
/** The opening tag of the first element with `testid`. */
function tag(html: string, testid: string): string {
  const match = html.match(new RegExp(`<[a-z]+[^>]*data-testid="${testid}"[^>]*>`));
  if (!match) throw new Error(`no ${testid}`);
  return match[0];
}
const tags = (html: string, testid: string) => html.match(new RegExp(`<[a-z]+[^>]*data-testid="${testid}"[^>]*>`, 'g')) ?? [];

const deps: SectionDeps = { api: unexpectedApi(), sessionEnded: vi.fn(), sessionRenewed: vi.fn() };

function shell(view: ShellScreen): string {
  const props = { view, controller: {} as Controller, api: unexpectedApi({ listTickets: vi.fn() }), connectivity: ONLINE, onretry: () => {} };
  return clean(render(Shell, { props }).body);
}

function palette(me: Me, twoFactorRequired = false): string {
  const sections = visibleSections(me, selectedAccount(me));
  const staff = me.roles.includes('agent') || me.roles.includes('admin');
  const props = { sections, staff, deps, twoFactorRequired, onchoose: vi.fn(), onsecurity: vi.fn(), onclose: vi.fn() };
  return clean(render(CommandPalette, { props }).body);
}

const store = (choice: ThemeChoice): ThemeStore => ({ get: () => choice, set: vi.fn() });

// Sections load when first opened; a server render shows what is here already.
beforeAll(loadAllSections);

describe('the theme switch', () => {
  it('sits in the shell header as a labelled group of System, Light and Dark', () => {
    const html = shell({ screen: 'shell', session: customerSession, section: 'profile' });
    const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
    expect(tag(header, 'theme-switch')).toContain('role="radiogroup"');
    expect(tag(header, 'theme-switch')).toContain('aria-labelledby="theme-switch-label"');
    expect(header).toMatch(/id="theme-switch-label"[^>]*>Theme</);
    expect(text(header.slice(header.indexOf('data-testid="theme-switch"')))).toContain('Theme System Light Dark');
  });

  it('is made of native radio buttons of one group, so Tab and the arrow keys work', () => {
    const html = clean(render(ThemeSwitch, { props: { store: store('system') } }).body);
    for (const value of ['system', 'light', 'dark']) {
      expect(tag(html, `theme-${value}`)).toMatch(/type="radio"/);
      expect(tag(html, `theme-${value}`)).toContain('name="steward-theme"');
    }
  });

  it('shows the stored choice as checked', () => {
    const checked = (choice: ThemeChoice) =>
      ['system', 'light', 'dark'].filter((v) => / checked/.test(tag(clean(render(ThemeSwitch, { props: { store: store(choice) } }).body), `theme-${v}`)));
    expect(checked('system')).toEqual(['system']);
    expect(checked('dark')).toEqual(['dark']);
    expect(checked('light')).toEqual(['light']);
  });
});

describe('the command palette', () => {
  it('is a labelled modal dialog', () => {
    const html = palette(customerMe);
    const dialog = tag(html, 'palette');
    expect(dialog).toMatch(/^<dialog/);
    expect(dialog).toContain('role="dialog"');
    expect(dialog).toContain('aria-modal="true"');
    expect(dialog).toContain('aria-labelledby="palette-title"');
    expect(html).toMatch(/id="palette-title"[^>]*>Go to a section</);
  });

  it('has a search box that controls a listbox of options', () => {
    const html = palette(customerMe);
    const input = tag(html, 'palette-input');
    expect(input).toContain('role="combobox"');
    expect(input).toContain('aria-controls="palette-list"');
    expect(input).toContain('aria-labelledby="palette-title"');
    expect(html).toMatch(/id="palette-list"[^>]*role="listbox"/);
    for (const option of tags(html, 'palette-item')) {
      expect(option).toContain('role="option"');
      expect(option).toContain('aria-selected="false"');
    }
  });

  it('lists the sections each role may open, in navigation order', () => {
    for (const me of [customerMe, agentSession.me, adminMe]) {
      const ids = tags(palette(me), 'palette-item').map((t) => t.match(/data-id="([a-z]+)"/)?.[1]);
      expect(ids).toEqual(visibleSections(me, selectedAccount(me)).map((s) => s.id));
    }
    expect(text(palette(customerMe))).not.toContain('Customers');
  });

  it('offers staff customers too, and says customer search needs two-factor sign-in when it does', () => {
    const html = palette(agentSession.me);
    expect(html).toMatch(/id="palette-title"[^>]*>Go to a section or customer</);
    expect(text(html)).toContain('Customers from 2 characters, masked.');
    expect(html).not.toContain('data-testid="palette-two-factor-required"');
    const gated = palette(agentSession.me, true);
    expect(text(gated.slice(gated.indexOf('data-testid="palette-two-factor-required"')))).toMatch(/two-factor sign-in.*Open Security/);
  });
});

describe('the shortcuts help', () => {
  const html = clean(render(ShortcutsHelp, { props: { onclose: vi.fn() } }).body);

  it('is a labelled modal dialog', () => {
    const dialog = tag(html, 'shortcuts-help');
    expect(dialog).toContain('role="dialog"');
    expect(dialog).toContain('aria-modal="true"');
    expect(dialog).toContain('aria-labelledby="shortcuts-title"');
    expect(html).toMatch(/id="shortcuts-title"[^>]*>Keyboard shortcuts</);
  });

  it('lists every shortcut in the table the key handler uses, with its keys', () => {
    const rows = tags(html, 'shortcut').map((t) => t.match(/data-id="([a-z]+)"/)?.[1]);
    expect(rows).toEqual(SHORTCUTS.map((s) => s.id));
    const words = text(html);
    for (const s of SHORTCUTS) expect(words).toContain(s.description);
    expect(words).toContain('Ctrl+K');
    expect(words).toContain('? or F1');
    expect(words).toContain('Esc');
    expect(words).toContain('Alt+1–9');
  });

  it('shows ⌘ and ⌥ on a Mac', () => {
    const mac = text(clean(render(ShortcutsHelp, { props: { mac: true, onclose: vi.fn() } }).body));
    expect(mac).toContain('⌘+K');
    expect(mac).toContain('⌥+1–9');
  });
});

describe('the shortcut hint under the navigation', () => {
  it('tells everyone about the palette and the help; staff also about customers', () => {
    const customer = text(shell({ screen: 'shell', session: customerSession, section: 'profile' }));
    expect(customer).toContain('Ctrl+K goes to a section.');
    expect(customer).toContain('? lists the shortcuts.');
    const agent = text(shell({ screen: 'shell', session: agentSession, section: 'customers' }));
    expect(agent).toContain('Ctrl+K goes to a section or customer.');
  });

  it('opens no dialog until asked', () => {
    const html = shell({ screen: 'shell', session: agentSession, section: 'customers' });
    expect(html).not.toContain('data-testid="palette"');
    expect(html).not.toContain('data-testid="shortcuts-help"');
  });
});

describe('the language switch', () => {
  afterEach(() => setLanguage('en'));
  const checked = (html: string) => ['en', 'de'].filter((v) => / checked/.test(tag(html, `language-${v}-radio`)));

  it('sits in the shell header next to the theme switch, each language named in itself', () => {
    const html = shell({ screen: 'shell', session: customerSession, section: 'profile' });
    const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
    expect(header.indexOf('data-testid="language-switch"')).toBeGreaterThan(header.indexOf('data-testid="theme-switch"'));
    expect(tag(header, 'language-switch')).toContain('role="radiogroup"');
    expect(tag(header, 'language-switch')).toContain('aria-labelledby="language-switch-label"');
    expect(text(header.slice(header.indexOf('data-testid="language-switch"')))).toContain('Language English Deutsch');
    for (const value of ['en', 'de']) {
      // The option to click is the visible label, holding its radio.
      expect(tag(header, `language-${value}`)).toMatch(/^<label/);
      expect(tag(header, `language-${value}`)).toContain(`lang="${value}"`);
      expect(tag(header, `language-${value}-radio`)).toMatch(/type="radio"/);
      expect(tag(header, `language-${value}-radio`)).toContain('name="steward-language"');
    }
    expect(checked(header)).toEqual(['en']);
  });

  it('shows the language in force as checked', async () => {
    await setLanguage('de');
    const html = clean(render(LanguageSwitch, { props: { onchoose: vi.fn() } }).body);
    expect(checked(html)).toEqual(['de']);
    expect(text(html)).toContain('Sprache English Deutsch');
  });

  it('is on the start screen too', () => {
    const html = clean(
      render(StartScreen, { props: { view: { screen: 'start', connections: [] }, controller: {} as Controller } }).body,
    );
    expect(tag(html, 'language-switch')).toContain('role="radiogroup"');
    expect(text(html)).toContain('Try the demo');
  });

  it('turns the shell German', async () => {
    await setLanguage('de');
    const html = text(shell({ screen: 'shell', session: customerSession, section: 'profile' }));
    expect(html).toContain('Abmelden');
    expect(html).toContain('Design System Hell Dunkel');
    expect(html).toContain('Strg+K öffnet einen Bereich.');
  });

  it('is in the palette, in the language it switches to', () => {
    const sections = visibleSections(customerMe, selectedAccount(customerMe));
    const props = {
      sections,
      commands: languageCommands('en', vi.fn()),
      staff: false,
      deps,
      onchoose: vi.fn(),
      onsecurity: vi.fn(),
      onclose: vi.fn(),
    };
    const html = clean(render(CommandPalette, { props }).body);
    const ids = tags(html, 'palette-item').map((t) => t.match(/data-id="([a-z-]+)"/)?.[1]);
    expect(ids.at(-1)).toBe('language-de');
    expect(html).toMatch(/<span class="name[^"]*" lang="de">Sprache: Deutsch<\/span>/);
  });
});

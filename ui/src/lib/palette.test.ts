import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from './api';
import type { SectionDeps } from './deps';
import type { CustomerSearchResult } from './generated/CustomerSearchResult';
import type { Me } from './generated/Me';
import {
  createPaletteController,
  EMPTY_PALETTE,
  languageCommands,
  matchSections,
  type PaletteCommand,
  type PaletteItem,
  type PaletteState,
} from './palette';
import { setLanguage } from './i18n';
import { SECTIONS, selectedAccount, visibleSections } from './sections';
import { SEARCH_PAUSE_MS } from './staff/search';
import { deferred, unexpectedApi } from './testing/fakeApi';
import { agentMe, customerMe } from './testing/fixtures';
import { ADA, adminMe, ENGINES, fakeStaff, GUARDED } from './testing/staff';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const idOf = (i: PaletteItem): string =>
  i.kind === 'section' ? i.section.id : i.kind === 'command' ? i.command.id : i.hit.account_id;

/** The palette as the shell builds it for `me`: the sections it may open, customers for staff. */
function setup(me: Me, options: { api?: Partial<Api>; blocked?: boolean; commands?: PaletteCommand[] } = {}) {
  const fake = fakeStaff();
  const api = unexpectedApi({ ...fake.api, ...options.api });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  const sections = visibleSections(me, selectedAccount(me));
  const staff = me.roles.some((r) => r === 'agent' || r === 'admin');
  let state: PaletteState = EMPTY_PALETTE;
  const chosen: PaletteItem[] = [];
  const ctl = createPaletteController(
    { get: () => state, set: (next) => (state = next) },
    {
      sections: () => sections,
      commands: options.commands ? () => options.commands ?? [] : undefined,
      customers: staff ? { deps, blocked: () => options.blocked ?? false } : undefined,
      choose: (item) => chosen.push(item),
    },
  );
  const labels = () => ctl.items().map(idOf);
  const key = (name: string) => {
    const event = { key: name, preventDefault: vi.fn() };
    return { handled: ctl.key(event), prevented: event.preventDefault.mock.calls.length > 0 };
  };
  return { api, ctl, chosen, state: () => state, labels, key, sections };
}

const chosenIds = (items: PaletteItem[]) => items.map(idOf);

describe('which sections the palette lists', () => {
  it('lists exactly what the navigation shows, per role', () => {
    for (const me of [customerMe, agentMe, adminMe]) {
      const t = setup(me);
      expect(t.labels()).toEqual(visibleSections(me, selectedAccount(me)).map((s) => s.id));
    }
    expect(setup(customerMe).labels()).not.toContain('customers');
    expect(setup(agentMe).labels()).toEqual(expect.arrayContaining(['customers', 'tickets']));
    expect(setup(agentMe).labels()).not.toContain('audit');
    expect(setup(adminMe).labels()).toEqual(expect.arrayContaining(['audit', 'staff', 'admin', 'partners']));
  });

  it('never offers a section the account does not allow', () => {
    const viewer: Me = { ...customerMe, accounts: [{ ...customerMe.accounts[0]!, capabilities: ['profile_read'] }] };
    const t = setup(viewer);
    t.ctl.input('bill');
    expect(t.labels()).toEqual([]);
  });
});

describe('filtering as you type', () => {
  it('matches labels case-insensitively, best first', () => {
    expect(matchSections(SECTIONS, 'PR').map((s) => s.id)).toEqual(['profile', 'privacy']);
    expect(matchSections(SECTIONS, 'pol').map((s) => s.id)).toEqual(['admin', 'notices']);
    expect(matchSections(SECTIONS, 'acc').map((s) => s.id)[0]).toBe('staff');
  });

  it('also finds a section by what it holds', () => {
    expect(matchSections(SECTIONS, 'invoices').map((s) => s.id)).toEqual(['billing']);
    expect(matchSections(SECTIONS, 'two-factor').map((s) => s.id)).toEqual(['security']);
    expect(matchSections(SECTIONS, 'payment methods').map((s) => s.id)).toEqual(['billing']);
  });

  it('matches what a section holds from three characters, at the start of a word', () => {
    expect(matchSections(SECTIONS, 'an').map((s) => s.id)).toEqual([]);
    expect(matchSections(SECTIONS, 'voices').map((s) => s.id)).toEqual([]);
  });

  it('lists every section for no text, and none for text nothing matches', () => {
    expect(matchSections(SECTIONS, '  ')).toHaveLength(SECTIONS.length);
    expect(matchSections(SECTIONS, 'zzz')).toEqual([]);
  });

  it('highlights the best match after each keystroke', () => {
    const t = setup(customerMe);
    t.ctl.input('sec');
    expect(t.labels()).toEqual(['security']);
    expect(t.state().active).toBe(0);
    t.ctl.input('zzz');
    expect(t.state().active).toBe(-1);
  });
});

describe('moving and choosing with the keys', () => {
  it('moves with ArrowDown and ArrowUp, wrapping around, and opens with Enter', () => {
    const t = setup(customerMe);
    t.ctl.input('s');
    expect(t.labels()).toEqual(['security', 'support', 'communications', 'notices']);
    expect(t.key('ArrowDown')).toEqual({ handled: true, prevented: true });
    expect(t.state().active).toBe(1);
    t.key('ArrowUp');
    t.key('ArrowUp');
    expect(t.state().active).toBe(3);
    t.key('ArrowDown');
    expect(t.state().active).toBe(0);
    expect(t.key('Enter')).toEqual({ handled: true, prevented: true });
    expect(chosenIds(t.chosen)).toEqual(['security']);
  });

  it('leaves other keys to the box (typing, Escape, Tab)', () => {
    const t = setup(customerMe);
    for (const key of ['a', 'Escape', 'Tab', 'Home']) expect(t.key(key)).toEqual({ handled: false, prevented: false });
  });

  it('does nothing on Enter when nothing matches', () => {
    const t = setup(customerMe);
    t.ctl.input('zzz');
    t.key('ArrowDown');
    t.key('Enter');
    expect(t.chosen).toEqual([]);
  });

  it('highlights what the pointer is over', () => {
    const t = setup(customerMe);
    t.ctl.setActive(2);
    t.ctl.setActive(99);
    expect(t.state().active).toBe(2);
    t.ctl.enter();
    expect(chosenIds(t.chosen)).toEqual([visibleSections(customerMe, selectedAccount(customerMe))[2]!.id]);
  });
});

describe('customers, for staff', () => {
  it('are never searched for customers', async () => {
    const t = setup(customerMe);
    t.ctl.input('ada lovelace');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS * 2);
    expect(t.api.searchCustomers).not.toHaveBeenCalled();
  });

  it('are searched from two characters, once typing pauses, and follow the sections', async () => {
    const t = setup(agentMe);
    t.ctl.input('e');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(t.api.searchCustomers).not.toHaveBeenCalled();
    t.ctl.input('en');
    t.ctl.input('eng');
    t.ctl.input('engines');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS - 1);
    expect(t.api.searchCustomers).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(t.api.searchCustomers).toHaveBeenCalledExactlyOnceWith('engines');
    expect(t.labels()).toEqual([ENGINES, GUARDED]);
    expect(t.state().active).toBe(0);
  });

  it('open in Customers when chosen: the palette hands the account to the shell', async () => {
    const t = setup(agentMe);
    t.ctl.input('ada');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    const first = t.ctl.items()[t.state().active];
    expect(first).toMatchObject({ kind: 'customer', hit: { account_id: ADA } });
    t.key('Enter');
    expect(t.chosen).toEqual([first]);
  });

  it('keep the highlight on a section while they come', async () => {
    const t = setup(agentMe);
    t.ctl.input('cust');
    expect(t.labels()).toEqual(['customers', 'tickets']);
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    t.key('Enter');
    expect(chosenIds(t.chosen)).toEqual(['customers']);
  });

  it('Enter before the answer opens the best customer for the text typed once it comes, not an older one', async () => {
    const fake = fakeStaff();
    const slow = deferred<CustomerSearchResult>();
    const search = vi.fn<Api['searchCustomers']>().mockImplementation(fake.api.searchCustomers).mockReturnValueOnce(slow.promise);
    const t = setup(agentMe, { api: { searchCustomers: search } });
    t.ctl.input('northwind-x');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(t.labels()).toEqual([]);
    t.key('Enter');
    expect(t.chosen).toEqual([]);
    expect(t.state().waiting).toBe(true);
    slow.resolve(await fake.api.searchCustomers('ada'));
    await vi.advanceTimersByTimeAsync(0);
    expect(chosenIds(t.chosen)).toEqual([ADA]);
  });

  it('Enter on a customer from older text waits for the answer to the new text', async () => {
    const t = setup(agentMe);
    t.ctl.input('ada');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    t.ctl.input('engines');
    t.ctl.setActive(0);
    expect(t.ctl.items()[0]).toMatchObject({ kind: 'customer', hit: { account_id: ADA } });
    t.key('Enter');
    expect(t.chosen).toEqual([]);
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(chosenIds(t.chosen)).toEqual([ENGINES]);
  });

  it('are not searched while staff tools need two-factor sign-in', async () => {
    const t = setup(agentMe, { blocked: true });
    t.ctl.input('ada');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(t.api.searchCustomers).not.toHaveBeenCalled();
    t.ctl.retry();
    expect(t.api.searchCustomers).not.toHaveBeenCalled();
  });

  it('say when the search failed, and search again on retry', async () => {
    const fake = fakeStaff();
    const search = vi
      .fn<Api['searchCustomers']>()
      .mockRejectedValueOnce({ code: 'network', message: 'No connection.' })
      .mockImplementation(fake.api.searchCustomers);
    const t = setup(agentMe, { api: { searchCustomers: search } });
    t.ctl.input('ada');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(t.state().search.status).toBe('failed');
    t.ctl.retry();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.labels()).toContain(ADA);
  });

  it('drop answers still on their way when the palette closes', async () => {
    const t = setup(agentMe);
    t.ctl.input('ada');
    t.ctl.dispose();
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS * 2);
    expect(t.api.searchCustomers).not.toHaveBeenCalled();
  });
});

describe('switching the language', () => {
  afterEach(() => setLanguage('en'));

  it('offers the other language, named in it, after the sections and before customers', async () => {
    const choose = vi.fn();
    const commands = languageCommands('en', choose);
    expect(commands.map((c) => [c.id, c.label, c.summary, c.lang])).toEqual([
      ['language-de', 'Sprache: Deutsch', 'Change the language to German.', 'de'],
    ]);
    const t = setup(agentMe, { commands });
    expect(t.labels().slice(-1)).toEqual(['language-de']);
    t.ctl.input('sprache');
    expect(t.labels()).toEqual(['language-de']);
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    // Customers follow the commands; the highlight stays on the command.
    expect(t.labels()[0]).toBe('language-de');
    expect(t.state().active).toBe(0);
    t.key('Enter');
    expect(chosenIds(t.chosen)).toEqual(['language-de']);
    commands[0]!.run();
    expect(choose).toHaveBeenCalledExactlyOnceWith('de');
  });

  it('is found by either language\'s words', async () => {
    const t = setup(customerMe, { commands: languageCommands('en', vi.fn()) });
    for (const text of ['deutsch', 'german', 'language']) {
      t.ctl.input(text);
      expect(t.labels(), text).toEqual(['language-de']);
    }
    await setLanguage('de');
    const german = languageCommands('de', vi.fn());
    expect(german.map((c) => [c.label, c.summary])).toEqual([['Language: English', 'Die Sprache auf Englisch umstellen.']]);
  });

  it('matches the sections by their German names when the console speaks German', async () => {
    await setLanguage('de');
    expect(matchSections(SECTIONS, 'abrech').map((s) => s.id)).toEqual(['billing']);
    expect(matchSections(SECTIONS, 'rechnungen').map((s) => s.id)).toEqual(['billing']);
    expect(matchSections(SECTIONS, 'datenschutz').map((s) => s.id)[0]).toBe('privacy');
  });
});

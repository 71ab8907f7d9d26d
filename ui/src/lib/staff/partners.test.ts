import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import { formatDate } from '../format';
import type { PolicyVersion } from '../generated/PolicyVersion';
import { NOW } from '../testing/deletion';
import { unexpectedApi } from '../testing/fakeApi';
import { BILLING_POLICY, PARTNER_POLICY } from '../testing/notices';
import { fakePartners, IN_FORCE_POLICY, partnerList, type FakePartners } from '../testing/staffAdmin';
import { fieldMessage } from './errors';
import {
  ADD_PARTNER_KEY,
  addedMessage,
  createPartnersController,
  detailsDraft,
  detailsInput,
  detailsProblems,
  editKey,
  eligibleVersions,
  EMPTY_PARTNERS,
  emptyPartnerDraft,
  isStale,
  linkKey,
  narrowingProblems,
  onRows,
  parseCategories,
  partnerInput,
  partnerProblems,
  partnerStatus,
  retiredMeanwhileMessage,
  retiredMessage,
  retireKey,
  savedMessage,
  sortPartners,
  staleEditMessage,
  staleRetireMessage,
  widenedRows,
  type PartnerDraft,
  type PartnersState,
} from './partners';

const at = new Date(NOW);

async function setup(fake: FakePartners = fakePartners(), overrides: Partial<Api> = {}) {
  const api = unexpectedApi({ ...fake.api, openExternalLink: vi.fn(() => Promise.resolve()), ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: PartnersState = EMPTY_PARTNERS;
  const ctl = createPartnersController(deps, { get: () => state, set: (s) => (state = s) });
  await ctl.load();
  return { api, deps, fake, ctl, state: () => state };
}

const acme = (changes: Partial<PartnerDraft> = {}): PartnerDraft => ({
  ...emptyPartnerDraft(),
  id: ' acme-analytics ',
  name: ' Acme Analytics ',
  purpose: 'Audience statistics.',
  categories: ['usage records', '  ', ' device type '],
  privacy_url: 'https://acme.example/privacy',
  curtails: 'No audience breakdowns.',
  announced_in: PARTNER_POLICY.version,
  ...changes,
});

const row = (s: PartnersState, id: string) => s.items.find((p) => p.id === id);

describe('where a partner stands', () => {
  it('receives data, starts on a date, or was retired on one', () => {
    const [edge, northbeam, , quill] = partnerList();
    expect(partnerStatus(northbeam!, at)).toEqual({ kind: 'receiving', text: 'Receiving data' });
    expect(partnerStatus(edge!, at)).toEqual({ kind: 'upcoming', text: `Starts ${formatDate(PARTNER_POLICY.effective_at)}` });
    expect(partnerStatus(quill!, at)).toEqual({ kind: 'retired', text: `Retired ${formatDate(quill!.retired_at!)}` });
    // From its first day, an announced partner receives data.
    expect(partnerStatus(edge!, new Date(PARTNER_POLICY.effective_at)).kind).toBe('receiving');
  });

  it('lists current partners by name, then retired ones', () => {
    const [edge, northbeam, tally, quill] = partnerList();
    const zed = { ...edge!, id: 'zed', name: 'Zed Partners' };
    expect(sortPartners([quill!, zed, tally!, northbeam!, edge!]).map((p) => p.id)).toEqual([
      'edgecache-networks',
      'northbeam-cdn',
      'tally-insights',
      'zed',
      'quill-mailing',
    ]);
  });
});

describe('the versions a new partner may be announced in', () => {
  it('are about personal information, offer “stop partner sharing” and are not in force yet', () => {
    const cookiesOnly: PolicyVersion = { ...PARTNER_POLICY, version: 'cookies-2099', opt_outs: ['refuse_optional_cookies'] };
    const noOptOuts: PolicyVersion = { ...PARTNER_POLICY, version: 'bare-2099', opt_outs: undefined };
    const all = [PARTNER_POLICY, BILLING_POLICY, IN_FORCE_POLICY, cookiesOnly, noOptOuts];
    expect(eligibleVersions(all, at).map((p) => p.version)).toEqual([PARTNER_POLICY.version]);
    // Not once it takes effect.
    expect(eligibleVersions(all, new Date(PARTNER_POLICY.effective_at))).toEqual([]);
    // An account-information change in the future does not qualify either.
    expect(eligibleVersions([{ ...BILLING_POLICY, effective_at: '2099-01-01T00:00:00Z' }], at)).toEqual([]);
  });
});

describe('the kinds of data', () => {
  it('are one per row, trimmed, blank rows dropped, each remembering its row', () => {
    expect(parseCategories([' usage records ', '', '  ', 'device type'])).toEqual({
      categories: ['usage records', 'device type'],
      rows: [0, 3],
    });
    expect(parseCategories([''])).toEqual({ categories: [], rows: [] });
  });

  it('may be narrowed, never widened: a new kind is named at its row', () => {
    const announced = ['IP addresses of downloads', 'download logs'];
    expect(widenedRows(announced, ['Download Logs', ''])).toEqual([]);
    expect(widenedRows(announced, ['download logs', 'e-mail address', 'IP addresses of downloads', 'phone'])).toEqual([1, 3]);
    const problems = narrowingProblems({ name: 'Northbeam CDN', categories: announced }, ['download logs', ' phone ']);
    expect(problems).toEqual([
      {
        field: 'categories[1]',
        rule: 'not_announced',
        message:
          'Customers were not told that Northbeam CDN receives “phone”. Remove this row; to share more, announce it in a new policy version and add the partner again under a new id.',
      },
    ]);
  });

  it('shows the server’s refusal of a kind at the row it came from', () => {
    const error = {
      code: 'invalid_input' as const,
      message: 'Customers were not told…',
      fields: [
        { field: 'categories[1]', rule: 'not_announced', message: 'Not announced.' },
        { field: 'details.name', rule: 'required', message: 'Give the partner’s name.' },
        { field: 'categories', rule: 'required', message: 'List at least one.' },
      ],
    };
    expect(onRows(error, [0, 3]).fields?.map((f) => f.field)).toEqual(['categories[3]', 'name', 'categories']);
    const plain = { code: 'conflict' as const, message: 'Retired.' };
    expect(onRows(plain, [0])).toBe(plain);
  });
});

describe('the forms', () => {
  it('send what was typed, trimmed, without blank rows', () => {
    expect(partnerInput(acme())).toEqual({
      partner: {
        id: 'acme-analytics',
        optional: true,
        announced_in: PARTNER_POLICY.version,
        details: {
          name: 'Acme Analytics',
          purpose: 'Audience statistics.',
          categories: ['usage records', 'device type'],
          privacy_url: 'https://acme.example/privacy',
          curtails: 'No audience breakdowns.',
        },
      },
      rows: [0, 2],
    });
    const northbeam = partnerList()[1]!;
    expect(detailsInput(detailsDraft(northbeam)).details).toEqual({
      name: northbeam.name,
      purpose: northbeam.purpose,
      categories: northbeam.categories,
      privacy_url: northbeam.privacy_url,
      curtails: northbeam.curtails,
    });
  });

  it('start optional, with one empty row for a kind of data', () => {
    expect(emptyPartnerDraft()).toMatchObject({ optional: true, categories: [''], announced_in: '' });
  });

  it('name each field to fix before asking the server', () => {
    expect(partnerProblems(acme())).toEqual([]);
    const blank = partnerProblems({ ...emptyPartnerDraft() });
    expect(blank.map((p) => [p.field, p.rule])).toEqual([
      ['id', 'slug'],
      ['name', 'required'],
      ['purpose', 'required'],
      ['categories', 'required'],
      ['privacy_url', 'required'],
      ['curtails', 'required'],
      ['announced_in', 'required'],
    ]);
    for (const id of ['Acme', 'ab', '-acme', 'acme-', 'acme analytics', 'a'.repeat(49)]) {
      expect(partnerProblems(acme({ id }))[0]).toMatchObject({ field: 'id', rule: 'slug' });
    }
    expect(partnerProblems(acme({ id: 'a'.repeat(48) }))).toEqual([]);
    // Ids are never reused, not even a retired partner's.
    expect(partnerProblems(acme({ id: 'quill-mailing' }), partnerList())[0]).toMatchObject({ field: 'id', rule: 'taken' });
    expect(detailsProblems(acme({ privacy_url: 'http://acme.example/privacy' }))).toEqual([
      { field: 'privacy_url', rule: 'https', message: 'Use the https:// address of their privacy statement.' },
    ]);
    expect(detailsProblems(acme({ categories: ['usage', '', 'Usage'] }))).toEqual([
      { field: 'categories[2]', rule: 'duplicate', message: 'This kind of data is listed twice: remove this row.' },
    ]);
    expect(detailsProblems(acme({ categories: Array.from({ length: 13 }, (_, i) => `kind ${i}`) }))[0]).toMatchObject({
      field: 'categories',
      rule: 'max_items',
    });
  });

  it('take a stale version (`precondition_failed`, a `conflict` in the desktop app) as someone else’s change', () => {
    expect(isStale({ code: 'precondition_failed', message: 'Precondition Failed' })).toBe(true);
    expect(isStale({ code: 'conflict', message: 'Precondition Failed' })).toBe(true);
    expect(isStale({ code: 'invalid_input', message: 'No.' })).toBe(false);
    expect(isStale('conflict')).toBe(false);
    expect(isStale(undefined)).toBe(false);
  });
});

describe('partners', () => {
  it('lists them with the published policy versions', async () => {
    const t = await setup();
    expect(t.state().status).toBe('ready');
    expect(t.state().items.map((p) => p.id)).toEqual(['edgecache-networks', 'northbeam-cdn', 'tally-insights', 'quill-mailing']);
    expect(t.state().policies).toMatchObject({ status: 'ready' });
    expect(t.state().policies.items.map((p) => p.version)).toEqual([
      PARTNER_POLICY.version,
      BILLING_POLICY.version,
      IN_FORCE_POLICY.version,
    ]);
  });

  it('shows each failed read on its own', async () => {
    const unreachable = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const t = await setup(fakePartners(), { listPolicyVersions: vi.fn(() => Promise.reject(unreachable)) });
    expect(t.state().status).toBe('ready');
    expect(t.state().policies).toMatchObject({ status: 'failed', loadError: unreachable });
    const u = await setup(fakePartners(), { listPartners: vi.fn(() => Promise.reject(unreachable)) });
    expect(u.state()).toMatchObject({ status: 'failed', loadError: unreachable });
    expect(u.state().policies.status).toBe('ready');
  });
});

describe('adding a partner', () => {
  it('adds it in its place, empties the form and says from when it receives data', async () => {
    const t = await setup();
    t.ctl.setDraft(acme());
    expect(await t.ctl.add()).toBe(true);
    expect(t.api.addPartner).toHaveBeenCalledWith(partnerInput(acme()).partner);
    const added = row(t.state(), 'acme-analytics')!;
    expect(added).toMatchObject({ starts_at: PARTNER_POLICY.effective_at, announced_in: PARTNER_POLICY.version, optional: true });
    expect(t.state().items.map((p) => p.id)).toEqual([
      'acme-analytics',
      'edgecache-networks',
      'northbeam-cdn',
      'tally-insights',
      'quill-mailing',
    ]);
    expect(t.state().draft).toEqual(emptyPartnerDraft());
    expect(t.state().actions.done).toEqual({ key: ADD_PARTNER_KEY, message: addedMessage(added) });
    expect(addedMessage(added)).toBe(
      `Added Acme Analytics. It receives data from ${formatDate(PARTNER_POLICY.effective_at)}, when ${PARTNER_POLICY.version} takes effect; until then customers can turn it off on its own.`,
    );
  });

  it('refuses blank fields and a reused id without asking the server, keeping what was typed', async () => {
    const t = await setup();
    t.ctl.setDraft(acme({ id: 'quill-mailing', name: '' }));
    expect(await t.ctl.add()).toBe(false);
    expect(t.api.addPartner).not.toHaveBeenCalled();
    const error = t.state().actions.errors[ADD_PARTNER_KEY];
    expect(fieldMessage(error, 'id')).toBe('A partner (perhaps a retired one) already has this id. Choose another.');
    expect(fieldMessage(error, 'name')).toBe('Give the partner’s name.');
    expect(t.state().draft.id).toBe('quill-mailing');
  });

  it('shows the server’s refusal of the version at its field, keeping what was typed', async () => {
    const t = await setup();
    t.ctl.setDraft(acme({ announced_in: IN_FORCE_POLICY.version }));
    expect(await t.ctl.add()).toBe(false);
    const error = t.state().actions.errors[ADD_PARTNER_KEY];
    expect(error?.fields?.[0]).toMatchObject({ field: 'announced_in', rule: 'already_in_force' });
    expect(fieldMessage(error, 'announced_in')).toContain('Publish a new version that takes effect later.');
    expect(t.state().draft).toEqual(acme({ announced_in: IN_FORCE_POLICY.version }));
    expect(row(t.state(), 'acme-analytics')).toBeUndefined();
  });

  it('shows a refused kind of data at its row, past the blank ones', async () => {
    const refusal = {
      code: 'invalid_input',
      message: 'Name the kind of data.',
      fields: [{ field: 'categories[1]', rule: 'max_length', message: 'At most 60 characters.' }],
    };
    const t = await setup(fakePartners(), { addPartner: vi.fn(() => Promise.reject(refusal)) });
    t.ctl.setDraft(acme());
    expect(await t.ctl.add()).toBe(false);
    expect(fieldMessage(t.state().actions.errors[ADD_PARTNER_KEY], 'categories[2]')).toBe('At most 60 characters.');
  });

  it('forgets the rows’ errors when a row is removed: they would show at the wrong one', async () => {
    const t = await setup();
    t.ctl.setDraft(acme({ categories: ['usage', 'usage', 'device'] }));
    expect(await t.ctl.add()).toBe(false);
    expect(fieldMessage(t.state().actions.errors[ADD_PARTNER_KEY], 'categories[1]')).toBeDefined();
    t.ctl.setDraft({ categories: ['usage', 'device'] });
    expect(t.state().actions.errors[ADD_PARTNER_KEY]).toBeUndefined();
  });
});

describe('editing a partner', () => {
  it('saves the details on the version shown, replacing the row', async () => {
    const t = await setup();
    t.ctl.startEdit('northbeam-cdn');
    expect(t.state().editing).toMatchObject({ id: 'northbeam-cdn', version: BigInt(1) });
    t.ctl.editDraft({ purpose: 'Delivers your media.', categories: ['download logs'] });
    expect(await t.ctl.save()).toBe(true);
    expect(t.api.updatePartner).toHaveBeenCalledWith(
      'northbeam-cdn',
      expect.objectContaining({ purpose: 'Delivers your media.', categories: ['download logs'] }),
      BigInt(1),
    );
    expect(row(t.state(), 'northbeam-cdn')).toMatchObject({ purpose: 'Delivers your media.', version: BigInt(2) });
    expect(t.state().editing).toBeUndefined();
    expect(t.state().actions.done).toEqual({ key: editKey('northbeam-cdn'), message: savedMessage({ name: 'Northbeam CDN' }) });
  });

  it('refuses a new kind of data at its row without asking the server', async () => {
    const t = await setup();
    t.ctl.startEdit('northbeam-cdn');
    t.ctl.editDraft({ categories: ['download logs', 'e-mail address'] });
    expect(await t.ctl.save()).toBe(false);
    expect(t.api.updatePartner).not.toHaveBeenCalled();
    expect(t.state().actions.errors[editKey('northbeam-cdn')]?.fields?.map((f) => [f.field, f.rule])).toEqual([
      ['categories[1]', 'not_announced'],
    ]);
    expect(t.state().editing?.draft.categories).toEqual(['download logs', 'e-mail address']);
  });

  it('shows the server’s refusal of a kind of data at its row', async () => {
    const refusal = {
      code: 'invalid_input',
      message: 'Not announced.',
      fields: [{ field: 'categories[0]', rule: 'not_announced', message: 'Customers were not told.' }],
    };
    const t = await setup(fakePartners(), { updatePartner: vi.fn(() => Promise.reject(refusal)) });
    t.ctl.startEdit('northbeam-cdn');
    t.ctl.editDraft({ categories: ['', 'download logs'] });
    expect(await t.ctl.save()).toBe(false);
    expect(fieldMessage(t.state().actions.errors[editKey('northbeam-cdn')], 'categories[1]')).toBe('Customers were not told.');
  });

  for (const staleCode of ['conflict', 'precondition_failed'] as const) {
    it(`after someone else’s change (${staleCode}), reads the list again, says so and keeps what was typed`, async () => {
      const fake = fakePartners({ staleCode });
      const t = await setup(fake);
      t.ctl.startEdit('northbeam-cdn');
      t.ctl.editDraft({ purpose: 'My words.' });
      fake.changeElsewhere('northbeam-cdn', { name: 'Northbeam Edge' });
      expect(await t.ctl.save()).toBe(false);
      expect(t.api.listPartners).toHaveBeenCalledTimes(2);
      expect(row(t.state(), 'northbeam-cdn')).toMatchObject({ name: 'Northbeam Edge', version: BigInt(2) });
      expect(t.state().actions.errors[editKey('northbeam-cdn')]).toEqual({
        code: 'conflict',
        message: staleEditMessage('Northbeam Edge'),
      });
      // What was typed stays, now on the version shown: saving again is the administrator's choice.
      expect(t.state().editing).toMatchObject({ id: 'northbeam-cdn', version: BigInt(2) });
      expect(t.state().editing?.draft).toMatchObject({ name: 'Northbeam CDN', purpose: 'My words.' });
      expect(await t.ctl.save()).toBe(true);
      expect(t.api.updatePartner).toHaveBeenLastCalledWith('northbeam-cdn', expect.objectContaining({ purpose: 'My words.' }), BigInt(2));
    });
  }

  it('closes the form when the partner was retired meanwhile', async () => {
    const fake = fakePartners();
    const t = await setup(fake);
    t.ctl.startEdit('tally-insights');
    fake.retireElsewhere('tally-insights');
    expect(await t.ctl.save()).toBe(false);
    expect(t.state().editing).toBeUndefined();
    expect(row(t.state(), 'tally-insights')?.retired_at).toBeDefined();
    expect(t.state().actions.errors[editKey('tally-insights')]?.message).toBe(retiredMeanwhileMessage('Tally Insights'));
  });

  it('says so when the list cannot be read again after a conflict, keeping the form', async () => {
    const fake = fakePartners();
    const t = await setup(fake);
    t.ctl.startEdit('northbeam-cdn');
    fake.changeElsewhere('northbeam-cdn');
    t.api.listPartners = vi.fn(() => Promise.reject({ code: 'server_unreachable', message: 'Unreachable.' }));
    expect(await t.ctl.save()).toBe(false);
    expect(t.state().editing).toMatchObject({ id: 'northbeam-cdn', version: BigInt(1) });
    expect(t.state().actions.errors[editKey('northbeam-cdn')]?.message).toContain('could not be read again');
  });

  it('edits one partner at a time, never a retired one', async () => {
    const t = await setup();
    t.ctl.startEdit('quill-mailing');
    expect(t.state().editing).toBeUndefined();
    t.ctl.startEdit('northbeam-cdn');
    t.ctl.startEdit('tally-insights');
    expect(t.state().editing?.id).toBe('tally-insights');
    t.ctl.cancelEdit();
    expect(t.state().editing).toBeUndefined();
  });
});

describe('retiring a partner', () => {
  it('retires it on the version shown, moving it among the retired', async () => {
    const t = await setup();
    expect(await t.ctl.retire('tally-insights')).toBe(true);
    expect(t.api.retirePartner).toHaveBeenCalledWith('tally-insights', BigInt(3));
    expect(row(t.state(), 'tally-insights')?.retired_at).toBe(new Date(NOW).toISOString());
    expect(t.state().items.map((p) => p.id)).toEqual(['edgecache-networks', 'northbeam-cdn', 'quill-mailing', 'tally-insights']);
    expect(t.state().actions.done).toEqual({ key: retireKey('tally-insights'), message: retiredMessage({ name: 'Tally Insights' }) });
    expect(await t.ctl.retire('tally-insights')).toBe(false);
  });

  it('after someone else’s change, reads the list again and asks to check it', async () => {
    const fake = fakePartners();
    const t = await setup(fake);
    fake.changeElsewhere('tally-insights');
    expect(await t.ctl.retire('tally-insights')).toBe(false);
    expect(row(t.state(), 'tally-insights')?.version).toBe(BigInt(4));
    expect(row(t.state(), 'tally-insights')?.retired_at).toBeUndefined();
    expect(t.state().actions.errors[retireKey('tally-insights')]?.message).toBe(staleRetireMessage('Tally Insights'));
  });
});

describe('privacy statements', () => {
  it('open in the browser; a failure shows on the row', async () => {
    const t = await setup();
    expect(await t.ctl.openLink('tally-insights', 'https://tally.example/privacy')).toBe(true);
    expect(t.api.openExternalLink).toHaveBeenCalledWith('https://tally.example/privacy');
    const refused = { code: 'other', message: 'No browser.' };
    const u = await setup(fakePartners(), { openExternalLink: vi.fn(() => Promise.reject(refused)) });
    expect(await u.ctl.openLink('tally-insights', 'https://tally.example/privacy')).toBe(false);
    expect(u.state().actions.errors[linkKey('tally-insights')]).toEqual(refused);
  });
});

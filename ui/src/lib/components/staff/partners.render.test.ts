// Server-side renders of the Partners section: the list, the add form and
// the edit form show the test ids, wording and accessibility hooks the
// desktop tests look for. States come from the controller on the fake, so
// what is rendered is what the section would show after those steps.

import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import type { SectionDeps } from '../../deps';
import { formatDate } from '../../format';
import { sectionById } from '../../sections';
import {
  createPartnersController,
  EMPTY_PARTNERS,
  narrowHint,
  noEligibleVersion,
  retireQuestion,
  staleEditMessage,
  versionOption,
  type PartnersController,
  type PartnersState,
} from '../../staff/partners';
import { NOW } from '../../testing/deletion';
import { unexpectedApi } from '../../testing/fakeApi';
import { BILLING_POLICY, PARTNER_POLICY } from '../../testing/notices';
import { fakePartners, IN_FORCE_POLICY, type FakePartners } from '../../testing/staffAdmin';
import PartnersSection from '../PartnersSection.svelte';
import PartnerAddForm from './PartnerAddForm.svelte';
import PartnerList from './PartnerList.svelte';

const now = new Date(NOW);
const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .replace(/&amp;/g, '&')
    .trim();
/** The opening tag of the first element with `testid` in `html`. */
function tag(html: string, testid: string): string {
  const match = html.match(new RegExp(`<[a-z]+[^>]*data-testid="${testid}"[^>]*>`));
  if (!match) throw new Error(`no ${testid}`);
  return match[0];
}
/** One partner's item, from its opening tag to the next one. */
function item(html: string, id: string): string {
  const open = new RegExp(`<li[^>]*data-testid="partner-item"[^>]*data-partner-id="${id}"[^>]*>`).exec(html);
  if (!open) throw new Error(`no item ${id}`);
  const next = html.indexOf('data-testid="partner-item"', open.index + open[0].length);
  return html.slice(open.index, next < 0 ? undefined : html.lastIndexOf('<li', next));
}

async function setup(fake: FakePartners = fakePartners()) {
  const api = unexpectedApi({ ...fake.api });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: PartnersState = EMPTY_PARTNERS;
  const ctl = createPartnersController(deps, { get: () => state, set: (s) => (state = s) });
  await ctl.load();
  return { fake, ctl, state: () => state };
}

const list = (partners: PartnersState, ctl: PartnersController) =>
  clean(render(PartnerList, { props: { partners, ctl, now } }).body);
const addForm = (partners: PartnersState, ctl: PartnersController, onpolicies?: () => void) =>
  clean(render(PartnerAddForm, { props: { partners, ctl, now, onpolicies } }).body);

describe('the partners list', () => {
  it('shows each partner with where it stands, what it receives and where it was announced', async () => {
    const t = await setup();
    const html = list(t.state(), t.ctl);
    expect(html.match(/data-testid="partner-item"/g)).toHaveLength(4);
    expect(html).toMatch(/data-testid="partners-count"[^>]*>\s*3 current/);

    const northbeam = item(html, 'northbeam-cdn');
    expect(northbeam).toContain('data-status="receiving"');
    expect(text(northbeam)).toContain('Receiving data');
    expect(text(northbeam)).toContain('Required');
    expect(text(northbeam)).toContain('Delivers your media to listeners and viewers worldwide.');
    expect(northbeam).toMatch(
      /data-testid="partner-item-categories"[^>]*><li[^>]*>IP addresses of downloads<\/li><li[^>]*>download logs<\/li><\/ul>/,
    );
    expect(text(northbeam)).toContain('In the policy customers first accepted');
    expect(tag(northbeam, 'partner-item-privacy')).toContain('href="https://northbeam.example/privacy"');

    const edge = item(html, 'edgecache-networks');
    expect(edge).toContain('data-status="upcoming"');
    expect(text(edge)).toContain(`Starts ${formatDate(PARTNER_POLICY.effective_at)}`);
    expect(text(edge)).toContain(`Announced in ${PARTNER_POLICY.version}`);

    const tally = item(html, 'tally-insights');
    expect(tally).toContain('data-optional="true"');
    expect(text(tally)).toContain('Optional');
    expect(text(tally)).toContain('If a customer turns them off: Usage reports show downloads only');

    const quill = item(html, 'quill-mailing');
    expect(quill).toContain('data-status="retired"');
    expect(text(quill)).toContain('Retired');
    // Retired partners are kept for the ledger, and cannot be changed.
    expect(quill).not.toContain('data-testid="partner-item-edit"');
    expect(quill).not.toContain('data-testid="partner-item-retire"');
  });

  it('offers Edit and Retire on current partners, named by the partner', async () => {
    const t = await setup();
    const tally = item(list(t.state(), t.ctl), 'tally-insights');
    expect(tag(tally, 'partner-item-edit')).toContain('aria-describedby="partner-item-tally-insights-name"');
    expect(tag(tally, 'partner-item-retire')).toContain('aria-describedby="partner-item-tally-insights-name"');
    expect(retireQuestion({ name: 'Tally Insights' })).toContain('ledger keeps their name');
  });

  it('opens the edit form in place, with the narrowing hint and no way to add a kind of data', async () => {
    const t = await setup();
    t.ctl.startEdit('northbeam-cdn');
    const html = list(t.state(), t.ctl);
    const northbeam = item(html, 'northbeam-cdn');
    expect(tag(northbeam, 'partner-edit-form')).toContain('aria-label="Edit Northbeam CDN"');
    expect(northbeam).not.toContain('data-testid="partner-item-edit"');
    expect(tag(northbeam, 'partner-edit-name')).toContain('value="Northbeam CDN"');
    expect(tag(northbeam, 'partner-edit-category-1')).toContain('value="download logs"');
    expect(northbeam).toContain('<label class="visually-hidden" for="partner-edit-category-1">Kind of data 2</label>');
    expect(text(northbeam)).toContain(narrowHint());
    expect(northbeam).not.toContain('data-testid="partner-edit-category-add"');
    expect(text(northbeam)).toContain('Whether customers may turn it off on its own was fixed when it was added.');
    // Only one form at a time.
    expect(html.match(/data-testid="partner-edit-form"/g)).toHaveLength(1);
  });

  it('shows a new kind of data refused at its row', async () => {
    const t = await setup();
    t.ctl.startEdit('northbeam-cdn');
    t.ctl.editDraft({ categories: ['download logs', 'phone'] });
    await t.ctl.save();
    const northbeam = item(list(t.state(), t.ctl), 'northbeam-cdn');
    expect(tag(northbeam, 'partner-edit-category-1')).toMatch(/aria-invalid="true"/);
    expect(tag(northbeam, 'partner-edit-category-1')).toContain('aria-describedby="partner-edit-category-1-error"');
    expect(text(northbeam)).toContain('Customers were not told that Northbeam CDN receives “phone”.');
    expect(northbeam).not.toContain('data-testid="partner-edit-alert"');
  });

  it('after someone else’s change, shows their version and keeps what was typed in the form', async () => {
    const t = await setup();
    t.ctl.startEdit('northbeam-cdn');
    t.ctl.editDraft({ purpose: 'My own words.' });
    t.fake.changeElsewhere('northbeam-cdn', { name: 'Northbeam Edge' });
    expect(await t.ctl.save()).toBe(false);
    const northbeam = item(list(t.state(), t.ctl), 'northbeam-cdn');
    // The row shows the version read again; the form is on it now.
    expect(northbeam).toContain('data-version="2"');
    expect(northbeam).toMatch(/<h3[^>]*>Northbeam Edge<\/h3>/);
    expect(tag(northbeam, 'partner-edit-form')).toContain('data-version="2"');
    expect(tag(northbeam, 'partner-edit-purpose')).toContain('value="My own words."');
    expect(tag(northbeam, 'partner-edit-alert')).toContain('data-code="conflict"');
    expect(tag(northbeam, 'partner-edit-alert')).toContain('role="status"');
    expect(text(northbeam)).toContain(staleEditMessage('Northbeam Edge'));
  });

  it('says so on the row when retired, with no buttons left', async () => {
    const t = await setup();
    await t.ctl.retire('tally-insights');
    const tally = item(list(t.state(), t.ctl), 'tally-insights');
    expect(tally).toContain('data-status="retired"');
    expect(text(tally)).toContain('Tally Insights is retired: nothing more goes to them. Customers’ sharing ledger keeps their name.');
    expect(tally).not.toContain('data-testid="partner-item-retire"');
  });

  it('shows why the list could not be read', () => {
    const loadError = { code: 'server_unreachable' as const, message: 'The server cannot be reached.' };
    const html = list({ ...EMPTY_PARTNERS, status: 'failed', loadError }, {} as PartnersController);
    expect(tag(html, 'partners-load-error')).toContain('role="alert"');
    expect(text(html)).toContain('Try again');
  });
});

describe('adding a partner', () => {
  it('offers only the versions a partner may be announced in, with every field labelled', async () => {
    const t = await setup();
    const html = addForm(t.state(), t.ctl);
    const select = html.slice(html.indexOf('data-testid="partner-add-announced-in"'), html.indexOf('</select>'));
    expect(select.match(/<option/g)).toHaveLength(2);
    expect(text(select)).toContain(versionOption(PARTNER_POLICY));
    expect(select).not.toContain(IN_FORCE_POLICY.version);
    expect(select).not.toContain(BILLING_POLICY.version);
    for (const [id, label] of [
      ['partner-add-id', 'Id'],
      ['partner-add-announced-in', 'Announced in'],
      ['partner-add-name', 'Name'],
      ['partner-add-purpose', 'What they do for customers'],
      ['partner-add-privacy-url', 'Privacy statement'],
      ['partner-add-curtails', 'What stops working if a customer turns them off'],
    ]) {
      expect(html).toMatch(new RegExp(`<label for="${id}">${label} <span class="required-mark"`));
    }
    expect(html).toContain('<label class="visually-hidden" for="partner-add-category-0">Kind of data 1</label>');
    expect(html).toContain('data-testid="partner-add-category-add"');
    expect(tag(html, 'partner-add-optional')).toMatch(/checked/);
    expect(tag(html, 'partner-add-submit')).toContain('type="submit"');
  });

  it('says it was added, and from when it receives data, with the form emptied', async () => {
    const t = await setup();
    t.ctl.setDraft({
      id: 'acme-analytics',
      name: 'Acme Analytics',
      purpose: 'Audience statistics.',
      categories: ['usage records'],
      privacy_url: 'https://acme.example/privacy',
      curtails: 'No audience breakdowns.',
      announced_in: PARTNER_POLICY.version,
    });
    expect(await t.ctl.add()).toBe(true);
    const html = addForm(t.state(), t.ctl);
    expect(html).toContain('data-testid="partner-added"');
    expect(text(html)).toContain(
      `Added Acme Analytics. It receives data from ${formatDate(PARTNER_POLICY.effective_at)}, when ${PARTNER_POLICY.version} takes effect`,
    );
    expect(tag(html, 'partner-add-id')).toContain('value=""');
    expect(text(item(list(t.state(), t.ctl), 'acme-analytics'))).toContain(`Starts ${formatDate(PARTNER_POLICY.effective_at)}`);
  });

  it('shows the server’s refusal at its field, keeping what was typed', async () => {
    const t = await setup();
    t.ctl.setDraft({
      id: 'northbeam-cdn',
      name: 'Acme Analytics',
      purpose: 'Audience statistics.',
      categories: ['usage records'],
      privacy_url: 'https://acme.example/privacy',
      curtails: 'No audience breakdowns.',
      announced_in: PARTNER_POLICY.version,
    });
    // Taken: known to the list, refused before the server is asked.
    await t.ctl.add();
    let html = addForm(t.state(), t.ctl);
    expect(tag(html, 'partner-add-id')).toMatch(/aria-invalid="true"/);
    expect(html).toMatch(/id="partner-add-id-error"[^>]*>A partner/);
    expect(text(html)).toContain('A partner (perhaps a retired one) already has this id. Choose another.');

    // Refused by the server: the version came into force meanwhile.
    const fake = fakePartners({ now: () => Date.parse(PARTNER_POLICY.effective_at) + 1 });
    const u = await setup(fake);
    u.ctl.setDraft({ ...t.state().draft, id: 'acme-analytics' });
    expect(await u.ctl.add()).toBe(false);
    html = addForm(u.state(), u.ctl);
    const select = tag(html, 'partner-add-announced-in');
    expect(select).toMatch(/aria-invalid="true"/);
    expect(select).toContain('aria-describedby="partner-add-announced-in-error"');
    expect(html).toMatch(/id="partner-add-announced-in-error"[^>]*>That version is already in force/);
    expect(html).not.toContain('data-testid="partner-add-error"');
    expect(tag(html, 'partner-add-id')).toContain('value="acme-analytics"');
    expect(tag(html, 'partner-add-name')).toContain('value="Acme Analytics"');
  });

  it('asks to publish a version first when none can announce a partner', async () => {
    const t = await setup(fakePartners({ policies: [BILLING_POLICY, IN_FORCE_POLICY] }));
    const html = addForm(t.state(), t.ctl, () => {});
    expect(html).not.toContain('data-testid="partner-add-form"');
    expect(html).toContain('data-testid="partner-add-no-version"');
    expect(text(html)).toContain(noEligibleVersion());
    expect(text(html)).toContain('Open Deletions & policy');
    expect(html).toContain('data-testid="partner-add-open-policies"');
    expect(sectionById('admin').label).toBe('Deletions & policy');
  });

  it('shows why the versions could not be read, with a way to try again', async () => {
    const loadError = { code: 'server_unreachable' as const, message: 'The server cannot be reached.' };
    const html = addForm({ ...EMPTY_PARTNERS, policies: { status: 'failed', items: [], loadError } }, {} as PartnersController);
    expect(html).toContain('data-testid="partner-add-policies-error"');
    expect(text(html)).toContain('Try again');
  });
});

describe('the section', () => {
  it('renders its heading and both cards', () => {
    const deps: SectionDeps = { api: unexpectedApi(), sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
    const html = clean(render(PartnersSection, { props: { section: sectionById('partners'), deps } }).body);
    expect(html).toContain('data-testid="partners-section"');
    expect(html).toMatch(/<h1 id="section-title" tabindex="-1">Partners<\/h1>/);
    expect(html).toContain('data-testid="partners"');
    expect(html).toContain('data-testid="partner-add"');
  });
});

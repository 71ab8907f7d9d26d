// Server-side renders of "Add a staff member": the fields and their labels,
// the sentence on passwords, the confirmation after adding and a refused
// field shown at the field. States come from the controller on the fake.

import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import type { SectionDeps } from '../../deps';
import { sectionById } from '../../sections';
import {
  createStaffMembersController,
  EMPTY_STAFF_MEMBERS,
  passwordNote,
  type StaffMembersController,
  type StaffMembersState,
} from '../../staff/members';
import { unexpectedApi } from '../../testing/fakeApi';
import { ALAN, EMAIL_TAKEN, fakeStaffAccounts } from '../../testing/staffAdmin';
import StaffAccountsSection from '../StaffAccountsSection.svelte';
import AddMemberForm from './AddMemberForm.svelte';

const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
function tag(html: string, testid: string): string {
  const match = html.match(new RegExp(`<[a-z]+[^>]*data-testid="${testid}"[^>]*>`));
  if (!match) throw new Error(`no ${testid}`);
  return match[0];
}

async function setup() {
  const fake = fakeStaffAccounts();
  const deps: SectionDeps = { api: unexpectedApi({ ...fake.api }), sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: StaffMembersState = EMPTY_STAFF_MEMBERS;
  const ctl = createStaffMembersController(deps, { get: () => state, set: (s) => (state = s) }, () => ALAN);
  await ctl.load();
  return { ctl, state: () => state };
}

const form = (staff: StaffMembersState, ctl: StaffMembersController) =>
  clean(render(AddMemberForm, { props: { staff, ctl } }).body);

const SAM = { email: 'sam@support.example', name: 'Sam Okafor', role: 'agent' as const, pseudonym: '' };

describe('adding a staff member', () => {
  it('asks for the e-mail, name, role and pseudonym, labelled, and says staff never set a password', async () => {
    const t = await setup();
    const html = form(t.state(), t.ctl);
    expect(html).toMatch(/<label for="add-member-email">Work e-mail <span class="required-mark"/);
    expect(html).toMatch(/<label for="add-member-name">Full name <span class="required-mark"/);
    expect(html).toMatch(/<label for="add-member-role">Role <span class="required-mark"/);
    expect(html).toMatch(/<label for="add-member-pseudonym">Pseudonym <span class="muted">\(optional\)<\/span><\/label>/);
    expect(tag(html, 'add-member-email')).toContain('type="email"');
    expect(tag(html, 'add-member-email')).toContain('aria-describedby="add-member-email-hint"');
    expect(text(html)).toContain('Support agent');
    expect(text(html)).toContain('Administrator');
    expect(html).not.toMatch(/type="password"/);
    expect(text(html)).toContain(passwordNote());
    expect(tag(html, 'add-member-form')).toContain('aria-describedby="add-member-note"');
    expect(tag(html, 'add-member-submit')).toContain('type="submit"');
  });

  it('says where the link went, until when, and that two-factor comes at first sign-in', async () => {
    const t = await setup();
    expect(await t.ctl.add(SAM)).toBe(true);
    const html = form(t.state(), t.ctl);
    const done = text(html.slice(html.indexOf('data-testid="add-member-done"')));
    expect(done).toMatch(/Link sent to s\*\*\*@support\.example, valid until .*2026/);
    expect(done).toContain('Sam Okafor turns on two-factor at first sign-in');
    expect(html).not.toContain('aria-invalid="true"');
  });

  it('shows an address in use at the e-mail field, not above the form', async () => {
    const t = await setup();
    expect(await t.ctl.add({ ...SAM, email: 'grace@steward.example' })).toBe(false);
    const html = form(t.state(), t.ctl);
    expect(tag(html, 'add-member-email')).toMatch(/aria-invalid="true"/);
    expect(tag(html, 'add-member-email')).toContain('aria-describedby="add-member-email-error"');
    expect(html).toMatch(new RegExp(`id="add-member-email-error"[^>]*>${EMAIL_TAKEN}`));
    expect(tag(html, 'add-member-name')).not.toContain('aria-invalid');
    expect(html).not.toContain('data-testid="add-member-error"');
    expect(html).not.toContain('data-testid="add-member-done"');
  });

  it('shows a refusal without a field above the form', async () => {
    const t = await setup();
    const forbidden = { code: 'forbidden' as const, message: 'Administrators only.' };
    const html = form({ ...t.state(), actions: { errors: { 'staff-add': forbidden } } }, t.ctl);
    expect(tag(html, 'add-member-error')).toContain('role="alert"');
    expect(text(html)).toContain('Administrators only.');
  });

  it('is part of the staff accounts section', () => {
    const deps: SectionDeps = { api: unexpectedApi(), sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
    const html = clean(render(StaffAccountsSection, { props: { section: sectionById('staff'), deps, selfId: ALAN } }).body);
    expect(html).toContain('data-testid="add-member-form"');
  });
});

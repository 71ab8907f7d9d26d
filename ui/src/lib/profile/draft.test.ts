import { describe, expect, it } from 'vitest';
import { companyProfile } from '../testing/profile';
import type { Profile } from '../generated/Profile';
import {
  addItem,
  changedPaths,
  editDraft,
  fromDraft,
  hasCompany,
  parseItemPath,
  removeItem,
  toDraft,
  valueAt,
} from './draft';

const personal: Profile = {
  legal_name: 'Ada Lovelace',
  display_name: 'Ada',
  emails: [],
  ip_ranges: [],
  domains: [],
};

describe('toDraft / fromDraft', () => {
  it('round-trips a full company profile', () => {
    expect(fromDraft(toDraft(companyProfile), 'company')).toEqual(companyProfile);
  });

  it('round-trips a minimal personal profile without inventing blocks', () => {
    const back = fromDraft(toDraft(personal), 'personal');
    expect(back).toEqual(personal);
    expect('company' in back).toBe(false);
    expect('postal_address' in back).toBe(false);
    expect('phone' in back).toBe(false);
  });

  it('flattens to field paths, absent as empty', () => {
    const draft = toDraft(companyProfile);
    expect(draft['postal_address.postal_code']).toBe('SW1Y 4JH');
    expect(draft['postal_address.region']).toBe('');
    expect(draft.fax).toBe('');
    expect(draft['company.tax_id']).toBe('');
  });

  it('always sends a company block for company accounts, so a missing name is reported', () => {
    const draft = toDraft({ ...personal });
    expect(fromDraft(draft, 'company').company).toEqual({ name: '' });
    expect(hasCompany(draft, 'company')).toBe(true);
    expect(hasCompany(draft, 'personal')).toBe(false);
  });

  it('drops an address cleared entirely, keeps a partial one for validation', () => {
    let draft = toDraft(companyProfile);
    for (const p of ['country', 'line1', 'locality', 'postal_code'] as const) {
      draft = editDraft(draft, `postal_address.${p}`, '');
    }
    expect('postal_address' in fromDraft(draft, 'company')).toBe(false);
    draft = editDraft(draft, 'postal_address.postal_code', '12345');
    expect(fromDraft(draft, 'company').postal_address).toEqual({
      country: '',
      line1: '',
      locality: '',
      postal_code: '12345',
    });
  });

  it('does not share lists with the profile it came from', () => {
    const draft = toDraft(companyProfile);
    draft.ip_ranges.push('198.51.100.0/24');
    expect(companyProfile.ip_ranges).toEqual(['203.0.113.0/24']);
  });
});

describe('paths', () => {
  it('parses list item paths', () => {
    expect(parseItemPath('emails[1].address')).toEqual({ list: 'emails', index: 1, leaf: 'address' });
    expect(parseItemPath('ip_ranges[0]')).toEqual({ list: 'ip_ranges', index: 0 });
    expect(parseItemPath('emails[1]')).toBeUndefined();
    expect(parseItemPath('domains[0].address')).toBeUndefined();
    expect(parseItemPath('phone')).toBeUndefined();
  });

  it('reads the value an input shows', () => {
    const draft = toDraft(companyProfile);
    expect(valueAt(draft, 'display_name')).toBe('Analytical Engines');
    expect(valueAt(draft, 'emails[1].address')).toBe('ops@engines.example');
    expect(valueAt(draft, 'emails[0].purpose')).toBe('billing');
    expect(valueAt(draft, 'ip_ranges[0]')).toBe('203.0.113.0/24');
    expect(valueAt(draft, 'domains[5]')).toBe('');
    expect(valueAt(draft, 'nonsense')).toBe('');
  });

  it('edits scalars and list items without touching the original', () => {
    const draft = toDraft(companyProfile);
    const next = editDraft(
      editDraft(editDraft(draft, 'phone', '+33123'), 'emails[1].address', 'noc@engines.example'),
      'domains[0]',
      'engines.test',
    );
    expect(next.phone).toBe('+33123');
    expect(next.emails[1]).toEqual({ address: 'noc@engines.example', purpose: 'technical' });
    expect(next.domains).toEqual(['engines.test']);
    expect(draft.emails[1]?.address).toBe('ops@engines.example');
    expect(changedPaths(draft, next)).toEqual(['emails', 'phone', 'domains']);
  });

  it('refuses unknown paths, out-of-range items and unknown purposes', () => {
    const draft = toDraft(companyProfile);
    expect(editDraft(draft, 'password', 'x')).toBe(draft);
    expect(editDraft(draft, 'ip_ranges[3]', 'x')).toBe(draft);
    expect(editDraft(draft, 'emails[0].purpose', 'marketing')).toBe(draft);
    expect(editDraft(draft, 'emails[0].purpose', 'privacy').emails[0]?.purpose).toBe('privacy');
  });

  it('adds and removes list items', () => {
    const draft = toDraft(companyProfile);
    const added = addItem(addItem(draft, 'emails'), 'ip_ranges');
    expect(added.emails[2]).toEqual({ address: '', purpose: 'general' });
    expect(added.ip_ranges).toEqual(['203.0.113.0/24', '']);
    const removed = removeItem(added, 'emails', 0);
    expect(removed.emails.map((e) => e.address)).toEqual(['ops@engines.example', '']);
    expect(removeItem(draft, 'domains', 0).domains).toEqual([]);
  });

  it('reports no change for an untouched draft', () => {
    expect(changedPaths(toDraft(companyProfile), toDraft(companyProfile))).toEqual([]);
  });
});

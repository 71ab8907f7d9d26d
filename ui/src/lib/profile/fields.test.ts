import { describe, expect, it } from 'vitest';
import { specs, companyProfile } from '../testing/profile';
import { addItem, toDraft } from './draft';
import {
  displayValue,
  errorAt,
  fieldId,
  groupErrors,
  isCorrectionOnly,
  labelFor,
  normalisePath,
  renderedPaths,
  requirementText,
  specFor,
  unplacedErrors,
} from './fields';

describe('normalisePath', () => {
  it('keeps the form notation', () => {
    expect(normalisePath('postal_address.postal_code')).toBe('postal_address.postal_code');
    expect(normalisePath('emails[1].address')).toBe('emails[1].address');
    expect(normalisePath('ip_ranges[0]')).toBe('ip_ranges[0]');
  });

  it('accepts dotted indices, JSON pointers and JSONPath roots', () => {
    expect(normalisePath('emails.1.address')).toBe('emails[1].address');
    expect(normalisePath('ip_ranges.0')).toBe('ip_ranges[0]');
    expect(normalisePath('/emails/1/address')).toBe('emails[1].address');
    expect(normalisePath('/postal_address/postal_code')).toBe('postal_address.postal_code');
    expect(normalisePath('$.domains[2]')).toBe('domains[2]');
  });
});

describe('field errors', () => {
  const errors = groupErrors([
    { field: 'postal_address.postal_code', rule: 'format', message: 'Use the format A9 9AA.' },
    { field: 'emails.1.address', rule: 'email', message: 'Not an e-mail address.' },
    { field: 'ip_ranges[0]', rule: 'cidr', message: 'Use CIDR notation.' },
    { field: 'ip_ranges[0]', rule: 'private', message: 'Private ranges are not allowed.' },
    { field: 'ip_ranges[0]', rule: 'cidr', message: 'Use CIDR notation.' },
    { field: 'legacy_field', rule: 'unknown', message: 'Something else.' },
  ]);

  it('maps each error to its field path', () => {
    expect(errorAt(errors, 'postal_address.postal_code')).toBe('Use the format A9 9AA.');
    expect(errorAt(errors, 'emails[1].address')).toBe('Not an e-mail address.');
    expect(errorAt(errors, 'emails[0].address')).toBeUndefined();
    expect(errorAt(errors, 'phone')).toBeUndefined();
  });

  it('joins several rules for one field, without repeats', () => {
    expect(errorAt(errors, 'ip_ranges[0]')).toBe('Use CIDR notation. Private ranges are not allowed.');
  });

  it('finds errors the form has no place for', () => {
    const placed = renderedPaths(toDraft(companyProfile), 'company');
    expect(unplacedErrors(errors, placed)).toEqual([{ path: 'legacy_field', message: 'Something else.' }]);
  });

  it('places group errors and every list item the draft has', () => {
    const draft = addItem(toDraft(companyProfile), 'domains');
    const placed = renderedPaths(draft, 'company');
    for (const p of ['company', 'postal_address', 'emails', 'emails[1]', 'emails[1].purpose', 'domains[1]']) {
      expect(placed.has(p)).toBe(true);
    }
    expect(placed.has('emails[2].address')).toBe(false);
    expect(placed.has('domains[2]')).toBe(false);
  });

  it('has no company fields for a personal account without company data', () => {
    const placed = renderedPaths(toDraft({ ...companyProfile, company: undefined }), 'personal');
    expect(placed.has('company.name')).toBe(false);
    expect(placed.has('company')).toBe(false);
  });
});

describe('specs', () => {
  it('finds a field spec by path, and list items by their list', () => {
    expect(specFor(specs, 'company.name')?.label).toBe('Registered name');
    expect(specFor(specs, 'emails[3].address')?.field).toBe('emails');
    expect(specFor(specs, 'phone')).toBeUndefined();
  });

  it('does not lend a group spec to a field of the group', () => {
    const group = [{ ...specs[0]!, field: 'postal_address' }];
    expect(specFor(group, 'postal_address.line2')).toBeUndefined();
  });

  it('prefers an item spec over the list spec', () => {
    const withItem = [...specs, { ...specs[0]!, field: 'emails[].address', label: 'Address' }];
    expect(labelFor(withItem, 'emails[0].address')).toBe('Address');
  });

  it('labels from the spec, else a built-in label, else the path', () => {
    expect(labelFor(specs, 'company.name')).toBe('Registered name');
    expect(labelFor(specs, 'fax')).toBe('Fax');
    expect(labelFor([], 'emails[2].purpose')).toBe('Used for');
    expect(labelFor([], 'mystery')).toBe('mystery');
  });

  it('words the requirement as PR-18 asks', () => {
    expect(requirementText(specs[0])).toBe('Required for Contracts');
    expect(requirementText(specFor(specs, 'postal_address.postal_code'))).toBe('Optional — Invoicing');
    expect(requirementText({ ...specs[0]!, needed_for: ' ' })).toBe('Required');
    expect(requirementText(undefined)).toBeUndefined();
  });

  it('knows correction-only fields', () => {
    expect(isCorrectionOnly(specFor(specs, 'company.name'))).toBe(true);
    expect(isCorrectionOnly(specFor(specs, 'legal_name'))).toBe(false);
    expect(isCorrectionOnly(undefined)).toBe(false);
  });
});

describe('fieldId', () => {
  it('makes a safe, distinct DOM id per path', () => {
    expect(fieldId('postal_address.postal_code')).toBe('field-postal_address-postal_code');
    expect(fieldId('emails[1].address')).toBe('field-emails-1--address');
    expect(fieldId('emails[1].address')).not.toBe(fieldId('emails[1].purpose'));
  });
});

describe('displayValue', () => {
  it('shows empties, lists and e-mail entries as text', () => {
    expect(displayValue('')).toBe('(empty)');
    expect(displayValue(undefined)).toBe('(empty)');
    expect(displayValue([])).toBe('(none)');
    expect(displayValue(['203.0.113.0/24', '2001:db8::/48'])).toBe('203.0.113.0/24, 2001:db8::/48');
    expect(displayValue([{ address: 'a@b.example', purpose: 'billing' }])).toBe('a@b.example (billing)');
    expect(displayValue('London')).toBe('London');
  });
});

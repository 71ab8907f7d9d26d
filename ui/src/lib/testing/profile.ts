// Sample profile values for unit tests, typed by the generated bindings.

import type { FieldSpec } from '../generated/FieldSpec';
import type { Profile } from '../generated/Profile';
import type { ProfileState } from '../generated/ProfileState';

export const COMPANY_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

export const companyProfile: Profile = {
  legal_name: 'Ada Lovelace',
  display_name: 'Analytical Engines',
  company: { name: 'Analytical Engines Ltd', registration_number: '01234567', industry: 'Computing' },
  emails: [
    { address: 'billing@engines.example', purpose: 'billing' },
    { address: 'ops@engines.example', purpose: 'technical' },
  ],
  postal_address: {
    country: 'GB',
    line1: '12 St James Square',
    locality: 'London',
    postal_code: 'SW1Y 4JH',
  },
  phone: '+442071234567',
  ip_ranges: ['203.0.113.0/24'],
  domains: ['engines.example'],
};

export const specs: FieldSpec[] = [
  { field: 'legal_name', label: 'Legal name', requirement: 'required', needed_for: 'Contracts', editable: 'editable' },
  { field: 'display_name', label: 'Display name', requirement: 'required', needed_for: 'The console and mail', editable: 'editable' },
  {
    field: 'company.name',
    label: 'Registered name',
    requirement: 'required',
    needed_for: 'Invoicing',
    editable: 'correction_only',
    note: 'The registered name changes only through a correction request.',
  },
  { field: 'postal_address.postal_code', label: 'Postal code', requirement: 'optional', needed_for: 'Invoicing', editable: 'editable' },
  { field: 'emails', label: 'Contact e-mails', requirement: 'optional', needed_for: 'Support and notices', editable: 'editable' },
];

export function profileState(profile: Profile = companyProfile, version = 3): ProfileState {
  return {
    view: {
      account_id: COMPANY_ID,
      kind: 'company',
      profile,
      version: BigInt(version),
      updated_at: '2025-11-29T09:00:00Z',
      fields: specs,
    },
    etag: `"${version}"`,
  };
}

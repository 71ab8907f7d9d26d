// The profile form's working copy, keyed by the same field paths the Rust
// validation reports (`postal_address.postal_code`, `emails[1].address`).
//
// Scalars are strings, "" meaning absent, so that a loaded profile, the form
// and a conflicting save all compare field by field; the lists (emails,
// IP ranges, domains) are whole values. `fromDraft` turns it back into the
// `Profile` that `validate_profile` and `save_profile` take.

import type { AccountKind } from '../generated/AccountKind';
import type { ContactEmail } from '../generated/ContactEmail';
import type { ContactPurpose } from '../generated/ContactPurpose';
import type { Profile } from '../generated/Profile';
import { sameValue } from '../merge';

export const COMPANY_PATHS = [
  'company.name',
  'company.registration_number',
  'company.tax_id',
  'company.industry',
  'company.website',
] as const;

export const ADDRESS_PATHS = [
  'postal_address.country',
  'postal_address.line1',
  'postal_address.line2',
  'postal_address.locality',
  'postal_address.region',
  'postal_address.postal_code',
] as const;

export type ScalarPath =
  | 'legal_name'
  | 'display_name'
  | (typeof COMPANY_PATHS)[number]
  | (typeof ADDRESS_PATHS)[number]
  | 'phone'
  | 'fax';
export type StringListPath = 'ip_ranges' | 'domains';
export type ListPath = 'emails' | StringListPath;
export type FieldPath = ScalarPath | ListPath;

/** Every field, in form order (the conflict panel lists them in this order too). */
export const FIELD_PATHS: readonly FieldPath[] = [
  'legal_name',
  'display_name',
  ...COMPANY_PATHS,
  'emails',
  ...ADDRESS_PATHS,
  'phone',
  'fax',
  'ip_ranges',
  'domains',
];

export type ProfileDraft = { [K in ScalarPath]: string } & {
  emails: ContactEmail[];
  ip_ranges: string[];
  domains: string[];
};

export const CONTACT_PURPOSES: readonly ContactPurpose[] = ['general', 'billing', 'technical', 'privacy'];

const isScalarPath = (path: string): path is ScalarPath =>
  FIELD_PATHS.includes(path as FieldPath) && !['emails', 'ip_ranges', 'domains'].includes(path);

export function toDraft(profile: Profile): ProfileDraft {
  const c = profile.company;
  const a = profile.postal_address;
  return {
    legal_name: profile.legal_name ?? '',
    display_name: profile.display_name ?? '',
    'company.name': c?.name ?? '',
    'company.registration_number': c?.registration_number ?? '',
    'company.tax_id': c?.tax_id ?? '',
    'company.industry': c?.industry ?? '',
    'company.website': c?.website ?? '',
    emails: (profile.emails ?? []).map((e) => ({ address: e.address, purpose: e.purpose })),
    'postal_address.country': a?.country ?? '',
    'postal_address.line1': a?.line1 ?? '',
    'postal_address.line2': a?.line2 ?? '',
    'postal_address.locality': a?.locality ?? '',
    'postal_address.region': a?.region ?? '',
    'postal_address.postal_code': a?.postal_code ?? '',
    phone: profile.phone ?? '',
    fax: profile.fax ?? '',
    ip_ranges: [...(profile.ip_ranges ?? [])],
    domains: [...(profile.domains ?? [])],
  };
}

/** Whether the form shows the company block. */
export function hasCompany(draft: ProfileDraft, kind: AccountKind): boolean {
  return kind === 'company' || COMPANY_PATHS.some((p) => draft[p] !== '');
}

/** The `Profile` to validate or save; empty optional fields are left out, as serde expects. */
export function fromDraft(draft: ProfileDraft, kind: AccountKind): Profile {
  const profile: Profile = {
    legal_name: draft.legal_name,
    display_name: draft.display_name,
    emails: draft.emails.map((e) => ({ address: e.address, purpose: e.purpose })),
    ip_ranges: [...draft.ip_ranges],
    domains: [...draft.domains],
  };
  if (hasCompany(draft, kind)) {
    profile.company = { name: draft['company.name'] };
    if (draft['company.registration_number'])
      profile.company.registration_number = draft['company.registration_number'];
    if (draft['company.tax_id']) profile.company.tax_id = draft['company.tax_id'];
    if (draft['company.industry']) profile.company.industry = draft['company.industry'];
    if (draft['company.website']) profile.company.website = draft['company.website'];
  }
  // An address left entirely empty is no address; a partly filled one is
  // sent as typed so validation can say what is missing.
  if (ADDRESS_PATHS.some((p) => draft[p] !== '')) {
    const address: NonNullable<Profile['postal_address']> = {
      country: draft['postal_address.country'],
      line1: draft['postal_address.line1'],
      locality: draft['postal_address.locality'],
    };
    if (draft['postal_address.line2']) address.line2 = draft['postal_address.line2'];
    if (draft['postal_address.region']) address.region = draft['postal_address.region'];
    if (draft['postal_address.postal_code']) address.postal_code = draft['postal_address.postal_code'];
    profile.postal_address = address;
  }
  if (draft.phone) profile.phone = draft.phone;
  if (draft.fax) profile.fax = draft.fax;
  return profile;
}

const ITEM = /^(emails|ip_ranges|domains)\[(\d+)\](?:\.(address|purpose))?$/;

/** Splits `emails[1].address` into its list, index and leaf. */
export function parseItemPath(
  path: string,
): { list: ListPath; index: number; leaf?: 'address' | 'purpose' } | undefined {
  const m = ITEM.exec(path);
  if (!m) return undefined;
  const list = m[1] as ListPath;
  const leaf = m[3] as 'address' | 'purpose' | undefined;
  // Emails are edited by leaf, the string lists by item.
  if ((list === 'emails') !== (leaf !== undefined)) return undefined;
  return leaf ? { list, index: Number(m[2]), leaf } : { list, index: Number(m[2]) };
}

/** The text an input at `path` shows; "" for a path the draft does not have. */
export function valueAt(draft: ProfileDraft, path: string): string {
  if (isScalarPath(path)) return draft[path];
  const item = parseItemPath(path);
  if (!item) return '';
  if (item.list === 'emails') return draft.emails[item.index]?.[item.leaf ?? 'address'] ?? '';
  return draft[item.list][item.index] ?? '';
}

/** The draft with the input at `path` set to `value`; unknown paths change nothing. */
export function editDraft(draft: ProfileDraft, path: string, value: string): ProfileDraft {
  if (isScalarPath(path)) return { ...draft, [path]: value };
  const item = parseItemPath(path);
  if (!item) return draft;
  if (item.list === 'emails') {
    const entry = draft.emails[item.index];
    if (!entry) return draft;
    if (item.leaf === 'purpose' && !CONTACT_PURPOSES.includes(value as ContactPurpose)) return draft;
    const emails = [...draft.emails];
    emails[item.index] = { ...entry, [item.leaf ?? 'address']: value };
    return { ...draft, emails };
  }
  if (item.index >= draft[item.list].length) return draft;
  const list = [...draft[item.list]];
  list[item.index] = value;
  return { ...draft, [item.list]: list };
}

export function addItem(draft: ProfileDraft, list: ListPath): ProfileDraft {
  if (list === 'emails') return { ...draft, emails: [...draft.emails, { address: '', purpose: 'general' }] };
  return { ...draft, [list]: [...draft[list], ''] };
}

export function removeItem(draft: ProfileDraft, list: ListPath, index: number): ProfileDraft {
  if (list === 'emails') return { ...draft, emails: draft.emails.filter((_, i) => i !== index) };
  return { ...draft, [list]: draft[list].filter((_, i) => i !== index) };
}

/** The fields whose values differ, in form order. */
export function changedPaths(a: ProfileDraft, b: ProfileDraft): FieldPath[] {
  return FIELD_PATHS.filter((p) => !sameValue(a[p], b[p]));
}

// What the form shows around each field: its label, "Required for …" from
// the server's FieldSpec (PR-18), whether it is correction-only, and the
// rule violations reported for it by `validate_profile` or `save_profile`.

import type { FieldError } from '../generated/FieldError';
import type { FieldSpec } from '../generated/FieldSpec';
import { FIELD_PATHS, hasCompany, type ProfileDraft } from './draft';
import type { AccountKind } from '../generated/AccountKind';
import { t, type MessageKey } from '../i18n';

/** Labels for when the server sends no spec for a field (the spec's label, in the server's words, wins). */
const FALLBACK_LABELS: Record<string, MessageKey> = {
  legal_name: 'profile.field.legal_name',
  display_name: 'profile.field.display_name',
  company: 'profile.field.company',
  'company.name': 'profile.field.company.name',
  'company.registration_number': 'profile.field.company.registration_number',
  'company.tax_id': 'profile.field.company.tax_id',
  'company.industry': 'profile.field.company.industry',
  'company.website': 'profile.field.company.website',
  emails: 'profile.field.emails',
  'emails[].address': 'profile.field.emails[].address',
  'emails[].purpose': 'profile.field.emails[].purpose',
  postal_address: 'profile.field.postal_address',
  'postal_address.country': 'profile.field.postal_address.country',
  'postal_address.line1': 'profile.field.postal_address.line1',
  'postal_address.line2': 'profile.field.postal_address.line2',
  'postal_address.locality': 'profile.field.postal_address.locality',
  'postal_address.region': 'profile.field.postal_address.region',
  'postal_address.postal_code': 'profile.field.postal_address.postal_code',
  phone: 'profile.field.phone',
  fax: 'profile.field.fax',
  ip_ranges: 'profile.field.ip_ranges',
  'ip_ranges[]': 'profile.field.ip_ranges[]',
  domains: 'profile.field.domains',
  'domains[]': 'profile.field.domains[]',
};

/**
 * The path in the form `emails[1].address`, whatever notation the server
 * used: dots for indices (`emails.1.address`), a JSON pointer
 * (`/emails/1/address`) or a JSONPath root (`$.emails[1]`).
 */
export function normalisePath(path: string): string {
  let p = path.trim();
  if (p.startsWith('$.')) p = p.slice(2);
  if (p.startsWith('/')) p = p.slice(1).split('/').join('.');
  return p.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** `emails[1].address` -> `emails[].address`. */
const generalise = (path: string) => path.replace(/\[\d+\]/g, '[]');

/**
 * The spec for a field. A list item (`emails[1].address`) falls back to a
 * spec for any item (`emails[].address`), then to its list's (`emails`).
 */
export function specFor(specs: readonly FieldSpec[], path: string): FieldSpec | undefined {
  const find = (p: string) => specs.find((s) => normalisePath(s.field) === p);
  const exact = find(path);
  if (exact || !/\[\d+\]/.test(path)) return exact;
  return find(generalise(path)) ?? find(path.replace(/\[\d+\]/g, '')) ?? find(path.replace(/\[.*$/, ''));
}

export function labelFor(specs: readonly FieldSpec[], path: string): string {
  const fallback = FALLBACK_LABELS[generalise(path)];
  return specFor(specs, path)?.label ?? (fallback ? t(fallback) : path);
}

/** "Required for Invoicing" or "Optional — Support"; nothing without a spec. */
export function requirementText(spec: FieldSpec | undefined): string | undefined {
  if (!spec) return undefined;
  const purpose = spec.needed_for.trim();
  if (spec.requirement === 'required') {
    return purpose ? t('profile.requirement.requiredFor', { purpose }) : t('profile.requirement.required');
  }
  return purpose ? t('profile.requirement.optionalFor', { purpose }) : t('profile.requirement.optional');
}

export const isCorrectionOnly = (spec: FieldSpec | undefined): boolean =>
  spec?.editable === 'correction_only';

/** Rule violations by normalised path, messages in the order reported. */
export type FieldErrors = ReadonlyMap<string, readonly string[]>;

export function groupErrors(errors: readonly FieldError[]): FieldErrors {
  const map = new Map<string, string[]>();
  for (const error of errors) {
    const path = normalisePath(error.field);
    const messages = map.get(path) ?? [];
    if (!messages.includes(error.message)) messages.push(error.message);
    map.set(path, messages);
  }
  return map;
}

/** One line for the field at `path`, or undefined when it has no error. */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  const messages = errors.get(path);
  return messages && messages.length > 0 ? messages.join(' ') : undefined;
}

/** Every path the form has a place for: fields, their groups and each list item. */
export function renderedPaths(draft: ProfileDraft, kind: AccountKind): Set<string> {
  const company = hasCompany(draft, kind);
  const paths = new Set<string>(
    FIELD_PATHS.filter((p) => company || !p.startsWith('company.')),
  );
  if (company) paths.add('company');
  paths.add('postal_address');
  draft.emails.forEach((_, i) => {
    paths.add(`emails[${i}]`);
    paths.add(`emails[${i}].address`);
    paths.add(`emails[${i}].purpose`);
  });
  draft.ip_ranges.forEach((_, i) => paths.add(`ip_ranges[${i}]`));
  draft.domains.forEach((_, i) => paths.add(`domains[${i}]`));
  return paths;
}

/** Errors for paths the form cannot place: shown above the form so none is lost. */
export function unplacedErrors(
  errors: FieldErrors,
  placed: ReadonlySet<string>,
): { path: string; message: string }[] {
  return [...errors.entries()]
    .filter(([path]) => !placed.has(path))
    .map(([path, messages]) => ({ path, message: messages.join(' ') }));
}

/** A field value as text, for the conflict panel and the history. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return t('common.empty');
  if (Array.isArray(value)) {
    if (value.length === 0) return t('profile.value.none');
    return value
      .map((item: unknown) => {
        if (typeof item === 'object' && item !== null && 'address' in item) {
          const e = item as { address: string; purpose?: string };
          return e.purpose ? `${e.address} (${e.purpose})` : e.address;
        }
        return String(item);
      })
      .join(', ');
  }
  return String(value);
}

/** A DOM id for a field path (paths contain `.`, `[` and `]`). */
export const fieldId = (path: string): string => `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

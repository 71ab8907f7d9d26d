// Fakes of the administrators' commands: the audit log (newest first, pages
// before a position, filters), staff accounts (PR-16, PR-17; adding one
// under the rules of `NewStaffMember::validate`, an address in use refused
// at the e-mail field) and service partners (PR-6, PR-7), behaving like the
// server: announced in a published personal-information version with the
// "stop partner sharing" opt-out that is not in force yet, ids never
// reused, categories narrowed but never widened, writes on a version (a
// stale one refused as the desktop app reports it: a `conflict`).

import { vi } from 'vitest';
import type { Api } from '../api';
import type { AuditAction } from '../generated/AuditAction';
import type { AuditEntry } from '../generated/AuditEntry';
import type { AuditQuery } from '../generated/AuditQuery';
import type { CommandError } from '../generated/CommandError';
import type { FieldError } from '../generated/FieldError';
import type { NewPartner } from '../generated/NewPartner';
import type { NewStaffMember } from '../generated/NewStaffMember';
import type { Partner } from '../generated/Partner';
import type { PartnerDetails } from '../generated/PartnerDetails';
import type { PolicyVersion } from '../generated/PolicyVersion';
import type { StaffMember } from '../generated/StaffMember';
import type { StaffMemberUpdate } from '../generated/StaffMemberUpdate';
import { AUDIT_ACTIONS } from '../staff/wording';
import { NOW } from './deletion';
import { BILLING_POLICY, PARTNER_POLICY } from './notices';
import { ADA, ENGINES } from './staff';

const DAY = 86_400_000;

export const GRACE = 'u-grace';
export const ALAN = 'a-admin';

/** Entry `seq`, cycling through the actions, accounts and staff. */
export function auditEntry(seq: number, changes: Partial<AuditEntry> = {}): AuditEntry {
  const action: AuditAction = AUDIT_ACTIONS[seq % AUDIT_ACTIONS.length]!;
  return {
    seq,
    at: new Date(Date.UTC(2026, 2, 1, 9, seq)).toISOString(),
    staff_user_id: seq % 3 === 0 ? ALAN : GRACE,
    staff_name: seq % 3 === 0 ? 'Alan Admin' : 'Grace Agent',
    staff_role: seq % 3 === 0 ? 'admin' : 'agent',
    account_id: seq % 2 === 0 ? ADA : ENGINES,
    action,
    what: action === 'reveal' ? 'contact_emails, phone' : action,
    reason: `Reason ${seq}`,
    ip: '192.0.2.10',
    hash: `${seq.toString(16).padStart(8, '0')}${'ab'.repeat(28)}`,
    ...changes,
  };
}

export interface FakeAudit {
  api: Pick<Api, 'listAudit'>;
}

/** `count` entries, `pageSize` a page, newest first. */
export function fakeAudit(count = 25, pageSize = 10): FakeAudit {
  const all = Array.from({ length: count }, (_, i) => auditEntry(i + 1));
  return {
    api: {
      listAudit: vi.fn((q: AuditQuery) => {
        const matching = all
          .filter(
            (e) =>
              (q.action === undefined || e.action === q.action) &&
              (q.account_id === undefined || e.account_id === q.account_id) &&
              (q.staff_user_id === undefined || e.staff_user_id === q.staff_user_id) &&
              (q.before === undefined || e.seq < q.before),
          )
          .sort((a, b) => b.seq - a.seq);
        const items = matching.slice(0, pageSize);
        const last = items[items.length - 1];
        return Promise.resolve(matching.length > pageSize && last ? { items, next_before: last.seq } : { items });
      }),
    },
  };
}

export interface FakeStaffAccounts {
  api: Pick<Api, 'listStaff' | 'updateStaff' | 'addStaff'>;
  members(): StaffMember[];
}

const invalid = (fields: FieldError[]): Promise<never> =>
  Promise.reject({ code: 'invalid_input', message: fields[0]!.message, fields } satisfies CommandError);

/** The rules of `NewStaffMember::validate` (every broken one). */
function memberErrors(input: NewStaffMember): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(input.email.trim())) {
    errors.push({ field: 'email', rule: 'email', message: 'Enter a valid e-mail address.' });
  }
  if (input.name.trim() === '') errors.push({ field: 'name', rule: 'required', message: 'Give their full name.' });
  if (input.role !== 'agent' && input.role !== 'admin') {
    errors.push({ field: 'role', rule: 'staff_role', message: 'Choose agent or admin.' });
  }
  if ((input.pseudonym ?? '').trim().length > 60) {
    errors.push({ field: 'pseudonym', rule: 'format', message: 'At most 60 characters, without line breaks.' });
  }
  return errors;
}

/** `sam@support.example` as the server shows it: `s***@support.example`. */
const maskEmail = (email: string) => `${email.slice(0, 1)}***${email.slice(email.indexOf('@'))}`;

export const EMAIL_TAKEN =
  'Someone already signs in with this address. To make an existing staff member an administrator, change their role instead.';

export function fakeStaffAccounts(options: { now?: () => number } = {}): FakeStaffAccounts {
  const now = options.now ?? (() => NOW);
  let all: StaffMember[] = [
    { user_id: ALAN, name: 'Alan Admin', email: 'alan@steward.example', role: 'admin', two_factor: true, disabled: false },
    { user_id: GRACE, name: 'Grace Agent', email: 'grace@steward.example', role: 'agent', pseudonym: 'Grace', two_factor: true, disabled: false },
    { user_id: 'u-ned', name: 'Ned Newcomer', email: 'ned@steward.example', role: 'agent', two_factor: false, disabled: false },
  ];
  return {
    api: {
      listStaff: vi.fn(() => Promise.resolve({ items: all.map((m) => ({ ...m })) })),
      updateStaff: vi.fn((userId: string, update: StaffMemberUpdate) => {
        const m = all.find((x) => x.user_id === userId);
        if (!m) return Promise.reject({ code: 'not_found', message: 'No such staff member.' });
        const next: StaffMember = { ...m };
        if (update.role !== undefined) next.role = update.role;
        if (update.disabled !== undefined) next.disabled = update.disabled;
        if (update.pseudonym !== undefined) {
          if (update.pseudonym === '') delete next.pseudonym;
          else next.pseudonym = update.pseudonym;
        }
        all = all.map((x) => (x.user_id === userId ? next : x));
        return Promise.resolve({ ...next });
      }),
      addStaff: vi.fn((input: NewStaffMember) => {
        const fields = memberErrors(input);
        if (fields.length > 0) return invalid(fields);
        const email = input.email.trim().toLowerCase();
        if (all.some((m) => m.email === email)) return invalid([{ field: 'email', rule: 'taken', message: EMAIL_TAKEN }]);
        const member: StaffMember = {
          user_id: `u-new-${all.length + 1}`,
          name: input.name.trim(),
          email,
          role: input.role,
          two_factor: false,
          disabled: false,
          ...(input.pseudonym?.trim() ? { pseudonym: input.pseudonym.trim() } : {}),
        };
        all = [...all, member];
        return Promise.resolve({
          member: { ...member },
          link_sent_to: maskEmail(email),
          link_expires_at: new Date(now() + 3 * DAY).toISOString(),
        });
      }),
    },
    members: () => all.map((m) => ({ ...m })),
  };
}

// ---- Service partners ----

/** A personal-information version offering "stop partner sharing", already in force. */
export const IN_FORCE_POLICY: PolicyVersion = {
  version: 'privacy-policy-2025',
  title: 'Tally Insights joins',
  summary: 'Tally Insights produces audience statistics.',
  concerns: 'personal_information',
  opt_outs: ['stop_partner_sharing'],
  published_at: '2025-01-10T09:00:00Z',
  effective_at: '2025-02-10T00:00:00Z',
};

/** Current ones by name (one announced and not started yet), then a retired one. */
export function partnerList(): Partner[] {
  return [
    {
      id: 'edgecache-networks',
      name: 'EdgeCache Networks',
      purpose: 'Delivers your media from servers near your listeners.',
      categories: ['account id', 'download logs'],
      privacy_url: 'https://edgecache.example/privacy',
      optional: false,
      curtails: 'Media is served from our own servers only.',
      announced_in: PARTNER_POLICY.version,
      starts_at: PARTNER_POLICY.effective_at,
      version: BigInt(1),
    },
    {
      id: 'northbeam-cdn',
      name: 'Northbeam CDN',
      purpose: 'Delivers your media to listeners and viewers worldwide.',
      categories: ['IP addresses of downloads', 'download logs'],
      privacy_url: 'https://northbeam.example/privacy',
      optional: false,
      curtails: 'Media is served from our own servers only: slower downloads far from them.',
      starts_at: '2024-01-01T00:00:00Z',
      version: BigInt(1),
    },
    {
      id: 'tally-insights',
      name: 'Tally Insights',
      purpose: 'Aggregate audience statistics for your usage reports.',
      categories: ['usage records'],
      privacy_url: 'https://tally.example/privacy',
      optional: true,
      curtails: 'Usage reports show downloads only, without audience breakdowns.',
      announced_in: IN_FORCE_POLICY.version,
      starts_at: IN_FORCE_POLICY.effective_at,
      version: BigInt(3),
    },
    {
      id: 'quill-mailing',
      name: 'Quill Mailing',
      purpose: 'Sent our newsletters.',
      categories: ['name', 'e-mail address'],
      privacy_url: 'https://quill.example/privacy',
      optional: true,
      curtails: 'No newsletters reach you.',
      starts_at: '2024-01-01T00:00:00Z',
      retired_at: '2026-01-15T12:00:00Z',
      version: BigInt(2),
    },
  ];
}

export interface FakePartners {
  api: Pick<Api, 'listPartners' | 'addPartner' | 'updatePartner' | 'retirePartner' | 'listPolicyVersions'>;
  partners(): Partner[];
  /** Another administrator changes `id` (a new version). */
  changeElsewhere(id: string, changes?: Partial<PartnerDetails>): void;
  /** Another administrator retires `id`. */
  retireElsewhere(id: string): void;
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,46}[a-z0-9]$/;

/** The rules of `PartnerDetails::validate` (every broken one). */
function detailsErrors(d: PartnerDetails): FieldError[] {
  const errors: FieldError[] = [];
  const fe = (field: string, rule: string, message: string) => errors.push({ field, rule, message });
  if (d.name.trim() === '') fe('name', 'required', "Give the partner's name.");
  if (d.purpose.trim() === '') fe('purpose', 'required', 'Say what they do for customers.');
  if (d.curtails.trim() === '') fe('curtails', 'required', 'Say what stops working for a customer who turns them off.');
  if (d.privacy_url.trim() === '') fe('privacy_url', 'required', 'Link to their privacy statement.');
  else if (!d.privacy_url.trim().startsWith('https://')) fe('privacy_url', 'https', 'Use the https:// address of their privacy statement.');
  if (d.categories.length === 0) fe('categories', 'required', 'List at least one kind of data they receive.');
  if (d.categories.length > 12) fe('categories', 'max_items', 'List at most 12 kinds of data.');
  d.categories.slice(0, 12).forEach((c, i) => {
    if (c.trim() === '') fe(`categories[${i}]`, 'required', 'Name the kind of data, or remove the line.');
    else if (d.categories.slice(0, i).some((x) => x.toLowerCase() === c.toLowerCase())) {
      fe(`categories[${i}]`, 'duplicate', 'This kind of data is listed twice.');
    }
  });
  return errors;
}

/**
 * `staleCode`: how a stale version comes back. The desktop app reports the
 * server's `precondition_failed` as a `conflict`; the UI takes either.
 */
export function fakePartners(
  options: { now?: () => number; policies?: PolicyVersion[]; staleCode?: 'conflict' | 'precondition_failed' } = {},
): FakePartners {
  const now = options.now ?? (() => NOW);
  const policies = options.policies ?? [PARTNER_POLICY, BILLING_POLICY, IN_FORCE_POLICY];
  let all = partnerList();
  const copy = (p: Partner): Partner => ({ ...p, categories: [...p.categories] });
  const stale = () =>
    Promise.reject({
      code: options.staleCode ?? 'conflict',
      message: 'Precondition Failed',
      advice: 'Someone else changed this in the meantime. Reload and try again.',
    });
  const put = (next: Partner) => {
    all = all.map((p) => (p.id === next.id ? next : p));
    return Promise.resolve(copy(next));
  };
  /** The partner `id` at `version`, current; else the refusal. */
  function current(id: string, version: bigint | number): Partner | Promise<never> {
    const p = all.find((x) => x.id === id);
    if (!p) return Promise.reject({ code: 'not_found', message: 'Not found' });
    if (Number(p.version) !== Number(version)) return stale();
    if (p.retired_at) return Promise.reject({ code: 'conflict', message: `${p.name} is retired; add a new partner instead.` });
    return p;
  }

  return {
    api: {
      listPolicyVersions: vi.fn(() => Promise.resolve(policies.map((v) => ({ ...v })))),
      listPartners: vi.fn(() => Promise.resolve({ items: all.map(copy) })),
      addPartner: vi.fn((input: NewPartner) => {
        const fields: FieldError[] = [];
        if (!SLUG.test(input.id.trim())) {
          fields.push({ field: 'id', rule: 'slug', message: 'Use 3 to 48 lower-case letters, digits and hyphens, such as acme-analytics.' });
        }
        if (input.announced_in.trim() === '') {
          fields.push({ field: 'announced_in', rule: 'required', message: 'Choose the policy version that tells customers about this partner.' });
        }
        fields.push(...detailsErrors(input.details));
        if (fields.length > 0) return invalid(fields);
        const policy = policies.find((v) => v.version === input.announced_in.trim());
        if (!policy) {
          return invalid([{ field: 'announced_in', rule: 'unknown_version', message: 'There is no published policy version with this name. Publish the version that announces the partner first.' }]);
        }
        if (policy.concerns !== 'personal_information' || !(policy.opt_outs ?? []).includes('stop_partner_sharing')) {
          return invalid([{ field: 'announced_in', rule: 'no_sharing_opt_out', message: 'That version does not offer customers the "stop partner sharing" opt-out.' }]);
        }
        if (new Date(policy.effective_at).getTime() <= now()) {
          return invalid([{ field: 'announced_in', rule: 'already_in_force', message: 'That version is already in force, so customers had no notice of this partner. Publish a new version that takes effect later.' }]);
        }
        if (all.some((p) => p.id === input.id.trim())) {
          return invalid([{ field: 'id', rule: 'taken', message: 'A partner (perhaps a retired one) already has this id. Choose another.' }]);
        }
        const row: Partner = {
          id: input.id.trim(),
          ...input.details,
          categories: [...input.details.categories],
          optional: input.optional,
          announced_in: policy.version,
          starts_at: policy.effective_at,
          version: BigInt(1),
        };
        all = [...all, row];
        return Promise.resolve(copy(row));
      }),
      updatePartner: vi.fn((id: string, details: PartnerDetails, version: bigint | number) => {
        const fields = detailsErrors(details);
        if (fields.length > 0) return invalid(fields);
        const p = current(id, version);
        if (p instanceof Promise) return p;
        const widened = details.categories
          .map((c, i) => ({ c, i }))
          .filter(({ c }) => !p.categories.some((o) => o.toLowerCase() === c.toLowerCase()))
          .map(({ c, i }) => ({
            field: `categories[${i}]`,
            rule: 'not_announced',
            message: `Customers were not told that ${p.name} receives "${c}". To share more, announce it in a policy version and add the partner again under a new id.`,
          }));
        if (widened.length > 0) return invalid(widened);
        return put({ ...p, ...details, categories: [...details.categories], version: BigInt(Number(p.version) + 1) });
      }),
      retirePartner: vi.fn((id: string, version: bigint | number) => {
        const p = current(id, version);
        if (p instanceof Promise) return p;
        return put({ ...p, retired_at: new Date(now()).toISOString(), version: BigInt(Number(p.version) + 1) });
      }),
    },
    partners: () => all.map(copy),
    changeElsewhere(id, changes = {}) {
      all = all.map((p) => (p.id === id ? { ...p, ...changes, version: BigInt(Number(p.version) + 1) } : p));
    },
    retireElsewhere(id) {
      all = all.map((p) =>
        p.id === id ? { ...p, retired_at: new Date(now()).toISOString(), version: BigInt(Number(p.version) + 1) } : p,
      );
    },
  };
}

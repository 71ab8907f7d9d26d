// Fakes of the administrators' deletion and policy commands, behaving like
// the server: pending deletion requests soonest first, carried out only
// after the cooling-off period and without a legal hold (conflicts in the
// server's words); policy versions newest first, published under the rules
// of `NewPolicyVersion::validate`, a name taken being a conflict.

import { vi } from 'vitest';
import type { Api } from '../api';
import type { DeletionRequest } from '../generated/DeletionRequest';
import type { FieldError } from '../generated/FieldError';
import type { NewPolicyVersion } from '../generated/NewPolicyVersion';
import type { PolicyVersion } from '../generated/PolicyVersion';
import { deletionRequest, NOW } from './deletion';
import { BILLING_POLICY, PARTNER_POLICY } from './notices';
import { ADA, ENGINES, GUARDED } from './staff';

const DAY = 86_400_000;

/** Ada's: the cooling-off period is over. */
export const READY = 'del-ada';
/** Engines': still cooling off, for a week. */
export const COOLING = 'del-engines';
/** Difference Engines': over, but the account is on hold. */
export const HELD = 'del-guarded';

export function pendingDeletions(): DeletionRequest[] {
  return [
    deletionRequest({
      id: READY,
      account_id: ADA,
      account_name: 'Ada Lovelace',
      requested_by: 'Ada Lovelace',
      requested_at: new Date(NOW - 20 * DAY).toISOString(),
      effective_at: new Date(NOW - 6 * DAY).toISOString(),
    }),
    deletionRequest({
      id: HELD,
      account_id: GUARDED,
      account_name: 'Difference Engines Ltd',
      requested_by: 'Joseph Clement',
      reason: 'We closed the business.',
      requested_at: new Date(NOW - 16 * DAY).toISOString(),
      effective_at: new Date(NOW - 2 * DAY).toISOString(),
    }),
    deletionRequest({
      id: COOLING,
      account_id: ENGINES,
      account_name: 'Analytical Engines Ltd',
      requested_by: 'Charles Babbage',
      requested_at: new Date(NOW - 7 * DAY).toISOString(),
      effective_at: new Date(NOW + 7 * DAY).toISOString(),
    }),
  ];
}

const conflict = (message: string) => Promise.reject({ code: 'conflict', message });

export interface FakeDeletions {
  api: Pick<Api, 'listDeletionRequests' | 'completeDeletion'>;
  /** The requests carried out, oldest first. */
  erased(): string[];
  /** Someone else carried out or the customer cancelled `id`. */
  closeElsewhere(id: string): void;
}

export function fakeDeletions(options: { now?: () => number; held?: string[] } = {}): FakeDeletions {
  const now = options.now ?? (() => NOW);
  const held = new Set(options.held ?? [GUARDED]);
  let all = pendingDeletions();
  const erased: string[] = [];

  return {
    api: {
      listDeletionRequests: vi.fn(() =>
        Promise.resolve(all.filter((r) => r.status === 'pending').map((r) => ({ ...r }))),
      ),
      completeDeletion: vi.fn((id: string) => {
        const r = all.find((x) => x.id === id);
        if (!r) return Promise.reject({ code: 'not_found', message: 'No such deletion request.' });
        if (r.status !== 'pending') return conflict('This request was cancelled or carried out already.');
        if (new Date(r.effective_at).getTime() > now()) {
          return conflict('The cooling-off period runs until later; the customer can still cancel.');
        }
        if (held.has(r.account_id)) return conflict('A legal hold applies to this account; lift it before deleting.');
        const done: DeletionRequest = { ...r, status: 'completed', closed_at: new Date(now()).toISOString(), closed_by: 'Alan Admin' };
        all = all.map((x) => (x.id === id ? done : x));
        erased.push(id);
        return Promise.resolve({ ...done });
      }),
    },
    erased: () => [...erased],
    closeElsewhere(id) {
      all = all.map((x) => (x.id === id ? { ...x, status: 'cancelled' } : x));
    },
  };
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,62})[a-z0-9]$/;

/** The rules of `NewPolicyVersion::validate` (every broken one, in its order). */
function policyErrors(input: NewPolicyVersion, now: number): FieldError[] {
  const errors: FieldError[] = [];
  const fe = (field: string, rule: string, message: string) => errors.push({ field, rule, message });
  if (!SLUG.test(input.version.trim())) {
    fe('version', 'slug', 'Use 3 to 64 lower-case letters, digits and hyphens, such as privacy-policy-2027.');
  }
  if (input.title.trim() === '') fe('title', 'required', 'Give the change a title.');
  if (input.summary.trim() === '') fe('summary', 'required', 'Say what changed.');
  if (input.concerns === 'personal_information' && input.opt_outs.length === 0) {
    fe('opt_outs', 'required', 'A change that concerns personal information must offer at least one opt-out.');
  }
  if (input.concerns === 'account_information') {
    if (input.opt_outs.length > 0) fe('opt_outs', 'not_allowed', 'Opt-outs belong to changes that concern personal information.');
    if (input.review_section === null) fe('review_section', 'required', 'Say which console page the customer should review.');
  }
  if (new Date(input.effective_at).getTime() < now) {
    fe('effective_at', 'not_before_now', 'A policy cannot take effect in the past.');
  }
  return errors;
}

export interface FakePolicies {
  api: Pick<Api, 'listPolicyVersions' | 'publishPolicyVersion'>;
  /** What was published, oldest first. */
  published(): NewPolicyVersion[];
}

export function fakePolicies(options: { now?: () => number } = {}): FakePolicies {
  const now = options.now ?? (() => NOW);
  let versions: PolicyVersion[] = [PARTNER_POLICY, BILLING_POLICY];
  const published: NewPolicyVersion[] = [];

  return {
    api: {
      listPolicyVersions: vi.fn(() => Promise.resolve(versions.map((v) => ({ ...v })))),
      publishPolicyVersion: vi.fn((input: NewPolicyVersion) => {
        const fields = policyErrors(input, now());
        if (fields.length > 0) return Promise.reject({ code: 'invalid_input', message: fields[0]!.message, fields });
        const version = input.version.trim();
        if (versions.some((v) => v.version === version)) {
          return conflict(`A policy version named ${version} exists; choose another name.`);
        }
        published.push(input);
        const row: PolicyVersion = {
          version,
          title: input.title.trim(),
          summary: input.summary.trim(),
          concerns: input.concerns,
          published_at: new Date(now()).toISOString(),
          effective_at: input.effective_at,
          ...(input.opt_outs.length > 0 ? { opt_outs: [...input.opt_outs] } : {}),
          ...(input.review_section ? { review_section: input.review_section } : {}),
        };
        versions = [row, ...versions];
        return Promise.resolve({ ...row });
      }),
    },
    published: () => [...published],
  };
}

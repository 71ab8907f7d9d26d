// Fakes of the staff commands that help with a customer's account, on the
// customers of `fakeStaff` (so that reading a customer again shows a legal
// hold placed or lifted): verification requests (PR-8) checked as the
// server checks them, password reset links to a member's sign-in address
// (an hour), and legal holds (PR-19) of 1 to 500 characters.

import { vi } from 'vitest';
import type { Api } from '../api';
import type { FieldError } from '../generated/FieldError';
import type { NewVerificationRequest } from '../generated/NewVerificationRequest';
import type { VerificationOverview } from '../generated/VerificationOverview';
import { reject, type FakeStaff } from './staff';

export interface FakeHelp {
  api: Pick<Api, 'staffRequestVerification' | 'startPasswordReset' | 'placeLegalHold' | 'liftLegalHold'>;
  /** The verification requests made, oldest first. */
  requests(): (NewVerificationRequest & { accountId: string })[];
}

export function fakeHelp(staff: FakeStaff, options: { now?: () => number } = {}): FakeHelp {
  const now = options.now ?? (() => Date.now());
  const made: (NewVerificationRequest & { accountId: string })[] = [];
  const find = (id: string) => staff.customers.find((c) => c.view.account_id === id);
  const missing = () => reject('not_found', 'No such customer.');
  const approved = (id: string) => {
    const access = find(id)?.view.access;
    return !access?.require_approval || new Date(access.granted_until ?? 0).getTime() > now();
  };
  const invalid = (fields: FieldError[]) =>
    Promise.reject({ code: 'invalid_input', message: 'Correct the fields marked below.', fields });

  return {
    api: {
      staffRequestVerification: vi.fn((accountId: string, request: NewVerificationRequest) => {
        const c = find(accountId);
        if (!c) return missing();
        const fields: FieldError[] = [];
        if (request.items.length === 0) {
          fields.push({ field: 'items', rule: 'required', message: 'Choose at least one item to verify.' });
        }
        if (c.view.kind !== 'company' && request.items.includes('company_information')) {
          fields.push({ field: 'items', rule: 'not_applicable', message: 'Company information applies to company accounts only.' });
        }
        if (request.reason.trim() === '') {
          fields.push({ field: 'reason', rule: 'required', message: 'Tell the customer why they are asked.' });
        }
        if (!(new Date(request.due_at).getTime() > now())) {
          fields.push({ field: 'due_at', rule: 'future', message: 'The due date must be in the future.' });
        }
        if (fields.length > 0) return invalid(fields);
        made.push({ ...request, accountId });
        const overview: VerificationOverview = {
          requests: [
            {
              id: `ver-${made.length}`,
              requested_by: { kind: 'staff', name: 'Grace Agent' },
              reason: request.reason,
              created_at: new Date(now()).toISOString(),
              due_at: request.due_at,
              checks: request.items.map((item) => ({ item })),
            },
          ],
          last_verified: [],
        };
        return Promise.resolve(overview);
      }),

      startPasswordReset: vi.fn((accountId, userId, why) => {
        const c = find(accountId);
        const member = c?.view.members.find((m) => m.user_id === userId);
        if (why.reason.trim() === '') return reject('invalid_input', 'A reason is required.', 'reason');
        if (!c || !member) return missing();
        if (!approved(accountId)) return reject('approval_required', 'The customer requires approval.');
        return Promise.resolve({ sent_to: member.email_masked, expires_at: new Date(now() + 60 * 60_000).toISOString() });
      }),

      placeLegalHold: vi.fn((accountId: string, explanation: string) => {
        const c = find(accountId);
        if (!c) return missing();
        const text = explanation.trim();
        if (text === '' || [...text].length > 500) {
          return invalid([{ field: 'explanation', rule: 'required', message: 'Explain the hold to the customer in 1 to 500 characters.' }]);
        }
        const hold = { explanation: text, since: new Date(now()).toISOString() };
        c.view = { ...c.view, legal_hold: hold };
        return Promise.resolve(hold);
      }),

      liftLegalHold: vi.fn((accountId: string) => {
        const c = find(accountId);
        if (!c) return missing();
        const view = { ...c.view };
        delete view.legal_hold;
        c.view = view;
        return Promise.resolve();
      }),
    },
    requests: () => made.map((r) => ({ ...r })),
  };
}

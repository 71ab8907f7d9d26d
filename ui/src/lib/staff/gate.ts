// The staff commands, watched for `staff_two_factor_required`: whichever
// staff section meets it first, every staff section then shows the one
// full-section message (the shell keeps the flag), instead of each card
// failing on its own.

import type { Api } from '../api';
import { toCommandError } from '../commandErrors';
import type { SectionDeps } from '../deps';

/** The commands only staff may call: the ones the server refuses without two-factor sign-in. */
export const STAFF_COMMANDS = [
  'searchCustomers',
  'loadCustomer',
  'revealCustomer',
  'sendCallerCode',
  'checkCaller',
  'startActing',
  'stopActing',
  'staffLoadProfile',
  'staffSaveProfile',
  'staffLoadCommunications',
  'staffSaveCommunications',
  'staffListTickets',
  'staffGetTicket',
  'staffReplyTicket',
  'setTicketStatus',
  'caseSummary',
  'listAudit',
  'listStaff',
  'updateStaff',
  'staffRequestVerification',
  'startPasswordReset',
  'listDeletionRequests',
  'completeDeletion',
  'placeLegalHold',
  'liftLegalHold',
  'publishPolicyVersion',
] as const satisfies readonly (keyof Api)[];

type AnyCommand = (...args: unknown[]) => Promise<unknown>;

/** `api`, with every staff command reporting `staff_two_factor_required` to `onRequired` (and still rejecting). */
export function watchStaffApi(api: Api, onRequired: () => void): Api {
  const watched: Record<string, unknown> = { ...api };
  for (const name of STAFF_COMMANDS) {
    const command = api[name] as unknown as AnyCommand;
    watched[name] = (...args: unknown[]) =>
      command(...args).catch((reason: unknown) => {
        if (toCommandError(reason).code === 'staff_two_factor_required') onRequired();
        throw reason;
      });
  }
  return watched as unknown as Api;
}

/** Section deps whose staff commands are watched; follows `deps.api` when it is replaced. */
export function staffDeps(deps: SectionDeps, onRequired: () => void): SectionDeps {
  let source: Api | undefined;
  let watched: Api | undefined;
  return {
    get api() {
      const api = deps.api;
      if (api !== source || !watched) {
        source = api;
        watched = watchStaffApi(api, onRequired);
      }
      return watched;
    },
    sessionEnded: (error) => deps.sessionEnded(error),
    sessionRenewed: (session) => deps.sessionRenewed(session),
  };
}

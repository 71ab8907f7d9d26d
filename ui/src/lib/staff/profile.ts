// The customer's profile, edited by staff acting on their behalf: the
// customer's own profile form and its flows (validation as you type, the
// ETag, the conflict panel), with the staff commands underneath. Reading the
// full profile is itself audited, so it happens only inside an acting session.

import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import { explained } from './errors';

/** `deps`, whose `loadProfile` and `saveProfile` are the staff ones (everything else unchanged). */
export function staffProfileDeps(deps: SectionDeps): SectionDeps {
  const api = (): Api => {
    const inner = deps.api;
    return {
      ...inner,
      // Refusals in the workspace's words (approval required, acting over).
      loadProfile: (accountId) => explained(inner.staffLoadProfile(accountId)),
      saveProfile: (accountId, profile, etag) => explained(inner.staffSaveProfile(accountId, profile, etag)),
    };
  };
  return {
    get api() {
      return api();
    },
    sessionEnded: (error) => deps.sessionEnded(error),
    sessionRenewed: (session) => deps.sessionRenewed(session),
  };
}

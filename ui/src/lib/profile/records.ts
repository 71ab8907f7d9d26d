// Around the profile form: verification requests (PR-8), correction
// requests (PR-9) and the change history (PR-1). Each loads on its own, so
// one failing does not hide the others.

import { sameAnswer } from '../answers';
import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { failure, type SectionDeps, type Slot } from '../deps';
import type { CommandError } from '../generated/CommandError';
import type { CorrectionRequest } from '../generated/CorrectionRequest';
import type { NewCorrection } from '../generated/NewCorrection';
import type { ProfileChange } from '../generated/ProfileChange';
import type { VerificationItem } from '../generated/VerificationItem';
import type { VerificationOverview } from '../generated/VerificationOverview';
import type { VerificationRequest } from '../generated/VerificationRequest';
import { t } from '../i18n';

type Part = 'verifications' | 'corrections' | 'history';

export interface ProfileRecords {
  accountId?: string;
  verifications?: VerificationOverview;
  corrections?: CorrectionRequest[];
  history?: ProfileChange[];
  loadErrors: Partial<Record<Part, CommandError>>;
  /** `confirm:<item>` and `correction`. */
  actions: ActionState;
}

export const EMPTY_RECORDS: ProfileRecords = { loadErrors: {}, actions: NO_ACTIONS };

/** The request the banner shows: the first one not yet completed. */
export function openRequest(overview: VerificationOverview | undefined): VerificationRequest | undefined {
  return overview?.requests.find((r) => !r.completed_at);
}

export function lastVerified(
  overview: VerificationOverview | undefined,
  item: VerificationItem,
): string | undefined {
  return overview?.last_verified.find((l) => l.item === item)?.verified_at ?? undefined;
}

/** Where "Edit" takes the user for each item: the id of the form group holding its fields. */
export const VERIFICATION_GROUPS: Record<VerificationItem, string> = {
  contact_details: 'group-contact',
  billing_address: 'group-address',
  company_information: 'group-company',
};

export interface RecordsController {
  load(accountId: string): Promise<void>;
  /** The page shown again: every part read again, what is on screen staying until it is here. */
  revalidate(accountId: string): Promise<void>;
  reloadHistory(): Promise<void>;
  confirm(requestId: string, item: VerificationItem): Promise<boolean>;
  requestCorrection(correction: NewCorrection): Promise<boolean>;
  runner: Runner;
}

export function createRecordsController(deps: SectionDeps, slot: Slot<ProfileRecords>): RecordsController {
  const runner = createRunner(deps, {
    get: () => slot.get().actions,
    set: (actions) => slot.set({ ...slot.get(), actions }),
  });

  async function loadPart<K extends Part>(
    accountId: string,
    part: K,
    run: () => Promise<NonNullable<ProfileRecords[K]>>,
    fresh: () => boolean = () => true,
  ) {
    try {
      const value = await run();
      if (slot.get().accountId !== accountId || !fresh()) return;
      // Read again and unchanged: nothing to show anew.
      if (!slot.get().loadErrors[part] && sameAnswer(value, slot.get()[part])) return;
      const loadErrors = { ...slot.get().loadErrors };
      delete loadErrors[part];
      slot.set({ ...slot.get(), [part]: value, loadErrors });
    } catch (reason) {
      const error = failure(deps, reason);
      if (slot.get().accountId !== accountId || !fresh()) return;
      slot.set({ ...slot.get(), loadErrors: { ...slot.get().loadErrors, [part]: error } });
    }
  }

  const accountId = () => slot.get().accountId;

  /** Every part; `fresh` says whether an answer may still be shown. */
  async function readAll(id: string, fresh?: () => boolean) {
    await Promise.all([
      loadPart(id, 'verifications', () => deps.api.loadVerifications(id), fresh),
      loadPart(id, 'corrections', () => deps.api.listCorrections(id), fresh),
      loadPart(id, 'history', () => deps.api.profileHistory(id), fresh),
    ]);
  }

  async function load(id: string) {
    slot.set({ ...EMPTY_RECORDS, accountId: id });
    await readAll(id);
  }

  return {
    runner,

    load,

    async revalidate(id) {
      if (accountId() !== id) return load(id);
      await readAll(id, runner.quietSince());
    },

    async reloadHistory() {
      const id = accountId();
      if (id) await loadPart(id, 'history', () => deps.api.profileHistory(id));
    },

    confirm(requestId, item) {
      const id = accountId();
      if (!id) return Promise.resolve(false);
      return runner.run(`confirm:${item}`, async () => {
        const verifications = await deps.api.confirmVerification(id, requestId, item);
        if (accountId() === id) slot.set({ ...slot.get(), verifications });
      });
    },

    requestCorrection(correction) {
      const id = accountId();
      if (!id) return Promise.resolve(false);
      return runner.run(
        'correction',
        async () => {
          const created = await deps.api.requestCorrection(id, correction);
          if (accountId() !== id) return;
          slot.set({ ...slot.get(), corrections: [created, ...(slot.get().corrections ?? [])] });
        },
        t('profile.corrections.requested'),
      );
    },
  };
}

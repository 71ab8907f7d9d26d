// Privacy policy versions (PR-7), for administrators: the versions
// published so far, newest first, and publishing a new one. Publishing
// sends every customer a notice and an e-mail at once; it cannot be undone.
//
// What a version says decides what its notice offers:
// - a change concerning personal information offers at least one opt-out
//   in place (and names no page to review);
// - a change concerning account information names the console page to
//   review (and offers no opt-outs).
// The form shows only the part that applies, so what it sends never mixes
// the two. It takes effect at the start of a day (00:00 UTC), not in the
// past; 30 days ahead by default, leaving time for advance notice.
//
// Blank fields are refused before asking the server; the server judges the
// rest (the version's form, lengths, the date) and its refusals show next to
// the fields. A version name already taken is shown next to the name.

import { createRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import type { SectionDeps, Slot } from '../deps';
import { formatDay } from '../format';
import type { CommandError } from '../generated/CommandError';
import type { ConsoleSection } from '../generated/ConsoleSection';
import type { FieldError } from '../generated/FieldError';
import type { NewPolicyVersion } from '../generated/NewPolicyVersion';
import type { NoticeAction } from '../generated/NoticeAction';
import type { PolicyConcern } from '../generated/PolicyConcern';
import type { PolicyVersion } from '../generated/PolicyVersion';
import { t } from '../i18n';
import { explainStaffError, staffFailure } from './errors';
import { dayAfter, isDay, startOfDay } from './dates';

export const PUBLISH_KEY = 'policy-publish';

/** Days ahead a new version takes effect, unless the administrator chooses otherwise. */
export const EFFECTIVE_DAYS = 30;

export const POLICY_FIELDS = ['version', 'title', 'summary', 'concerns', 'opt_outs', 'review_section', 'effective_at'] as const;

export const NOTICE_ACTIONS: readonly NoticeAction[] = ['stop_partner_sharing', 'unsubscribe_promotional', 'refuse_optional_cookies'];
export const CONSOLE_SECTIONS: readonly ConsoleSection[] = ['profile', 'billing', 'communications', 'privacy', 'security', 'team'];

/** Checked complete by its type: a new concern in Rust fails the type check until listed and worded. */
const CONCERNS: Record<PolicyConcern, true> = { personal_information: true, account_information: true };
export const POLICY_CONCERNS = Object.keys(CONCERNS) as PolicyConcern[];
export const concernLabel = (c: PolicyConcern): string => t(`admin.concern.${c}`);

/** What the form holds. */
export interface PolicyDraft {
  version: string;
  title: string;
  summary: string;
  concerns: PolicyConcern;
  /** Sent for a personal-information change only. */
  opt_outs: NoticeAction[];
  /** Sent for an account-information change only; empty: none chosen. */
  review_section: ConsoleSection | '';
  /** A calendar date, `YYYY-MM-DD`. */
  effective: string;
}

export function emptyPolicyDraft(now: Date = new Date()): PolicyDraft {
  return {
    version: '',
    title: '',
    summary: '',
    concerns: 'personal_information',
    opt_outs: [],
    review_section: '',
    effective: dayAfter(now, EFFECTIVE_DAYS),
  };
}

/** What `draft` sends: only the part that applies to what it concerns. */
export function policyInput(draft: PolicyDraft): NewPolicyVersion {
  const personal = draft.concerns === 'personal_information';
  return {
    version: draft.version.trim(),
    title: draft.title.trim(),
    summary: draft.summary.trim(),
    concerns: draft.concerns,
    opt_outs: personal ? NOTICE_ACTIONS.filter((a) => draft.opt_outs.includes(a)) : [],
    review_section: personal || draft.review_section === '' ? null : draft.review_section,
    effective_at: startOfDay(draft.effective),
  };
}

/** The blank fields of `draft`, each with what to do (the server's words). */
export function policyProblems(draft: PolicyDraft): FieldError[] {
  const problems: FieldError[] = [];
  const required = (field: string, message: string) => problems.push({ field, rule: 'required', message });
  if (draft.version.trim() === '') required('version', t('admin.policy.versionRequired'));
  if (draft.title.trim() === '') required('title', t('admin.policy.titleRequired'));
  if (draft.summary.trim() === '') required('summary', t('admin.policy.summaryRequired'));
  if (draft.concerns === 'personal_information' && draft.opt_outs.length === 0) {
    required('opt_outs', t('admin.policy.optOutsRequired'));
  }
  if (draft.concerns === 'account_information' && draft.review_section === '') {
    required('review_section', t('admin.policy.reviewRequired'));
  }
  if (!isDay(draft.effective)) required('effective_at', t('admin.policy.effectiveRequired'));
  return problems;
}

export const publishedMessage = (p: Pick<PolicyVersion, 'version' | 'effective_at'>): string =>
  t('admin.policy.publishedMessage', { version: p.version, date: formatDay(p.effective_at.slice(0, 10)) });

export interface PoliciesState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  /** Newest first. */
  items: PolicyVersion[];
  /** Key: `policy-publish`. */
  actions: ActionState;
}

export const EMPTY_POLICIES: PoliciesState = { status: 'idle', items: [], actions: NO_ACTIONS };

export interface PoliciesController {
  runner: Runner;
  load(): Promise<void>;
  /** Resolves true once published. */
  publish(draft: PolicyDraft): Promise<boolean>;
}

/** A refusal of the name (the only conflict publishing meets) goes next to the name. */
function onVersion(error: CommandError): CommandError {
  if (error.code !== 'conflict' || (error.fields?.length ?? 0) > 0) return error;
  return { ...error, fields: [{ field: 'version', rule: 'taken', message: error.message }] };
}

export function createPoliciesController(deps: SectionDeps, slot: Slot<PoliciesState>): PoliciesController {
  const patch = (changes: Partial<PoliciesState>) => slot.set({ ...slot.get(), ...changes });
  const runner = createRunner(deps, { get: () => slot.get().actions, set: (actions) => patch({ actions }) });

  return {
    runner,

    async load() {
      patch({ status: slot.get().status === 'ready' ? 'ready' : 'loading' });
      try {
        const items = await deps.api.listPolicyVersions();
        const next: PoliciesState = { ...slot.get(), status: 'ready', items };
        delete next.loadError;
        slot.set(next);
      } catch (reason) {
        const loadError = staffFailure(deps, reason);
        patch({ status: slot.get().status === 'ready' ? 'ready' : 'failed', loadError });
      }
    },

    async publish(draft) {
      const problems = policyProblems(draft);
      if (problems.length > 0) {
        const actions = slot.get().actions;
        const error: CommandError = { code: 'invalid_input', message: problems[0]!.message, fields: problems };
        patch({ actions: { ...actions, errors: { ...actions.errors, [PUBLISH_KEY]: error } } });
        return false;
      }
      let published: PolicyVersion | undefined;
      const ok = await runner.run(PUBLISH_KEY, async () => {
        try {
          published = await deps.api.publishPolicyVersion(policyInput(draft));
        } catch (reason) {
          throw onVersion(explainStaffError(toCommandError(reason)));
        }
      });
      if (!ok || !published) return false;
      const version = published;
      const actions = slot.get().actions;
      patch({
        items: [version, ...slot.get().items.filter((p) => p.version !== version.version)],
        actions: { ...actions, done: { key: PUBLISH_KEY, message: publishedMessage(version) } },
      });
      return true;
    },
  };
}

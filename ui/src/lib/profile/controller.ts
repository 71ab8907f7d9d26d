// The profile form's flows: load, edit with as-you-type validation, save
// with the ETag, and the conflict flow when someone else saved first.
//
//   open --load_profile--> ready --edit--> (validate_profile, debounced)
//   ready --save_profile--> saved | failed (message, advice, field errors)
//                       \-> conflict: a merge plan; the user picks per field,
//                           then "Save merged" saves on top of their version.

import { debouncedCheck } from '../debounce';
import { failure, type SectionDeps, type Slot } from '../deps';
import type { AccountKind } from '../generated/AccountKind';
import type { CommandError } from '../generated/CommandError';
import type { FieldError } from '../generated/FieldError';
import type { ProfileState } from '../generated/ProfileState';
import { planMerge, resolveMerge, type Choice, type MergePlan } from '../merge';
import {
  addItem,
  changedPaths,
  editDraft,
  FIELD_PATHS,
  fromDraft,
  removeItem,
  toDraft,
  type ListPath,
  type ProfileDraft,
} from './draft';

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; at: string }
  | { state: 'failed'; error: CommandError };

export interface ConflictState {
  /** What the other save left on the server; its ETag is the one to save on top of. */
  current: ProfileState;
  plan: MergePlan<ProfileDraft>;
  choices: Partial<Record<string, Choice>>;
}

export interface ProfileForm {
  accountId?: string;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  /** What the form was loaded from: the merge base, and the ETag to send. */
  loaded?: ProfileState;
  draft?: ProfileDraft;
  /** From the latest validation of the draft, or from a rejected save. */
  errors: FieldError[];
  save: SaveStatus;
  conflict?: ConflictState;
}

export const EMPTY_FORM: ProfileForm = { status: 'idle', errors: [], save: { state: 'idle' } };

export function isDirty(form: ProfileForm): boolean {
  if (!form.loaded || !form.draft) return false;
  return changedPaths(toDraft(form.loaded.view.profile), form.draft).length > 0;
}

/** Save is offered for a changed, valid draft, with no save or conflict in progress. */
export function canSave(form: ProfileForm): boolean {
  return (
    form.status === 'ready' &&
    form.conflict === undefined &&
    form.save.state !== 'saving' &&
    form.errors.length === 0 &&
    isDirty(form)
  );
}

/**
 * Forms with unsaved changes, by account id, kept while another account is
 * selected or the Profile page is built again (the shell owns it, so it ends
 * with the session).
 */
export type DraftStash = Map<string, ProfileForm>;

export interface ProfileController {
  /** Loads the account's profile, or picks up a form left there with unsaved changes. */
  open(accountId: string, stash?: DraftStash): Promise<void>;
  /**
   * The page shown again: an untouched form is read again (the profile may
   * have changed elsewhere); one with unsaved changes stays as it is, its
   * ETag still guarding the save.
   */
  revalidate(accountId: string, stash?: DraftStash): Promise<void>;
  /** Keeps the form in `stash` if it has unsaved changes (the section is closing). */
  stashTo(stash: DraftStash): void;
  edit(path: string, value: string): void;
  add(list: ListPath): void;
  remove(list: ListPath, index: number): void;
  /** Back to what was loaded. */
  revert(): void;
  save(): Promise<void>;
  choose(path: string, choice: Choice): void;
  saveMerged(): Promise<void>;
  /** Closes the conflict panel; the form keeps every edit. */
  closeConflict(): void;
  dispose(): void;
}

export interface ProfileOptions {
  /** Called after every successful save (to refresh the change history). */
  onSaved?: () => void;
  now?: () => Date;
}

/** base = what the form was loaded from, mine = the form, theirs = the server's version. */
function plan(base: ProfileState, mine: ProfileDraft, theirs: ProfileState): MergePlan<ProfileDraft> {
  return planMerge(toDraft(base.view.profile), mine, toDraft(theirs.view.profile), FIELD_PATHS);
}

interface Check {
  accountId: string;
  kind: AccountKind;
  draft: ProfileDraft;
}

export function createProfileController(
  deps: SectionDeps,
  slot: Slot<ProfileForm>,
  options: ProfileOptions = {},
): ProfileController {
  const now = options.now ?? (() => new Date());
  const patch = (changes: Partial<ProfileForm>) => slot.set({ ...slot.get(), ...changes });
  const current = (accountId: string) => slot.get().accountId === accountId;

  const validator = debouncedCheck<Check, FieldError[]>(
    ({ kind, draft }) => deps.api.validateProfile(kind, fromDraft(draft, kind)),
    (errors, { accountId }) => {
      if (current(accountId)) patch({ errors });
    },
    // A failed check blocks nothing: the server validates on save anyway.
    (reason) => void failure(deps, reason),
  );

  function edited(draft: ProfileDraft) {
    const form = slot.get();
    if (!form.accountId || !form.loaded) return;
    // "Saved" describes the state before this edit; a failure stays until the next save.
    const changes: Partial<ProfileForm> = {
      draft,
      save: form.save.state === 'saved' ? { state: 'idle' } : form.save,
    };
    // Editing with the conflict panel open re-plans, so the merge includes the edit.
    if (form.conflict) {
      changes.conflict = { ...form.conflict, plan: plan(form.loaded, draft, form.conflict.current) };
    }
    patch(changes);
    validator.schedule({ accountId: form.accountId, kind: form.loaded.view.kind, draft });
  }

  async function send() {
    const form = slot.get();
    const { accountId, loaded, draft } = form;
    if (!accountId || !loaded || !draft) return;
    validator.cancel();
    patch({ save: { state: 'saving' } });
    let outcome;
    try {
      outcome = await deps.api.saveProfile(accountId, fromDraft(draft, loaded.view.kind), loaded.etag);
    } catch (reason) {
      const error = failure(deps, reason);
      if (!current(accountId)) return;
      patch({ save: { state: 'failed', error }, errors: error.fields ?? slot.get().errors });
      return;
    }
    if (!current(accountId)) return;
    const after = slot.get();
    if (outcome.outcome === 'saved') {
      // Typing during the save must survive it; otherwise show the stored (normalised) form.
      const typedMeanwhile = after.draft !== draft;
      patch({
        loaded: outcome.state,
        draft: typedMeanwhile ? after.draft : toDraft(outcome.state.view.profile),
        errors: typedMeanwhile ? after.errors : [],
        save: { state: 'saved', at: now().toISOString() },
      });
      options.onSaved?.();
      return;
    }
    const mine = after.draft ?? draft;
    patch({
      save: { state: 'idle' },
      conflict: { current: outcome.current, plan: plan(loaded, mine, outcome.current), choices: {} },
    });
  }

  async function open(accountId: string, stash?: DraftStash) {
    validator.cancel();
    const kept = stash?.get(accountId);
    stash?.delete(accountId);
    if (kept?.status === 'ready') {
      // Its ETag still guards the save: a change made meanwhile comes back as a conflict.
      slot.set({ ...kept, save: kept.save.state === 'saving' ? { state: 'idle' } : kept.save });
      return;
    }
    slot.set({ ...EMPTY_FORM, accountId, status: 'loading' });
    try {
      const loaded = await deps.api.loadProfile(accountId);
      if (!current(accountId)) return;
      slot.set({ ...EMPTY_FORM, accountId, status: 'ready', loaded, draft: toDraft(loaded.view.profile) });
    } catch (reason) {
      const loadError = failure(deps, reason);
      if (current(accountId)) slot.set({ ...EMPTY_FORM, accountId, status: 'failed', loadError });
    }
  }

  return {
    open,

    async revalidate(accountId, stash) {
      const form = slot.get();
      if (form.accountId !== accountId || form.status !== 'ready') return open(accountId, stash);
      if (isDirty(form) || form.conflict || form.save.state === 'saving') return;
      try {
        const loaded = await deps.api.loadProfile(accountId);
        const latest = slot.get();
        // Only a form still untouched, and only if the profile changed.
        if (!current(accountId) || isDirty(latest) || latest.conflict || latest.save.state === 'saving') return;
        if (latest.loaded?.etag === loaded.etag) return;
        patch({ loaded, draft: toDraft(loaded.view.profile), errors: [] });
      } catch (reason) {
        // What is on screen stays; its ETag still guards the save.
        failure(deps, reason);
      }
    },

    edit(path, value) {
      const draft = slot.get().draft;
      if (draft) edited(editDraft(draft, path, value));
    },

    add(list) {
      const draft = slot.get().draft;
      if (draft) edited(addItem(draft, list));
    },

    remove(list, index) {
      const draft = slot.get().draft;
      if (draft) edited(removeItem(draft, list, index));
    },

    revert() {
      const { loaded } = slot.get();
      if (!loaded) return;
      validator.cancel();
      patch({ draft: toDraft(loaded.view.profile), errors: [], save: { state: 'idle' } });
    },

    async save() {
      if (canSave(slot.get())) await send();
    },

    choose(path, choice) {
      const { conflict } = slot.get();
      if (!conflict) return;
      patch({ conflict: { ...conflict, choices: { ...conflict.choices, [path]: choice } } });
    },

    async saveMerged() {
      const form = slot.get();
      if (!form.conflict || form.save.state === 'saving') return;
      // The merged form now sits on top of their version, with their ETag.
      const draft = resolveMerge(form.conflict.plan, form.conflict.choices);
      const next: ProfileForm = { ...form, loaded: form.conflict.current, draft, errors: [] };
      delete next.conflict;
      slot.set(next);
      if (isDirty(next)) {
        await send();
      } else {
        // Everything chosen is already what the server holds.
        patch({ save: { state: 'saved', at: now().toISOString() } });
        options.onSaved?.();
      }
    },

    closeConflict() {
      const form = { ...slot.get() };
      delete form.conflict;
      slot.set(form);
    },

    stashTo(stash) {
      const form = slot.get();
      if (form.accountId && (isDirty(form) || form.conflict)) stash.set(form.accountId, form);
    },

    dispose: () => validator.cancel(),
  };
}

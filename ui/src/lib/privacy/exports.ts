// "Download my data" (PR-15), for owners (`account_data`): the account's
// files and the requester's own personal data, as JSON in a ZIP with a
// README, prepared on the server and kept 7 days.
//
//   load ─▶ the latest export, if any ─(running)─▶ followed
//   start ─▶ running ─(checked every second)─▶ ready: "Save…" asks where, then downloads
//              │                             ├▶ failed: its error, "Try again" starts a new one
//              │                             └▶ expired: "Prepare a new one"
//              └─ a check fails ─▶ shown, following stops; "Check again" resumes it
//
// Every way out (an answer, another account, the page going away) ends the
// following: a late answer is dropped.

import { sameAnswer } from '../answers';
import { createScopedRunner, NO_ACTIONS, type ActionState, type Runner } from '../actions';
import { toCommandError } from '../commandErrors';
import { timerSchedule, type Schedule } from '../billing/cardEntry';
import { failure, type SectionDeps, type Slot } from '../deps';
import { formatBytes, formatDate, formatDateTime } from '../format';
import type { CommandError } from '../generated/CommandError';
import type { ExportJob } from '../generated/ExportJob';
import { t } from '../i18n';

export const EXPORT_POLL_MS = 1000;

export const START_KEY = 'export-start';
export const SAVE_KEY = 'export-save';
export const EXPORT_KEYS = [START_KEY, SAVE_KEY];

// Functions, not constants: the words are the current language's when asked.
export const exportExplainer = (): string => t('privacy.export.explainer');
export const KEPT_DAYS = 7;
export const keptNote = (): string => t('privacy.export.kept', { days: KEPT_DAYS });
export const expiredMessage = (): string => t('privacy.export.expired');
export const noAccess = (): string => t('privacy.export.noAccess');

export interface ExportState {
  accountId?: string;
  /** Reading the latest export. */
  status: 'idle' | 'loading' | 'ready' | 'failed';
  loadError?: CommandError;
  /** The latest export; followed while it runs. */
  job?: ExportJob;
  /** A check of the running export failed: following stopped until "Check again". */
  checkError?: CommandError;
  /** Where the last "Save…" put the archive. */
  savedTo?: string;
  /** Keys: `export-start`, `export-save`. */
  actions: ActionState;
}

export const EMPTY_EXPORT: ExportState = { status: 'idle', actions: NO_ACTIONS };

/** "3 of 8 files · 540 kB so far"; files unknown yet: the bytes only. */
export function progressText(job: ExportJob, locale?: string): string {
  const bytes = t('privacy.export.soFar', { bytes: formatBytes(job.bytes, locale) });
  if (job.total <= 0) return t('privacy.export.startingBytes', { bytes });
  return t('privacy.export.progress', { done: job.done, count: job.total, bytes });
}

/** "Ready since 5 Mar 2026, 10:01 · 1.4 MB · kept until 12 Mar 2026". */
export function readyText(job: ExportJob, locale?: string): string {
  const parts = [
    job.finished_at
      ? t('privacy.export.readySince', { when: formatDateTime(job.finished_at, locale) })
      : t('privacy.export.readyPlain'),
  ];
  parts.push(formatBytes(job.bytes, locale));
  if (job.expires_at) parts.push(t('privacy.export.keptUntilShort', { date: formatDate(job.expires_at, locale) }));
  return parts.join(' · ');
}

/** A failed export in the person's words, with what to do. */
export function failedText(job: ExportJob): string {
  return job.error?.trim() || t('privacy.export.failed');
}

export interface ExportController {
  runner: Runner;
  /** Another account: the latest export of it, followed if it runs. */
  load(accountId: string): Promise<void>;
  /** "Prepare download" / "Try again": starts an export (or finds the running one) and follows it. */
  start(): Promise<boolean>;
  /** After a failed check: checks now, and follows again. */
  checkAgain(): Promise<void>;
  /** "Save…": asks where, then downloads. Resolves true once saved (false when the dialog was cancelled). */
  save(): Promise<boolean>;
  /** Stops the download under way (issue 9); nothing is saved and nothing failed. */
  cancelSave(): Promise<void>;
  /** The page goes away (or the account is not one to export): no more checks; `load` follows again. */
  dispose(): void;
  /**
   * The page is hidden (kept for later): no more checks until it is shown
   * again; a download under way goes on.
   */
  pause(): void;
  /** The page shown again: the latest export read again, and followed if it runs. */
  revalidate(accountId: string): Promise<void>;
}

export interface ExportOptions {
  schedule?: Schedule;
  pollMs?: number;
}

export function createExportController(
  deps: SectionDeps,
  slot: Slot<ExportState>,
  options: ExportOptions = {},
): ExportController {
  const schedule = options.schedule ?? timerSchedule;
  const pollMs = options.pollMs ?? EXPORT_POLL_MS;
  const patch = (changes: Partial<ExportState>) => slot.set({ ...slot.get(), ...changes });
  // Renewed for every account: what is still running for the previous one
  // shows nothing (busy, its failure, a step-up) on this one's card.
  const actionRunner = createScopedRunner(deps, {
    get: () => slot.get().actions,
    set: (actions) => patch({ actions }),
  });
  const idle = () => slot.get().actions.busy === undefined && !slot.get().actions.stepUp?.busy;

  // One status line: a new action clears the outcome of earlier ones.
  const runner: Runner = {
    ...actionRunner,
    run(key, action, success) {
      if (!idle()) return Promise.resolve(false);
      patch({ actions: { ...slot.get().actions, errors: {} } });
      return actionRunner.run(key, action, success);
    },
  };

  /** Bumped by everything that ends the following: an answer for an older one is dropped. */
  let generation = 0;
  /** The download under way, by the name "Cancel" stops it with. */
  let saving: string | undefined;
  let cancelTimer: (() => void) | undefined;

  function halt() {
    generation++;
    cancelTimer?.();
    cancelTimer = undefined;
  }

  /** While the page is hidden: checks wait until it is shown again. */
  let paused = false;

  /** Shows `job` and, while it runs, checks it again in a while. */
  function follow(accountId: string, job: ExportJob, mine: number) {
    // A check (or a page shown again) that finds nothing new shows nothing anew.
    if (slot.get().checkError || !sameAnswer(job, slot.get().job)) patch({ job, checkError: undefined });
    if (job.status !== 'running' || paused) return;
    cancelTimer = schedule(pollMs, () => {
      cancelTimer = undefined;
      void check(accountId, job.id, mine);
    });
  }

  async function check(accountId: string, exportId: string, mine: number) {
    let job: ExportJob;
    try {
      job = await deps.api.exportStatus(accountId, exportId);
    } catch (reason) {
      const error = failure(deps, reason);
      if (mine === generation) patch({ checkError: error });
      return;
    }
    if (mine === generation) follow(accountId, job, mine);
  }

  async function load(accountId: string) {
    paused = false;
    halt();
    actionRunner.renew();
    const mine = generation;
    slot.set({ ...EMPTY_EXPORT, accountId, status: 'loading' });
    try {
      const jobs = await deps.api.listExports(accountId);
      if (mine !== generation) return;
      patch({ status: 'ready' });
      if (jobs[0]) follow(accountId, jobs[0], mine);
    } catch (reason) {
      const error = failure(deps, reason);
      if (mine === generation) patch({ status: 'failed', loadError: error });
    }
  }

  return {
    runner,

    pause() {
      paused = true;
      cancelTimer?.();
      cancelTimer = undefined;
    },

    async revalidate(accountId) {
      paused = false;
      const { accountId: shown, status } = slot.get();
      if (shown !== accountId || status !== 'ready') return load(accountId);
      // A download under way keeps what it is saving on screen.
      if (saving !== undefined || !idle()) return;
      halt();
      const mine = generation;
      try {
        const jobs = await deps.api.listExports(accountId);
        if (mine !== generation) return;
        if (jobs[0]) follow(accountId, jobs[0], mine);
      } catch (reason) {
        const error = failure(deps, reason);
        if (mine === generation) patch({ checkError: error });
      }
    },

    load,

    async start() {
      const accountId = slot.get().accountId;
      if (!accountId || slot.get().job?.status === 'running') return false;
      halt();
      const mine = generation;
      let job: ExportJob | undefined;
      const ran = await runner.run(START_KEY, async () => {
        job = await deps.api.startExport(accountId);
      });
      if (!ran || !job || mine !== generation) return false;
      patch({ status: 'ready', loadError: undefined, savedTo: undefined });
      follow(accountId, job, mine);
      return true;
    },

    async checkAgain() {
      const { accountId, job, checkError } = slot.get();
      if (!accountId || !job || !checkError) return;
      halt();
      const mine = generation;
      patch({ checkError: undefined });
      await check(accountId, job.id, mine);
    },

    async save() {
      const { accountId, job } = slot.get();
      if (!accountId || job?.status !== 'ready') return false;
      const mine = generation;
      let path: string | null | undefined;
      const operation = crypto.randomUUID();
      saving = operation;
      const ran = await runner.run(SAVE_KEY, async () => {
        try {
          path = await deps.api.saveExport(accountId, job.id, operation);
        } catch (reason) {
          const error = toCommandError(reason);
          if (error.code === 'operation_cancelled') {
            path = null;
            return;
          }
          if (mine === generation && error.code === 'not_found') {
            // Deleted meanwhile: nothing to save any more; the card offers a new one.
            halt();
            patch({ job: undefined });
          } else if (mine === generation && error.code === 'conflict') {
            // No longer ready (expired meanwhile): show where it stands now.
            await check(accountId, job.id, mine);
          }
          throw error;
        }
      });
      saving = undefined;
      if (!ran || path === null || path === undefined || mine !== generation) return false;
      patch({ savedTo: path });
      return true;
    },

    async cancelSave() {
      if (saving) await deps.api.cancelOperation(saving).catch(() => false);
    },

    dispose: halt,
  };
}

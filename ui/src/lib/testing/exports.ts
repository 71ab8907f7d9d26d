// A fake of the four "Download my data" commands that behaves like the
// server (PR-15): one export per person and account at a time (starting
// again returns the running one), newest first and at most 10, progress a
// file per status check, a ready archive kept 7 days, and the desktop's save
// dialog (a path, or `null` when cancelled).

import { vi } from 'vitest';
import type { Api } from '../api';
import type { ExportJob } from '../generated/ExportJob';

/** The files of an archive, in the order they are written. */
export const EXPORT_FILES = [
  'README.txt',
  'account.json',
  'profile.json',
  'team.json',
  'invoices.json',
  'usage.json',
  'sharing-ledger.json',
  'consent-receipts.json',
];

/** Bytes each file adds to the archive. */
export const FILE_BYTES = 180_000;

export function exportJob(id: string, changes: Partial<ExportJob> = {}): ExportJob {
  return {
    id,
    status: 'running',
    done: 0,
    total: EXPORT_FILES.length,
    bytes: 0,
    created_at: '2026-03-05T10:00:00Z',
    ...changes,
  };
}

export interface FakeExports {
  api: Pick<Api, 'startExport' | 'listExports' | 'exportStatus' | 'saveExport'>;
  /** The jobs, newest first. */
  jobs(): ExportJob[];
  /** Where each `saveExport` saved, in order. */
  saved(): string[];
  /** The next export fails after `files` files. */
  failAfter(files: number): void;
  /** A ready export's 7 days are over. */
  expire(id: string): void;
  /** What the save dialog answers next: a folder, or `null` (cancelled). */
  dialog(answer: string | null): void;
}

const notFound = () => ({ code: 'not_found', message: 'This download no longer exists.', advice: 'Prepare a new one.' });

export function fakeExports(options: { jobs?: ExportJob[] } = {}): FakeExports {
  const jobs: ExportJob[] = (options.jobs ?? []).map((j) => ({ ...j }));
  const failures = new Map<string, number>();
  let failNext: number | undefined;
  let answer: string | null = '/home/ada/Downloads';
  const saved: string[] = [];
  let n = jobs.length;

  const find = (id: string) => jobs.find((j) => j.id === id);

  /** One more file written, as the server's runner would between two checks. */
  function advance(job: ExportJob) {
    if (job.status !== 'running') return;
    const failAt = failures.get(job.id);
    if (failAt !== undefined && job.done >= failAt) {
      job.status = 'failed';
      job.error = 'The archive could not be written. Nothing was kept; prepare a new one.';
      job.finished_at = '2026-03-05T10:01:00Z';
      delete job.step;
      return;
    }
    job.done++;
    job.bytes += FILE_BYTES;
    job.step = EXPORT_FILES[job.done - 1];
    if (job.done >= job.total) {
      job.status = 'ready';
      job.finished_at = '2026-03-05T10:01:00Z';
      job.expires_at = '2026-03-12T10:01:00Z';
      delete job.step;
    }
  }

  const api: FakeExports['api'] = {
    startExport: vi.fn(() => {
      const running = jobs.find((j) => j.status === 'running');
      if (running) return Promise.resolve({ ...running });
      const job = exportJob(`export-${++n}`);
      if (failNext !== undefined) failures.set(job.id, failNext);
      failNext = undefined;
      jobs.unshift(job);
      return Promise.resolve({ ...job });
    }),
    listExports: vi.fn(() => Promise.resolve(jobs.slice(0, 10).map((j) => ({ ...j })))),
    exportStatus: vi.fn((_accountId: string, id: string) => {
      const job = find(id);
      if (!job) return Promise.reject(notFound());
      advance(job);
      return Promise.resolve({ ...job });
    }),
    saveExport: vi.fn((_accountId: string, id: string) => {
      const job = find(id);
      if (!job) return Promise.reject(notFound());
      if (job.status !== 'ready') {
        return Promise.reject({ code: 'conflict', message: 'This download is not ready.', advice: 'Prepare a new one.' });
      }
      if (answer === null) return Promise.resolve(null);
      const path = `${answer}/steward-export-${id}.zip`;
      saved.push(path);
      return Promise.resolve(path);
    }),
  };

  return {
    api,
    jobs: () => jobs.map((j) => ({ ...j })),
    saved: () => [...saved],
    failAfter: (files) => void (failNext = files),
    expire(id) {
      const job = find(id);
      if (job) job.status = 'expired';
    },
    dialog: (next) => void (answer = next),
  };
}

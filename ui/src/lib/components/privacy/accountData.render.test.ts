// Server-side renders of "Download my data" and "Delete this account" on the
// Privacy page: each state shows the test ids and wording the desktop tests
// look for. (Behaviour is tested on the controllers.)

import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import { NO_ACTIONS } from '../../actions';
import type { SectionDeps } from '../../deps';
import type { AccountAccess } from '../../generated/AccountAccess';
import type { ExportJob } from '../../generated/ExportJob';
import {
  EMPTY_DELETION,
  REQUEST_KEY,
  type DeletionController,
  type DeletionState,
} from '../../privacy/deletion';
import { EMPTY_EXPORT, expiredMessage, type ExportController, type ExportState } from '../../privacy/exports';
import { sectionById } from '../../sections';
import { deletionRequest, fakeDeletion, HOLD } from '../../testing/deletion';
import { exportJob } from '../../testing/exports';
import { unexpectedApi } from '../../testing/fakeApi';
import { customerMe } from '../../testing/fixtures';
import PrivacySection from '../PrivacySection.svelte';
import DeletionCard from './DeletionCard.svelte';
import ExportCard from './ExportCard.svelte';

const [OWNED, BILLING_MANAGED] = customerMe.accounts as [AccountAccess, AccountAccess];

const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '');
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function exportCard(job?: ExportJob, state: Partial<ExportState> = {}): string {
  const exports: ExportState = { ...EMPTY_EXPORT, accountId: 'acc-1', status: 'ready', ...(job ? { job } : {}), ...state };
  const ctl = { runner: {} } as ExportController;
  return clean(render(ExportCard, { props: { exports, ctl, accountName: 'Ada Lovelace' } }).body);
}

function deletionCard(state: Partial<DeletionState> = {}, fake = fakeDeletion()): string {
  const deletion: DeletionState = { ...EMPTY_DELETION, accountId: 'acc-1', status: 'ready', view: fake.current(), ...state };
  const ctl = { runner: {} } as DeletionController;
  return clean(render(DeletionCard, { props: { deletion, ctl } }).body);
}

describe('Download my data', () => {
  it('explains what is included and how long it is kept, and offers to prepare it', () => {
    const html = exportCard();
    expect(html).toContain('data-testid="export-card"');
    expect(text(html)).toContain('JSON, in a ZIP archive with a README');
    expect(text(html)).toContain('the personal data we keep about you');
    expect(text(html)).toContain('We keep a prepared download for 7 days');
    expect(text(html)).toContain('Prepare download');
    expect(html).toContain('data-testid="export-start"');
  });

  it('shows progress while it is prepared: files, the file being written and the size so far', () => {
    const html = exportCard(exportJob('e-1', { done: 3, step: 'account/invoices.json', bytes: 540_000 }));
    expect(html).toMatch(/<progress[^>]*data-testid="export-progress"[^>]*max="8"[^>]*value="3"/);
    expect(text(html)).toContain('3 of 8 files · 540 kB so far');
    expect(text(html)).toContain('Writing account/invoices.json');
    expect(html).not.toContain('data-testid="export-start"');
  });

  it('offers to save a ready download, and says where it was saved', () => {
    const ready = exportJob('e-1', { status: 'ready', done: 8, bytes: 1_440_000, expires_at: '2026-03-12T10:01:00Z' });
    expect(exportCard(ready)).toContain('data-testid="export-save"');
    const saved = exportCard(ready, { savedTo: '/home/ada/Downloads/steward.zip' });
    expect(saved).toContain('data-testid="export-saved"');
    expect(text(saved)).toContain('Saved to /home/ada/Downloads/steward.zip');
  });

  it('shows a failure with "Try again", and an expired download', () => {
    const failed = exportCard(exportJob('e-1', { status: 'failed', error: 'The archive could not be written.' }));
    expect(text(failed)).toContain('The archive could not be written.');
    expect(text(failed)).toContain('Try again');
    const expired = exportCard(exportJob('e-1', { status: 'expired' }));
    expect(text(expired)).toContain(expiredMessage());
    expect(expired).toContain('data-testid="export-start"');
  });
});

describe('Delete this account', () => {
  it('says what stops, what is kept and why, and the cooling-off period, before asking', () => {
    const html = deletionCard();
    expect(html).toContain('data-testid="deletion-card"');
    expect(text(html)).toContain('Everyone on the team loses access to the account.');
    expect(text(html)).toContain('Invoices Tax law requires us to keep invoices for ten years.');
    expect(text(html)).toContain('we wait 14 days after you confirm');
    expect(text(html)).toContain('Delete this account…');
    expect(html).not.toContain('data-testid="deletion-confirm-name"');
  });

  it('asks for the account’s name, shown exactly, with the submit disabled until it matches', () => {
    const html = deletionCard({ asking: true });
    expect(html).toContain('data-testid="deletion-confirm-name"');
    expect(html).toContain('data-testid="deletion-reason"');
    expect(html).toMatch(/<label for="deletion-confirm-name">[\s\S]*Ada Lovelace[\s\S]*<\/label>/);
    expect(html).toMatch(/<button[^>]*data-testid="deletion-submit"[^>]*disabled/);
  });

  it('shows the server’s words next to the field', () => {
    const errors = {
      [REQUEST_KEY]: {
        code: 'invalid_input' as const,
        message: 'The request was not sent.',
        fields: [{ field: 'confirm_name', rule: 'mismatch', message: 'Type the account’s name exactly as shown to confirm.' }],
      },
    };
    const html = deletionCard({ asking: true, actions: { ...NO_ACTIONS, errors } });
    expect(html).toMatch(/data-testid="deletion-confirm-name"[^>]*aria-invalid="true"/);
    expect(html).toContain('data-testid="field-error-confirm_name"');
  });

  it('explains a legal hold, and still lets the owner ask', () => {
    const html = deletionCard({}, fakeDeletion({ hold: HOLD }));
    expect(html).toContain('data-testid="deletion-legal-hold"');
    expect(text(html)).toContain(HOLD.explanation);
    expect(text(html)).toContain('Nothing will be deleted while it holds.');
    expect(text(html)).toContain('Delete this account…');
  });

  it('shows a pending request with "Cancel deletion", and the last one as history', () => {
    const pending = deletionCard({}, fakeDeletion({ request: deletionRequest() }));
    expect(pending).toContain('data-testid="deletion-pending"');
    expect(text(pending)).toMatch(/Deletion requested by Ada Customer on .+; it will be carried out on or after .+\./);
    expect(pending).toContain('data-testid="deletion-cancel"');
    expect(pending).not.toContain('Delete this account…');
    const cancelled = deletionCard({}, fakeDeletion({ request: deletionRequest({ status: 'cancelled', closed_by: 'Ada Customer' }) }));
    expect(cancelled).toContain('data-testid="deletion-history"');
    expect(cancelled).not.toContain('data-testid="deletion-pending"');
  });
});

describe('on the Privacy page', () => {
  const deps: SectionDeps = { api: unexpectedApi(), sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  const page = (account: AccountAccess | undefined) =>
    clean(
      render(PrivacySection, {
        props: { section: sectionById('privacy'), account, accounts: customerMe.accounts, deps, onselectaccount: vi.fn() },
      }).body,
    );

  it('come last, for owners', () => {
    const html = page(OWNED);
    expect(html.indexOf('data-testid="export-card"')).toBeGreaterThan(html.indexOf('data-testid="cookies-card"'));
    expect(html.indexOf('data-testid="deletion-card"')).toBeGreaterThan(html.indexOf('data-testid="export-card"'));
  });

  it('are explained, not offered, to other members', () => {
    const html = page(BILLING_MANAGED);
    expect(html).not.toContain('data-testid="export-card"');
    expect(html).not.toContain('data-testid="deletion-card"');
    expect(text(html)).toContain('Only owners of Analytical Engines Ltd can download the account’s data or delete the account.');
  });
});

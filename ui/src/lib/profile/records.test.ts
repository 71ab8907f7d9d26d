import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { CorrectionRequest } from '../generated/CorrectionRequest';
import type { VerificationOverview } from '../generated/VerificationOverview';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { COMPANY_ID } from '../testing/profile';
import {
  createRecordsController,
  EMPTY_RECORDS,
  lastVerified,
  openRequest,
  type ProfileRecords,
} from './records';

const system = { name: 'Steward', kind: 'system' as const };

const verifications: VerificationOverview = {
  requests: [
    {
      id: 'r-2',
      requested_by: system,
      reason: 'Yearly check',
      created_at: '2025-11-01T00:00:00Z',
      due_at: '2025-12-01T00:00:00Z',
      checks: [{ item: 'contact_details' }, { item: 'billing_address' }],
    },
    {
      id: 'r-1',
      requested_by: system,
      reason: 'Yearly check',
      created_at: '2024-11-01T00:00:00Z',
      due_at: '2024-12-01T00:00:00Z',
      completed_at: '2024-11-05T00:00:00Z',
      checks: [{ item: 'contact_details', confirmed_at: '2024-11-05T00:00:00Z' }],
    },
  ],
  last_verified: [{ item: 'contact_details', verified_at: '2024-11-05T00:00:00Z' }, { item: 'billing_address' }],
};

const correction: CorrectionRequest = {
  id: 'c-1',
  field: 'company.name',
  current_value: 'Analytical Engines Ltd',
  requested_value: 'Analytical Engines plc',
  reason: 'We re-registered.',
  status: 'open',
  requested_by: { name: 'Ada', kind: 'member' },
  created_at: '2025-11-29T00:00:00Z',
  updated_at: '2025-11-29T00:00:00Z',
};

function setup(overrides: Partial<Api> = {}) {
  const api = unexpectedApi({
    loadVerifications: vi.fn(() => Promise.resolve(verifications)),
    listCorrections: vi.fn(() => Promise.resolve([])),
    profileHistory: vi.fn(() => Promise.resolve([])),
    ...overrides,
  });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: ProfileRecords = EMPTY_RECORDS;
  const ctl = createRecordsController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, ctl, state: () => state };
}

describe('verification helpers', () => {
  it('finds the open request and when each item was last verified', () => {
    expect(openRequest(verifications)?.id).toBe('r-2');
    expect(openRequest({ ...verifications, requests: verifications.requests.slice(1) })).toBeUndefined();
    expect(lastVerified(verifications, 'contact_details')).toBe('2024-11-05T00:00:00Z');
    expect(lastVerified(verifications, 'billing_address')).toBeUndefined();
    expect(lastVerified(undefined, 'company_information')).toBeUndefined();
  });
});

describe('records', () => {
  it('loads each part on its own; one failing does not hide the others', async () => {
    const error = { code: 'other' as const, message: 'History is unavailable.' };
    const t = setup({ profileHistory: vi.fn(() => Promise.reject(error)) });
    await t.ctl.load(COMPANY_ID);
    expect(t.state().verifications).toEqual(verifications);
    expect(t.state().corrections).toEqual([]);
    expect(t.state().loadErrors).toEqual({ history: error });
  });

  it('confirms an item and shows the updated overview', async () => {
    const done = { ...verifications, requests: verifications.requests.slice(1) };
    const t = setup({ confirmVerification: vi.fn(() => Promise.resolve(done)) });
    await t.ctl.load(COMPANY_ID);
    await t.ctl.confirm('r-2', 'billing_address');
    expect(t.api.confirmVerification).toHaveBeenCalledWith(COMPANY_ID, 'r-2', 'billing_address');
    expect(openRequest(t.state().verifications)).toBeUndefined();
  });

  it('requests a correction and lists it first', async () => {
    const t = setup({ requestCorrection: vi.fn(() => Promise.resolve(correction)) });
    await t.ctl.load(COMPANY_ID);
    const request = { field: 'company.name', requested_value: 'Analytical Engines plc', reason: 'We re-registered.' };
    await expect(t.ctl.requestCorrection(request)).resolves.toBe(true);
    expect(t.api.requestCorrection).toHaveBeenCalledWith(COMPANY_ID, request);
    expect(t.state().corrections).toEqual([correction]);
  });
});

describe('records shown again (a kept page)', () => {
  it('reads every part again, keeping what is on screen meanwhile', async () => {
    const t = setup();
    await t.ctl.load(COMPANY_ID);
    const read = deferred<CorrectionRequest[]>();
    vi.mocked(t.api.listCorrections).mockImplementationOnce(() => read.promise);
    const again = t.ctl.revalidate(COMPANY_ID);
    expect(t.state().verifications).toEqual(verifications);
    expect(t.state().corrections).toEqual([]);
    read.resolve([correction]);
    await again;
    expect(t.state().corrections).toEqual([correction]);
    expect(t.api.loadVerifications).toHaveBeenCalledTimes(2);
    expect(t.api.profileHistory).toHaveBeenCalledTimes(2);
  });

  it('drops a part read before a change was made', async () => {
    const done = { ...verifications, requests: verifications.requests.slice(1) };
    const t = setup({ confirmVerification: vi.fn(() => Promise.resolve(done)) });
    await t.ctl.load(COMPANY_ID);
    const read = deferred<VerificationOverview>();
    vi.mocked(t.api.loadVerifications).mockImplementationOnce(() => read.promise);
    const again = t.ctl.revalidate(COMPANY_ID);
    await t.ctl.confirm('r-2', 'billing_address');
    read.resolve(verifications);
    await again;
    expect(t.state().verifications).toEqual(done);
  });

  it('loads afresh for another account', async () => {
    const t = setup();
    await t.ctl.load(COMPANY_ID);
    const again = t.ctl.revalidate('acc-other');
    expect(t.state()).toEqual({ ...EMPTY_RECORDS, accountId: 'acc-other' });
    await again;
  });
});

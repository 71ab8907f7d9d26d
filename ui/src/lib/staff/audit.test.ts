import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../api';
import type { SectionDeps } from '../deps';
import type { AuditPage } from '../generated/AuditPage';
import { deferred, unexpectedApi } from '../testing/fakeApi';
import { ADA } from '../testing/staff';
import { auditEntry, fakeAudit, GRACE } from '../testing/staffAdmin';
import { auditQuery, createAuditController, EMPTY_AUDIT, NO_FILTERS, type AuditState } from './audit';
import { AUDIT_ACTIONS, auditActionLabel, shortHash } from './wording';

function setup(overrides: Partial<Api> = {}, fake = fakeAudit()) {
  const api = unexpectedApi({ ...fake.api, ...overrides });
  const deps: SectionDeps = { api, sessionEnded: vi.fn(), sessionRenewed: vi.fn() };
  let state: AuditState = EMPTY_AUDIT;
  const ctl = createAuditController(deps, { get: () => state, set: (s) => (state = s) });
  return { api, ctl, state: () => state };
}

const seqs = (s: AuditState) => s.items.map((e) => e.seq);

describe('the audit log', () => {
  it('reads the newest page, then older pages before the last entry shown', async () => {
    const t = setup();
    await t.ctl.search();
    expect(t.api.listAudit).toHaveBeenCalledWith({});
    expect(seqs(t.state())).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect(t.state().nextBefore).toBe(16);
    await t.ctl.more();
    expect(t.api.listAudit).toHaveBeenLastCalledWith({ before: 16 });
    expect(t.state().items).toHaveLength(20);
    await t.ctl.more();
    expect(t.state().items).toHaveLength(25);
    expect(t.state().nextBefore).toBeUndefined();
    await t.ctl.more();
    expect(t.api.listAudit).toHaveBeenCalledTimes(3);
  });

  it('filters by action, account and staff member, leaving blank filters out', async () => {
    const t = setup();
    await t.ctl.search({ action: 'reveal', accountId: ` ${ADA} `, staffUserId: '' });
    expect(t.api.listAudit).toHaveBeenCalledWith({ action: 'reveal', account_id: ADA });
    for (const e of t.state().items) expect(e).toMatchObject({ action: 'reveal', account_id: ADA });
    expect(auditQuery({ ...NO_FILTERS, staffUserId: GRACE }, 7)).toEqual({ staff_user_id: GRACE, before: 7 });
  });

  it('starts over on new filters, dropping an older page still on its way', async () => {
    const fake = fakeAudit();
    const slow = deferred<AuditPage>();
    const t = setup({}, fake);
    await t.ctl.search();
    vi.mocked(t.api.listAudit).mockReturnValueOnce(slow.promise);
    const older = t.ctl.more();
    await t.ctl.search({ ...NO_FILTERS, staffUserId: GRACE });
    slow.resolve({ items: [auditEntry(3)] });
    await older;
    expect(t.state().filters.staffUserId).toBe(GRACE);
    for (const e of t.state().items) expect(e.staff_user_id).toBe(GRACE);
    expect(t.state().loadingMore).toBe(false);
  });

  it('shows an entry seen twice once', async () => {
    const page = { items: [auditEntry(5), auditEntry(4)], next_before: 4 };
    const list = vi.fn<Api['listAudit']>().mockResolvedValueOnce(page).mockResolvedValueOnce({ items: [auditEntry(4), auditEntry(3)] });
    const t = setup({ listAudit: list });
    await t.ctl.search();
    await t.ctl.more();
    expect(seqs(t.state())).toEqual([5, 4, 3]);
  });

  it('keeps the entries shown when an older page fails, with the reason', async () => {
    const unreachable = { code: 'server_unreachable', message: 'The server cannot be reached.' };
    const t = setup();
    await t.ctl.search();
    vi.mocked(t.api.listAudit).mockRejectedValueOnce(unreachable);
    await t.ctl.more();
    expect(t.state()).toMatchObject({ status: 'ready', error: unreachable, loadingMore: false });
    expect(t.state().items).toHaveLength(10);
  });

  it('shows why the first page could not be read', async () => {
    const forbidden = { code: 'forbidden', message: 'Administrators only.' };
    const t = setup({ listAudit: vi.fn(() => Promise.reject(forbidden)) });
    await t.ctl.search();
    expect(t.state()).toMatchObject({ status: 'failed', error: forbidden, items: [] });
  });

  it('labels every action and shortens hashes', () => {
    expect(AUDIT_ACTIONS).toHaveLength(18);
    for (const a of AUDIT_ACTIONS) expect(auditActionLabel(a)).not.toBe(a);
    expect(shortHash('0123456789abcdef0123')).toBe('0123456789ab');
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';

const tauri = vi.hoisted(() => ({
  invoke: vi.fn<(cmd: string, args?: unknown) => Promise<unknown>>(),
  isTauri: vi.fn(() => true),
}));

vi.mock('@tauri-apps/api/core', () => tauri);

import { api } from './api';
import { NOT_IN_DESKTOP_APP } from './commandErrors';
import { customerSession, keyringLocked } from './testing/fixtures';

beforeEach(() => {
  tauri.invoke.mockReset();
  tauri.isTauri.mockReset();
  tauri.isTauri.mockReturnValue(true);
});

describe('api', () => {
  it('calls each command by its snake_case name with camelCase arguments', async () => {
    tauri.invoke.mockResolvedValue(undefined);
    await api.startup().catch(() => undefined);
    await api.listConnections();
    await api.tryDemo('agent');
    await api.connect('https://accounts.example.com');
    await api.cancelSignIn();
    await api.resume('c1');
    await api.forgetConnection('c2');
    await api.me();
    await api.signOut();
    expect(tauri.invoke.mock.calls).toEqual([
      ['startup', undefined],
      ['list_connections', undefined],
      ['try_demo', { persona: 'agent' }],
      ['connect', { serverUrl: 'https://accounts.example.com' }],
      ['cancel_sign_in', undefined],
      ['resume', { connectionId: 'c1' }],
      ['forget_connection', { connectionId: 'c2' }],
      ['me', undefined],
      ['sign_out', undefined],
    ]);
  });

  it('calls the issue 3 commands by name, with camelCase arguments', async () => {
    tauri.invoke.mockResolvedValue(undefined);
    const profile = { legal_name: 'A', display_name: 'A', emails: [], ip_ranges: [], domains: [] };
    const correction = { field: 'company.name', requested_value: 'B', reason: 'r' };
    const invitation = { email: 'g@example.com', role: 'viewer' as const };
    await api.loadProfile('a1');
    await api.validateProfile('company', profile);
    await api.saveProfile('a1', profile, '"3"');
    await api.profileHistory('a1');
    await api.loadVerifications('a1');
    await api.confirmVerification('a1', 'r1', 'billing_address');
    await api.listCorrections('a1');
    await api.requestCorrection('a1', correction);
    await api.loadSecurity();
    await api.reauthenticate();
    await api.startTwoFactor();
    await api.confirmTwoFactor('123456');
    await api.disableTwoFactor('654321');
    await api.regenerateRecoveryCodes();
    await api.validatePassword('pw');
    await api.changePassword('old pw', 'pw');
    await api.changeEmail('n@example.com', 'old pw');
    await api.confirmEmail('654321');
    await api.cancelEmailChange();
    await api.listSessions();
    await api.revokeSession('s1');
    await api.revokeOtherSessions();
    await api.listActivity();
    await api.loadTeam('a1');
    await api.inviteMember('a1', invitation);
    await api.resendInvitation('a1', 'i1');
    await api.cancelInvitation('a1', 'i1');
    await api.changeMemberRole('a1', 'u1', 'owner');
    await api.removeMember('a1', 'u1');
    await api.acceptInvitation('code');
    await api.readOutbox();
    expect(tauri.invoke.mock.calls).toEqual([
      ['load_profile', { accountId: 'a1' }],
      ['validate_profile', { kind: 'company', profile }],
      ['save_profile', { accountId: 'a1', profile, etag: '"3"' }],
      ['profile_history', { accountId: 'a1' }],
      ['load_verifications', { accountId: 'a1' }],
      ['confirm_verification', { accountId: 'a1', requestId: 'r1', item: 'billing_address' }],
      ['list_corrections', { accountId: 'a1' }],
      ['request_correction', { accountId: 'a1', correction }],
      ['load_security', undefined],
      ['reauthenticate', undefined],
      ['start_two_factor', undefined],
      ['confirm_two_factor', { code: '123456' }],
      ['disable_two_factor', { code: '654321' }],
      ['regenerate_recovery_codes', undefined],
      ['validate_password', { newPassword: 'pw' }],
      ['change_password', { currentPassword: 'old pw', newPassword: 'pw' }],
      ['change_email', { newEmail: 'n@example.com', currentPassword: 'old pw' }],
      ['confirm_email', { code: '654321' }],
      ['cancel_email_change', undefined],
      ['list_sessions', undefined],
      ['revoke_session', { sessionId: 's1' }],
      ['revoke_other_sessions', undefined],
      ['list_activity', undefined],
      ['load_team', { accountId: 'a1' }],
      ['invite_member', { accountId: 'a1', invitation }],
      ['resend_invitation', { accountId: 'a1', invitationId: 'i1' }],
      ['cancel_invitation', { accountId: 'a1', invitationId: 'i1' }],
      ['change_member_role', { accountId: 'a1', userId: 'u1', role: 'owner' }],
      ['remove_member', { accountId: 'a1', userId: 'u1' }],
      ['accept_invitation', { code: 'code' }],
      ['read_outbox', undefined],
    ]);
  });

  it('calls the issue 4 billing commands by name, with camelCase arguments', async () => {
    tauri.invoke.mockResolvedValue(undefined);
    const any = { status: null, from: null, to: null };
    const paid = { status: 'paid' as const, from: '2024-01-01', to: '2024-12-31' };
    await api.loadSubscription('a1');
    await api.previewPlanChange('a1', 'studio-monthly');
    await api.changePlan('a1', 'studio-monthly', 'k1');
    await api.cancelSubscription('a1', 'Too expensive', 'k2');
    await api.resumeSubscription('a1', 'k3');
    await api.listInvoices('a1', any, null);
    await api.listInvoices('a1', paid, 'c2');
    await api.getInvoice('a1', 'inv1');
    await api.exportInvoicesCsv('a1', paid);
    await api.listPaymentMethods('a1');
    await api.setDefaultPaymentMethod('a1', 'pm1');
    await api.removePaymentMethod('a1', 'pm1');
    await api.listLicenses('a1');
    await api.loadUsage('a1');
    expect(tauri.invoke.mock.calls).toEqual([
      ['load_subscription', { accountId: 'a1' }],
      ['preview_plan_change', { accountId: 'a1', planId: 'studio-monthly' }],
      ['change_plan', { accountId: 'a1', planId: 'studio-monthly', idempotencyKey: 'k1' }],
      ['cancel_subscription', { accountId: 'a1', reason: 'Too expensive', idempotencyKey: 'k2' }],
      ['resume_subscription', { accountId: 'a1', idempotencyKey: 'k3' }],
      ['list_invoices', { accountId: 'a1', status: null, from: null, to: null, cursor: null }],
      ['list_invoices', { accountId: 'a1', status: 'paid', from: '2024-01-01', to: '2024-12-31', cursor: 'c2' }],
      ['get_invoice', { accountId: 'a1', invoiceId: 'inv1' }],
      ['export_invoices_csv', { accountId: 'a1', status: 'paid', from: '2024-01-01', to: '2024-12-31' }],
      ['list_payment_methods', { accountId: 'a1' }],
      ['set_default_payment_method', { accountId: 'a1', paymentMethodId: 'pm1' }],
      ['remove_payment_method', { accountId: 'a1', paymentMethodId: 'pm1' }],
      ['list_licenses', { accountId: 'a1' }],
      ['load_usage', { accountId: 'a1' }],
    ]);
  });

  it('calls the invoice PDF and card-entry commands by name, with camelCase arguments', async () => {
    tauri.invoke.mockResolvedValue(undefined);
    await api.downloadInvoicePdf('a1', 'inv1');
    await api.startCardEntry('a1');
    await api.cardEntry('a1', 'ce1');
    expect(tauri.invoke.mock.calls).toEqual([
      ['download_invoice_pdf', { accountId: 'a1', invoiceId: 'inv1' }],
      ['start_card_entry', { accountId: 'a1' }],
      ['card_entry', { accountId: 'a1', entryId: 'ce1' }],
    ]);
  });

  it('calls the communications commands by name, with camelCase arguments', async () => {
    tauri.invoke.mockResolvedValue(undefined);
    const changes = [{ purpose: 'newsletters' as const, channel: 'email' as const, on: true }];
    await api.loadCommunications();
    await api.saveCommunications(changes, 7n);
    await api.unsubscribeAllPromotional();
    await api.consentReceipts(null);
    await api.consentReceipts('c2');
    expect(tauri.invoke.mock.calls).toEqual([
      ['load_communications', undefined],
      // An i64 on the wire: a JSON number, never a BigInt (which JSON cannot carry).
      ['save_communications', { changes, version: 7 }],
      ['unsubscribe_all_promotional', undefined],
      ['consent_receipts', { cursor: null }],
      ['consent_receipts', { cursor: 'c2' }],
    ]);
    expect(typeof (tauri.invoke.mock.calls[1]?.[1] as { version: unknown }).version).toBe('number');
  });

  it('passes the version on as the server sent it, and resolves a conflict as an outcome', async () => {
    const current = { version: 9, purposes: [], policy_version: 'privacy-policy-2013' };
    tauri.invoke.mockResolvedValue({ outcome: 'conflict', current });
    // At run time the version arrives as a plain number.
    await expect(api.saveCommunications([], 8 as unknown as bigint)).resolves.toEqual({ outcome: 'conflict', current });
    expect(tauri.invoke).toHaveBeenCalledWith('save_communications', { changes: [], version: 8 });
  });

  it('rejects a locked cell with its field rule, for the matrix to explain', async () => {
    tauri.invoke.mockRejectedValue({
      code: 'invalid_input',
      message: 'Some of the changes cannot be made.',
      fields: [{ field: 'changes[0]', rule: 'locked', message: 'Account maintenance e-mail cannot be turned off.' }],
      request_id: null,
    });
    await expect(
      api.saveCommunications([{ purpose: 'support_maintenance', channel: 'email', on: false }], 3n),
    ).rejects.toEqual({
      code: 'invalid_input',
      message: 'Some of the changes cannot be made.',
      fields: [{ field: 'changes[0]', rule: 'locked', message: 'Account maintenance e-mail cannot be turned off.' }],
    });
  });

  it('calls the sharing commands by name, with camelCase arguments and a plain-number version', async () => {
    tauri.invoke.mockResolvedValue(undefined);
    const change = { share_none: false, opted_out: ['tally-insights'] };
    await api.loadSharing('a1');
    await api.saveSharing('a1', change, 4n);
    await api.sharingLedger('a1');
    expect(tauri.invoke.mock.calls).toEqual([
      ['load_sharing', { accountId: 'a1' }],
      ['save_sharing', { accountId: 'a1', change, version: 4 }],
      ['sharing_ledger', { accountId: 'a1' }],
    ]);
    expect(typeof (tauri.invoke.mock.calls[1]?.[1] as { version: unknown }).version).toBe('number');
  });

  it('resolves a stale sharing save as a conflict outcome, with the version as the server sent it', async () => {
    const current = { version: 6, share_none: true, opted_out: ['tally-insights'], partners: [] };
    tauri.invoke.mockResolvedValue({ outcome: 'conflict', current });
    const change = { share_none: true, opted_out: [] };
    await expect(api.saveSharing('a1', change, 5 as unknown as bigint)).resolves.toEqual({
      outcome: 'conflict',
      current,
    });
    expect(tauri.invoke).toHaveBeenCalledWith('save_sharing', { accountId: 'a1', change, version: 5 });
  });

  it('rejects a sharing change by a non-owner as forbidden, and a required partner with its field rule', async () => {
    tauri.invoke.mockRejectedValueOnce({
      code: 'forbidden',
      message: 'Forbidden',
      advice: 'Your account is not allowed to do this. Ask an account owner or an administrator.',
      request_id: null,
    });
    await expect(api.saveSharing('a1', { share_none: true, opted_out: [] }, 1n)).rejects.toEqual({
      code: 'forbidden',
      message: 'Forbidden',
      advice: 'Your account is not allowed to do this. Ask an account owner or an administrator.',
    });
    const fields = [{ field: 'opted_out[0]', rule: 'not_optional', message: 'Northbeam CDN cannot be turned off on its own.' }];
    tauri.invoke.mockRejectedValueOnce({ code: 'invalid_input', message: 'Check the choice.', fields });
    await expect(
      api.saveSharing('a1', { share_none: false, opted_out: ['northbeam-cdn'] }, 1n),
    ).rejects.toEqual({ code: 'invalid_input', message: 'Check the choice.', fields });
  });

  it('calls the cookie consent commands by name, with a plain-number version', async () => {
    tauri.invoke.mockResolvedValue(undefined);
    const choice = { preferences: true, analytics: false };
    await api.loadCookieConsent();
    await api.saveCookieConsent(choice, 3n);
    expect(tauri.invoke.mock.calls).toEqual([
      ['load_cookie_consent', undefined],
      ['save_cookie_consent', { choice, version: 3 }],
    ]);
    expect(typeof (tauri.invoke.mock.calls[1]?.[1] as { version: unknown }).version).toBe('number');
  });

  it('resolves the cookie consent as the command returns it, with no decision before the first choice', async () => {
    const undecided = { version: 0, necessary: true, preferences: false, analytics: false };
    const decided = { ...undecided, version: 1, analytics: true, decided_at: '2026-02-03T09:30:00Z' };
    tauri.invoke.mockResolvedValueOnce(undecided).mockResolvedValueOnce(decided);
    await expect(api.loadCookieConsent()).resolves.toEqual(undecided);
    await expect(api.saveCookieConsent({ preferences: false, analytics: true }, 0n)).resolves.toEqual(decided);
  });

  it('rejects a stale cookie choice as a conflict', async () => {
    tauri.invoke.mockRejectedValue({
      code: 'conflict',
      message: 'Someone else changed this meanwhile.',
      advice: null,
      request_id: 'r-9',
    });
    await expect(api.saveCookieConsent({ preferences: true, analytics: true }, 1n)).rejects.toEqual({
      code: 'conflict',
      message: 'Someone else changed this meanwhile.',
      request_id: 'r-9',
    });
  });

  it('asks the shell to open an external link, and rejects when it cannot', async () => {
    tauri.invoke.mockResolvedValueOnce(null);
    await expect(api.openExternalLink('https://tally.example/privacy')).resolves.toBeNull();
    expect(tauri.invoke).toHaveBeenCalledWith('open_external_link', { url: 'https://tally.example/privacy' });
    tauri.invoke.mockRejectedValueOnce({ code: 'other', message: 'Only https links can be opened.', advice: null });
    await expect(api.openExternalLink('http://tally.example/privacy')).rejects.toEqual({
      code: 'other',
      message: 'Only https links can be opened.',
    });
    tauri.invoke.mockRejectedValueOnce({
      code: 'other',
      message: 'Could not open your web browser.',
      advice: 'Set a default web browser in your system settings, then try again.',
    });
    await expect(api.openExternalLink('https://tally.example/privacy')).rejects.toEqual({
      code: 'other',
      message: 'Could not open your web browser.',
      advice: 'Set a default web browser in your system settings, then try again.',
    });
  });

  it('resolves a card entry and a saved PDF path as the commands return them', async () => {
    const entry = { id: 'ce1', status: 'pending', expires_at: '2025-11-20T12:15:00Z', payment_method_id: null };
    tauri.invoke.mockResolvedValueOnce(entry).mockResolvedValueOnce('/home/ada/Downloads/INV-00003.pdf');
    await expect(api.startCardEntry('a1')).resolves.toEqual(entry);
    await expect(api.downloadInvoicePdf('a1', 'inv1')).resolves.toBe('/home/ada/Downloads/INV-00003.pdf');
  });

  it('rejects a card page that could not be opened with its advice', async () => {
    tauri.invoke.mockRejectedValue({
      code: 'other',
      message: 'Could not open your web browser for the card page.',
      advice: 'Set a default web browser in your system settings, then choose Add a card again.',
      request_id: null,
    });
    await expect(api.startCardEntry('a1')).rejects.toEqual({
      code: 'other',
      message: 'Could not open your web browser for the card page.',
      advice: 'Set a default web browser in your system settings, then choose Add a card again.',
    });
  });

  it('rejects a step-up requirement with its code, for the section to ask for a sign-in', async () => {
    tauri.invoke.mockRejectedValue({ code: 'step_up_required', message: 'Sign in again.', advice: null });
    await expect(api.changePassword('old pw', 'pw')).rejects.toEqual({ code: 'step_up_required', message: 'Sign in again.' });
  });

  it('resolves with what the command returned', async () => {
    tauri.invoke.mockResolvedValue(customerSession);
    await expect(api.tryDemo('customer')).resolves.toEqual(customerSession);
  });

  it('rejects with a normalised CommandError', async () => {
    tauri.invoke.mockRejectedValue({ ...keyringLocked, request_id: null });
    await expect(api.me()).rejects.toEqual(keyringLocked);
  });

  it('rejects a string rejection as code other', async () => {
    tauri.invoke.mockRejectedValue('Command me not found');
    await expect(api.me()).rejects.toEqual({ code: 'other', message: 'Command me not found' });
  });

  it('refuses to call outside the desktop app', async () => {
    tauri.isTauri.mockReturnValue(false);
    await expect(api.me()).rejects.toEqual(NOT_IN_DESKTOP_APP);
    expect(tauri.invoke).not.toHaveBeenCalled();
  });

  it('turns a null startup notice into no notice', async () => {
    tauri.invoke.mockResolvedValue({ state: 'signed_out', connections: [], notice: null });
    const state = await api.startup();
    expect(state).toEqual({ state: 'signed_out', connections: [] });
  });

  it('normalises a startup notice', async () => {
    tauri.invoke.mockResolvedValue({
      state: 'signed_out',
      connections: [],
      notice: { ...keyringLocked, request_id: null },
    });
    await expect(api.startup()).resolves.toEqual({
      state: 'signed_out',
      connections: [],
      notice: keyringLocked,
    });
  });
});

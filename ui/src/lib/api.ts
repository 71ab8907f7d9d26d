// The one place that knows the desktop shell's command names.
//
// Every command resolves with a generated IPC type or rejects with a
// `CommandError`, whatever the shell (or Tauri itself) rejected with.

import { invoke, isTauri, type InvokeArgs } from '@tauri-apps/api/core';
import type { AboutInfo } from './generated/AboutInfo';
import type { AccountKind } from './generated/AccountKind';
import type { DiagnosticsReport } from './generated/DiagnosticsReport';
import type { ActivityEvent } from './generated/ActivityEvent';
import type { CardEntry } from './generated/CardEntry';
import type { CommandError } from './generated/CommandError';
import type { CommsSaveOutcome } from './generated/CommsSaveOutcome';
import type { CommunicationPreferences } from './generated/CommunicationPreferences';
import type { Connection } from './generated/Connection';
import type { ConsentReceiptPage } from './generated/ConsentReceiptPage';
import type { CookieChoice } from './generated/CookieChoice';
import type { CookieConsent } from './generated/CookieConsent';
import type { CorrectionRequest } from './generated/CorrectionRequest';
import type { DeletionView } from './generated/DeletionView';
import type { DemoPersona } from './generated/DemoPersona';
import type { DeviceSession } from './generated/DeviceSession';
import type { ExportJob } from './generated/ExportJob';
import type { FieldError } from './generated/FieldError';
import type { Invoice } from './generated/Invoice';
import type { InvoicePage } from './generated/InvoicePage';
import type { InvoiceStatus } from './generated/InvoiceStatus';
import type { LedgerEntry } from './generated/LedgerEntry';
import type { License } from './generated/License';
import type { Me } from './generated/Me';
import type { MemberRole } from './generated/MemberRole';
import type { NewCorrection } from './generated/NewCorrection';
import type { NewDeletionRequest } from './generated/NewDeletionRequest';
import type { NewInvitation } from './generated/NewInvitation';
import type { NoticeInbox } from './generated/NoticeInbox';
import type { OutboxMessage } from './generated/OutboxMessage';
import type { PaymentMethod } from './generated/PaymentMethod';
import type { PrefChange } from './generated/PrefChange';
import type { Profile } from './generated/Profile';
import type { ProrationPreview } from './generated/ProrationPreview';
import type { ProfileChange } from './generated/ProfileChange';
import type { ProfileState } from './generated/ProfileState';
import type { RecoveryCodes } from './generated/RecoveryCodes';
import type { SaveOutcome } from './generated/SaveOutcome';
import type { SecurityOverview } from './generated/SecurityOverview';
import type { SessionView } from './generated/SessionView';
import type { SharingChange } from './generated/SharingChange';
import type { SharingSaveOutcome } from './generated/SharingSaveOutcome';
import type { SharingView } from './generated/SharingView';
import type { StartupState } from './generated/StartupState';
import type { Subscription } from './generated/Subscription';
import type { Team } from './generated/Team';
import type { TotpEnrolment } from './generated/TotpEnrolment';
import type { UsageMonth } from './generated/UsageMonth';
import type { UserPreferences } from './generated/UserPreferences';
import type { VerificationItem } from './generated/VerificationItem';
import type { VerificationOverview } from './generated/VerificationOverview';
import type { DeletionRequest } from './generated/DeletionRequest';
import type { LegalHold } from './generated/LegalHold';
import type { NewPolicyVersion } from './generated/NewPolicyVersion';
import type { NewVerificationRequest } from './generated/NewVerificationRequest';
import type { PolicyVersion } from './generated/PolicyVersion';
import type { ResetLinkSent } from './generated/ResetLinkSent';
import type { ActingSession } from './generated/ActingSession';
import type { AuditPage } from './generated/AuditPage';
import type { AuditQuery } from './generated/AuditQuery';
import type { CallerCheck } from './generated/CallerCheck';
import type { CallerCheckRequest } from './generated/CallerCheckRequest';
import type { CallerCodeSent } from './generated/CallerCodeSent';
import type { CaseSummary } from './generated/CaseSummary';
import type { CustomerSearchResult } from './generated/CustomerSearchResult';
import type { CustomerView } from './generated/CustomerView';
import type { Justification } from './generated/Justification';
import type { NewTicket } from './generated/NewTicket';
import type { NewTicketMessage } from './generated/NewTicketMessage';
import type { RevealRequest } from './generated/RevealRequest';
import type { Revealed } from './generated/Revealed';
import type { StaffAccessLog } from './generated/StaffAccessLog';
import type { StaffAccessSettings } from './generated/StaffAccessSettings';
import type { NewPartner } from './generated/NewPartner';
import type { NewStaffMember } from './generated/NewStaffMember';
import type { Partner } from './generated/Partner';
import type { PartnerDetails } from './generated/PartnerDetails';
import type { PartnerList } from './generated/PartnerList';
import type { StaffInvited } from './generated/StaffInvited';
import type { StaffList } from './generated/StaffList';
import type { StaffMember } from './generated/StaffMember';
import type { StaffMemberUpdate } from './generated/StaffMemberUpdate';
import type { SupportPinStatus } from './generated/SupportPinStatus';
import type { Ticket } from './generated/Ticket';
import type { TicketList } from './generated/TicketList';
import type { TicketQuery } from './generated/TicketQuery';
import type { TicketStatus } from './generated/TicketStatus';
import { NOT_IN_DESKTOP_APP, toCommandError } from './commandErrors';

/** Which invoices a list or CSV export covers; `null` is "any". Dates are `YYYY-MM-DD`. */
export interface InvoiceFilter {
  status: InvoiceStatus | null;
  from: string | null;
  to: string | null;
}

/** The commands the UI uses, as an interface so state logic can be tested with a fake. */
export interface Api {
  startup(): Promise<StartupState>;
  listConnections(): Promise<Connection[]>;
  tryDemo(persona: DemoPersona): Promise<SessionView>;
  connect(serverUrl: string): Promise<SessionView>;
  cancelSignIn(): Promise<void>;
  resume(connectionId: string): Promise<SessionView>;
  forgetConnection(connectionId: string): Promise<void>;
  me(): Promise<Me>;
  /** Name, versions and the log folder, for the about box. */
  about(): Promise<AboutInfo>;
  /** "Copy diagnostics": versions, connection, recent errors; no personal data. */
  diagnostics(): Promise<DiagnosticsReport>;
  /** The signed-in user's own settings (the console's language). */
  setPreferences(preferences: UserPreferences): Promise<UserPreferences>;
  /** Resolves when the session's server answers again; rejects `server_unreachable` while it does not. */
  checkConnection(): Promise<void>;
  signOut(): Promise<void>;

  // Profile, verification and corrections (per account).
  loadProfile(accountId: string): Promise<ProfileState>;
  /** Pure: the shared Rust validation, run as the user types. */
  validateProfile(kind: AccountKind, profile: Profile): Promise<FieldError[]>;
  saveProfile(accountId: string, profile: Profile, etag: string): Promise<SaveOutcome>;
  profileHistory(accountId: string): Promise<ProfileChange[]>;
  loadVerifications(accountId: string): Promise<VerificationOverview>;
  confirmVerification(
    accountId: string,
    requestId: string,
    item: VerificationItem,
  ): Promise<VerificationOverview>;
  listCorrections(accountId: string): Promise<CorrectionRequest[]>;
  requestCorrection(accountId: string, correction: NewCorrection): Promise<CorrectionRequest>;

  // Security (per user). Sensitive ones may reject with `step_up_required`.
  loadSecurity(): Promise<SecurityOverview>;
  /** A fresh sign-in through the browser, for step-up. */
  reauthenticate(): Promise<SessionView>;
  startTwoFactor(): Promise<TotpEnrolment>;
  confirmTwoFactor(code: string): Promise<RecoveryCodes>;
  disableTwoFactor(code: string): Promise<SecurityOverview>;
  regenerateRecoveryCodes(): Promise<RecoveryCodes>;
  /** Pure: the server's password rules. */
  validatePassword(newPassword: string): Promise<FieldError[]>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  changeEmail(newEmail: string, currentPassword: string): Promise<SecurityOverview>;
  confirmEmail(code: string): Promise<SecurityOverview>;
  cancelEmailChange(): Promise<SecurityOverview>;
  listSessions(): Promise<DeviceSession[]>;
  revokeSession(sessionId: string): Promise<DeviceSession[]>;
  revokeOtherSessions(): Promise<DeviceSession[]>;
  listActivity(): Promise<ActivityEvent[]>;

  // Team (per account).
  loadTeam(accountId: string): Promise<Team>;
  inviteMember(accountId: string, invitation: NewInvitation): Promise<Team>;
  resendInvitation(accountId: string, invitationId: string): Promise<Team>;
  cancelInvitation(accountId: string, invitationId: string): Promise<Team>;
  changeMemberRole(accountId: string, userId: string, role: MemberRole): Promise<Team>;
  removeMember(accountId: string, userId: string): Promise<Team>;
  acceptInvitation(code: string): Promise<SessionView>;

  // Billing (per account). Changes that spend money carry an idempotency key:
  // the same key again replays the first outcome instead of charging twice.
  /** The subscription, with the plans it can move to. */
  loadSubscription(accountId: string): Promise<Subscription>;
  previewPlanChange(accountId: string, planId: string): Promise<ProrationPreview>;
  changePlan(accountId: string, planId: string, idempotencyKey: string): Promise<Subscription>;
  /** Cancels at the end of the current period. */
  cancelSubscription(accountId: string, reason: string, idempotencyKey: string): Promise<Subscription>;
  resumeSubscription(accountId: string, idempotencyKey: string): Promise<Subscription>;
  /** Newest first, in pages of 50; `cursor` is the previous page's `next_cursor`. */
  listInvoices(accountId: string, filter: InvoiceFilter, cursor: string | null): Promise<InvoicePage>;
  getInvoice(accountId: string, invoiceId: string): Promise<Invoice>;
  /** Saves the filtered list as CSV in the user's Downloads folder; resolves with the file's path. */
  exportInvoicesCsv(accountId: string, filter: InvoiceFilter, operation?: string): Promise<string>;
  /** Saves one invoice as PDF in the user's Downloads folder; resolves with the file's path. */
  downloadInvoicePdf(accountId: string, invoiceId: string, operation?: string): Promise<string>;
  listPaymentMethods(accountId: string): Promise<PaymentMethod[]>;
  setDefaultPaymentMethod(accountId: string, paymentMethodId: string): Promise<PaymentMethod[]>;
  removePaymentMethod(accountId: string, paymentMethodId: string): Promise<PaymentMethod[]>;
  /**
   * Opens a short-lived, single-use card page of the payment vault in the
   * user's browser. The console never sees its address or the card: it gets
   * the entry to watch.
   */
  startCardEntry(accountId: string): Promise<CardEntry>;
  /** Where a card entry stands: `pending`, `completed` (with the card added) or `expired`. */
  cardEntry(accountId: string, entryId: string): Promise<CardEntry>;
  listLicenses(accountId: string): Promise<License[]>;
  /** The last 24 months, oldest first. */
  loadUsage(accountId: string): Promise<UsageMonth[]>;

  // Communications (per user, PR-4, PR-5): the purpose x channel matrix and
  // its consent receipts.
  loadCommunications(): Promise<CommunicationPreferences>;
  /**
   * Saves `changes` on top of the matrix the user saw (`version`). A matrix
   * changed elsewhere meanwhile is not overwritten: the outcome is a
   * `conflict` carrying the current one. Turning on a promotional purpose by
   * e-mail makes it `pending` until the recipient confirms the link we mail.
   */
  saveCommunications(changes: PrefChange[], version: bigint): Promise<CommsSaveOutcome>;
  /** Turns every promotional purpose off on every channel; doing it twice changes nothing. */
  unsubscribeAllPromotional(): Promise<CommunicationPreferences>;
  /** Newest first; `cursor` is the previous page's `next_cursor`. */
  consentReceipts(cursor: string | null): Promise<ConsentReceiptPage>;

  // Privacy: sharing with service partners (per account, PR-6). Reading needs
  // `profile_read`, changing `profile_write` (owners).
  /** The partners, what each receives, and whether the account shares with it. */
  loadSharing(accountId: string): Promise<SharingView>;
  /**
   * Replaces the whole choice made on `version`: the switch, and every
   * optional partner turned off. A choice changed elsewhere meanwhile is not
   * overwritten: the outcome is a `conflict` carrying the current one.
   */
  saveSharing(accountId: string, change: SharingChange, version: bigint): Promise<SharingSaveOutcome>;
  /** Every export of the account's data to a partner, newest first. */
  sharingLedger(accountId: string): Promise<LedgerEntry[]>;

  // Privacy: cookie consent (per person, PR-14), for the service's websites,
  // which read it with the person's own sign-in.
  /** Until the person chooses, `decided_at` is absent and only necessary cookies apply. */
  loadCookieConsent(): Promise<CookieConsent>;
  /**
   * Replaces the choice made on `version`. A choice changed elsewhere
   * meanwhile is not overwritten: the command rejects with code `conflict`.
   */
  saveCookieConsent(choice: CookieChoice, version: bigint): Promise<CookieConsent>;

  // Notices of policy changes (per person, PR-7).
  /** Newest first, with the unread count the navigation shows and the version in force. */
  loadNotices(): Promise<NoticeInbox>;
  /** Marks a notice read (idempotent); resolves with the updated inbox. */
  markNoticeRead(version: string): Promise<NoticeInbox>;
  /** Records the acknowledgement once, with a consent receipt; resolves with the updated inbox. */
  acknowledgeNotice(version: string): Promise<NoticeInbox>;

  // "Download my data" (per account, owners only: capability `account_data`, PR-15).
  /** Starts an export, or returns the caller's export of this account already running. */
  startExport(accountId: string): Promise<ExportJob>;
  /** The caller's exports of this account, newest first (at most 10). */
  listExports(accountId: string): Promise<ExportJob[]>;
  /** One export and its progress (`done` of `total` files, `bytes` so far). */
  exportStatus(accountId: string, exportId: string): Promise<ExportJob>;
  /**
   * Asks where to save a ready export (the system's save dialog), then
   * downloads it there. Resolves with the saved path, or `null` when the
   * user cancelled the dialog.
   */
  saveExport(accountId: string, exportId: string, operation?: string): Promise<string | null>;
  /**
   * Cancels the long operation named `operation` (passed to a download
   * above), which then rejects with `operation_cancelled`; false if it had ended.
   */
  cancelOperation(operation: string): Promise<boolean>;

  // Deleting the account (owners only: capability `account_data`, PR-19, PR-20).
  /** What deletion stops and keeps, the cooling-off period, any legal hold, and the request. */
  loadDeletion(accountId: string): Promise<DeletionView>;
  /** Rejects with `invalid_input` (field `confirm_name`, rule `mismatch`) when the name does not match. */
  requestDeletion(accountId: string, request: NewDeletionRequest): Promise<DeletionView>;
  /** Cancels the pending request during the cooling-off period. */
  cancelDeletion(accountId: string): Promise<DeletionView>;

  /**
   * Opens a web page (a partner's privacy statement) in the user's browser.
   * Only https addresses: anything else is refused with a `CommandError`.
   */
  openExternalLink(url: string): Promise<void>;

  /** Demo only: the messages the server "e-mailed". */
  readOutbox(): Promise<OutboxMessage[]>;

  // Support, as the customer sees it (PR-10, PR-17).
  loadSupportPin(): Promise<SupportPinStatus>;
  setSupportPin(pin: string): Promise<SupportPinStatus>;
  clearSupportPin(): Promise<SupportPinStatus>;
  loadStaffAccess(accountId: string): Promise<StaffAccessLog>;
  setStaffApproval(accountId: string, requireApproval: boolean): Promise<StaffAccessSettings>;
  grantStaffAccess(accountId: string, hours: number): Promise<StaffAccessSettings>;
  revokeStaffAccess(accountId: string): Promise<StaffAccessSettings>;
  listTickets(accountId: string): Promise<TicketList>;
  openTicket(accountId: string, ticket: NewTicket): Promise<Ticket>;
  getTicket(accountId: string, ticketId: string): Promise<Ticket>;
  replyTicket(accountId: string, ticketId: string, body: string): Promise<Ticket>;

  // The staff workspace (PR-10, PR-11, PR-16, PR-17).
  searchCustomers(q: string): Promise<CustomerSearchResult>;
  loadCustomer(accountId: string): Promise<CustomerView>;
  revealCustomer(accountId: string, request: RevealRequest): Promise<Revealed>;
  sendCallerCode(accountId: string, userId: string): Promise<CallerCodeSent>;
  checkCaller(accountId: string, request: CallerCheckRequest): Promise<CallerCheck>;
  startActing(accountId: string, why: Justification): Promise<ActingSession>;
  stopActing(accountId: string): Promise<void>;
  /** The full profile, only inside an acting session (the read is audited). */
  staffLoadProfile(accountId: string): Promise<ProfileState>;
  staffSaveProfile(accountId: string, profile: Profile, etag: string): Promise<SaveOutcome>;
  staffLoadCommunications(accountId: string, userId: string): Promise<CommunicationPreferences>;
  staffSaveCommunications(
    accountId: string,
    userId: string,
    changes: PrefChange[],
    version: bigint | number,
  ): Promise<CommsSaveOutcome>;
  staffListTickets(query: TicketQuery): Promise<TicketList>;
  staffGetTicket(ticketId: string): Promise<Ticket>;
  staffReplyTicket(ticketId: string, message: NewTicketMessage): Promise<Ticket>;
  setTicketStatus(ticketId: string, status: TicketStatus): Promise<Ticket>;
  caseSummary(ticketId: string): Promise<CaseSummary>;
  /** Administrators only. */
  listAudit(query: AuditQuery): Promise<AuditPage>;
  listStaff(): Promise<StaffList>;
  updateStaff(userId: string, update: StaffMemberUpdate): Promise<StaffMember>;
  /** Add a staff member; a link to choose their password goes to their address. */
  addStaff(member: NewStaffMember): Promise<StaffInvited>;
  /** Service partners (PR-6, PR-7): current first, then retired ones. */
  listPartners(): Promise<PartnerList>;
  /** Receives data from when `announced_in` takes effect. */
  addPartner(partner: NewPartner): Promise<Partner>;
  /** Edit the partner as it was at `version`; a stale one is `precondition_failed`. */
  updatePartner(id: string, details: PartnerDetails, version: bigint | number): Promise<Partner>;
  retirePartner(id: string, version: bigint | number): Promise<Partner>;
  /** Agents and administrators: ask the customer to confirm their information (PR-8). */
  staffRequestVerification(accountId: string, request: NewVerificationRequest): Promise<VerificationOverview>;
  /** Mail the person a link to choose a new password; staff never set one. */
  startPasswordReset(accountId: string, userId: string, why: Justification): Promise<ResetLinkSent>;
  /** Administrators: deletion requests, legal holds, policy versions. */
  listDeletionRequests(): Promise<DeletionRequest[]>;
  completeDeletion(requestId: string): Promise<DeletionRequest>;
  placeLegalHold(accountId: string, explanation: string): Promise<LegalHold>;
  liftLegalHold(accountId: string): Promise<void>;
  listPolicyVersions(): Promise<PolicyVersion[]>;
  publishPolicyVersion(input: NewPolicyVersion): Promise<PolicyVersion>;
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  if (!isTauri()) throw { ...NOT_IN_DESKTOP_APP };
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toCommandError(reason);
  }
}

/** Normalises `notice: null` (serde's `None`) to an absent notice. */
function normaliseStartup(state: StartupState): StartupState {
  if (state.state !== 'signed_out') return state;
  const { notice, ...rest } = state;
  return notice ? { ...rest, notice: toCommandError(notice) } : rest;
}

/** The real commands, through Tauri's IPC. Arguments are camelCase: Tauri maps them to snake_case. */
export const api: Api = {
  startup: async () => normaliseStartup(await call<StartupState>('startup')),
  listConnections: () => call<Connection[]>('list_connections'),
  tryDemo: (persona) => call<SessionView>('try_demo', { persona }),
  connect: (serverUrl) => call<SessionView>('connect', { serverUrl }),
  cancelSignIn: () => call<void>('cancel_sign_in'),
  resume: (connectionId) => call<SessionView>('resume', { connectionId }),
  forgetConnection: (connectionId) => call<void>('forget_connection', { connectionId }),
  me: () => call<Me>('me'),
  about: () => call<AboutInfo>('about'),
  diagnostics: () => call<DiagnosticsReport>('diagnostics'),
  setPreferences: (preferences) => call<UserPreferences>('set_preferences', { preferences }),
  checkConnection: () => call<void>('check_connection'),
  signOut: () => call<void>('sign_out'),

  loadProfile: (accountId) => call<ProfileState>('load_profile', { accountId }),
  validateProfile: (kind, profile) => call<FieldError[]>('validate_profile', { kind, profile }),
  saveProfile: (accountId, profile, etag) =>
    call<SaveOutcome>('save_profile', { accountId, profile, etag }),
  profileHistory: (accountId) => call<ProfileChange[]>('profile_history', { accountId }),
  loadVerifications: (accountId) => call<VerificationOverview>('load_verifications', { accountId }),
  confirmVerification: (accountId, requestId, item) =>
    call<VerificationOverview>('confirm_verification', { accountId, requestId, item }),
  listCorrections: (accountId) => call<CorrectionRequest[]>('list_corrections', { accountId }),
  requestCorrection: (accountId, correction) =>
    call<CorrectionRequest>('request_correction', { accountId, correction }),

  loadSecurity: () => call<SecurityOverview>('load_security'),
  reauthenticate: () => call<SessionView>('reauthenticate'),
  startTwoFactor: () => call<TotpEnrolment>('start_two_factor'),
  confirmTwoFactor: (code) => call<RecoveryCodes>('confirm_two_factor', { code }),
  disableTwoFactor: (code) => call<SecurityOverview>('disable_two_factor', { code }),
  regenerateRecoveryCodes: () => call<RecoveryCodes>('regenerate_recovery_codes'),
  validatePassword: (newPassword) => call<FieldError[]>('validate_password', { newPassword }),
  changePassword: (currentPassword, newPassword) =>
    call<void>('change_password', { currentPassword, newPassword }),
  changeEmail: (newEmail, currentPassword) =>
    call<SecurityOverview>('change_email', { newEmail, currentPassword }),
  confirmEmail: (code) => call<SecurityOverview>('confirm_email', { code }),
  cancelEmailChange: () => call<SecurityOverview>('cancel_email_change'),
  listSessions: () => call<DeviceSession[]>('list_sessions'),
  revokeSession: (sessionId) => call<DeviceSession[]>('revoke_session', { sessionId }),
  revokeOtherSessions: () => call<DeviceSession[]>('revoke_other_sessions'),
  listActivity: () => call<ActivityEvent[]>('list_activity'),

  loadTeam: (accountId) => call<Team>('load_team', { accountId }),
  inviteMember: (accountId, invitation) => call<Team>('invite_member', { accountId, invitation }),
  resendInvitation: (accountId, invitationId) =>
    call<Team>('resend_invitation', { accountId, invitationId }),
  cancelInvitation: (accountId, invitationId) =>
    call<Team>('cancel_invitation', { accountId, invitationId }),
  changeMemberRole: (accountId, userId, role) =>
    call<Team>('change_member_role', { accountId, userId, role }),
  removeMember: (accountId, userId) => call<Team>('remove_member', { accountId, userId }),
  acceptInvitation: (code) => call<SessionView>('accept_invitation', { code }),

  loadSubscription: (accountId) => call<Subscription>('load_subscription', { accountId }),
  previewPlanChange: (accountId, planId) =>
    call<ProrationPreview>('preview_plan_change', { accountId, planId }),
  changePlan: (accountId, planId, idempotencyKey) =>
    call<Subscription>('change_plan', { accountId, planId, idempotencyKey }),
  cancelSubscription: (accountId, reason, idempotencyKey) =>
    call<Subscription>('cancel_subscription', { accountId, reason, idempotencyKey }),
  resumeSubscription: (accountId, idempotencyKey) =>
    call<Subscription>('resume_subscription', { accountId, idempotencyKey }),
  listInvoices: (accountId, { status, from, to }, cursor) =>
    call<InvoicePage>('list_invoices', { accountId, status, from, to, cursor }),
  getInvoice: (accountId, invoiceId) => call<Invoice>('get_invoice', { accountId, invoiceId }),
  exportInvoicesCsv: (accountId, { status, from, to }, operation) =>
    call<string>('export_invoices_csv', { accountId, status, from, to, operation }),
  downloadInvoicePdf: (accountId, invoiceId, operation) =>
    call<string>('download_invoice_pdf', { accountId, invoiceId, operation }),
  listPaymentMethods: (accountId) => call<PaymentMethod[]>('list_payment_methods', { accountId }),
  setDefaultPaymentMethod: (accountId, paymentMethodId) =>
    call<PaymentMethod[]>('set_default_payment_method', { accountId, paymentMethodId }),
  removePaymentMethod: (accountId, paymentMethodId) =>
    call<PaymentMethod[]>('remove_payment_method', { accountId, paymentMethodId }),
  startCardEntry: (accountId) => call<CardEntry>('start_card_entry', { accountId }),
  cardEntry: (accountId, entryId) => call<CardEntry>('card_entry', { accountId, entryId }),
  listLicenses: (accountId) => call<License[]>('list_licenses', { accountId }),
  loadUsage: (accountId) => call<UsageMonth[]>('load_usage', { accountId }),

  loadCommunications: () => call<CommunicationPreferences>('load_communications'),
  // The version is an i64 on the wire: a JSON number, whatever the binding's type says.
  saveCommunications: (changes, version) =>
    call<CommsSaveOutcome>('save_communications', { changes, version: Number(version) }),
  unsubscribeAllPromotional: () => call<CommunicationPreferences>('unsubscribe_all_promotional'),
  consentReceipts: (cursor) => call<ConsentReceiptPage>('consent_receipts', { cursor }),

  loadSharing: (accountId) => call<SharingView>('load_sharing', { accountId }),
  // An i64 on the wire too, like the communications version.
  saveSharing: (accountId, change, version) =>
    call<SharingSaveOutcome>('save_sharing', { accountId, change, version: Number(version) }),
  sharingLedger: (accountId) => call<LedgerEntry[]>('sharing_ledger', { accountId }),

  loadCookieConsent: () => call<CookieConsent>('load_cookie_consent'),
  // An i64 on the wire too.
  saveCookieConsent: (choice, version) =>
    call<CookieConsent>('save_cookie_consent', { choice, version: Number(version) }),

  openExternalLink: (url) => call<void>('open_external_link', { url }),

  loadNotices: () => call<NoticeInbox>('load_notices'),
  markNoticeRead: (version) => call<NoticeInbox>('mark_notice_read', { version }),
  acknowledgeNotice: (version) => call<NoticeInbox>('acknowledge_notice', { version }),

  startExport: (accountId) => call<ExportJob>('start_export', { accountId }),
  listExports: (accountId) => call<ExportJob[]>('list_exports', { accountId }),
  exportStatus: (accountId, exportId) => call<ExportJob>('export_status', { accountId, exportId }),
  saveExport: (accountId, exportId, operation) => call<string | null>('save_export', { accountId, exportId, operation }),
  cancelOperation: (operation) => call<boolean>('cancel_operation', { operation }),

  loadDeletion: (accountId) => call<DeletionView>('load_deletion', { accountId }),
  requestDeletion: (accountId, request) => call<DeletionView>('request_deletion', { accountId, request }),
  cancelDeletion: (accountId) => call<DeletionView>('cancel_deletion', { accountId }),

  readOutbox: () => call<OutboxMessage[]>('read_outbox'),

  loadSupportPin: () => call<SupportPinStatus>('load_support_pin'),
  setSupportPin: (pin) => call<SupportPinStatus>('set_support_pin', { pin }),
  clearSupportPin: () => call<SupportPinStatus>('clear_support_pin'),
  loadStaffAccess: (accountId) => call<StaffAccessLog>('load_staff_access', { accountId }),
  setStaffApproval: (accountId, requireApproval) =>
    call<StaffAccessSettings>('set_staff_approval', { accountId, requireApproval }),
  grantStaffAccess: (accountId, hours) =>
    call<StaffAccessSettings>('grant_staff_access', { accountId, hours }),
  revokeStaffAccess: (accountId) => call<StaffAccessSettings>('revoke_staff_access', { accountId }),
  listTickets: (accountId) => call<TicketList>('list_tickets', { accountId }),
  openTicket: (accountId, ticket) => call<Ticket>('open_ticket', { accountId, ticket }),
  getTicket: (accountId, ticketId) => call<Ticket>('get_ticket', { accountId, ticketId }),
  replyTicket: (accountId, ticketId, body) =>
    call<Ticket>('reply_ticket', { accountId, ticketId, body }),

  searchCustomers: (q) => call<CustomerSearchResult>('search_customers', { q }),
  loadCustomer: (accountId) => call<CustomerView>('load_customer', { accountId }),
  revealCustomer: (accountId, request) => call<Revealed>('reveal_customer', { accountId, request }),
  sendCallerCode: (accountId, userId) => call<CallerCodeSent>('send_caller_code', { accountId, userId }),
  checkCaller: (accountId, request) => call<CallerCheck>('check_caller', { accountId, request }),
  startActing: (accountId, why) => call<ActingSession>('start_acting', { accountId, why }),
  stopActing: (accountId) => call<void>('stop_acting', { accountId }),
  staffLoadProfile: (accountId) => call<ProfileState>('staff_load_profile', { accountId }),
  staffSaveProfile: (accountId, profile, etag) =>
    call<SaveOutcome>('staff_save_profile', { accountId, profile, etag }),
  staffLoadCommunications: (accountId, userId) =>
    call<CommunicationPreferences>('staff_load_communications', { accountId, userId }),
  // An i64 on the wire, like the customer's own communications version.
  staffSaveCommunications: (accountId, userId, changes, version) =>
    call<CommsSaveOutcome>('staff_save_communications', {
      accountId,
      userId,
      changes,
      version: Number(version),
    }),
  staffListTickets: (query) => call<TicketList>('staff_list_tickets', { query }),
  staffGetTicket: (ticketId) => call<Ticket>('staff_get_ticket', { ticketId }),
  staffReplyTicket: (ticketId, message) => call<Ticket>('staff_reply_ticket', { ticketId, message }),
  setTicketStatus: (ticketId, status) => call<Ticket>('set_ticket_status', { ticketId, status }),
  caseSummary: (ticketId) => call<CaseSummary>('case_summary', { ticketId }),
  listAudit: (query) => call<AuditPage>('list_audit', { query }),
  listStaff: () => call<StaffList>('list_staff'),
  updateStaff: (userId, update) => call<StaffMember>('update_staff', { userId, update }),
  addStaff: (member) => call<StaffInvited>('add_staff', { member }),
  listPartners: () => call<PartnerList>('list_partners'),
  addPartner: (partner) => call<Partner>('add_partner', { partner }),
  updatePartner: (id, details, version) =>
    call<Partner>('update_partner', { id, details, version: Number(version) }),
  retirePartner: (id, version) => call<Partner>('retire_partner', { id, version: Number(version) }),
  staffRequestVerification: (accountId, request) =>
    call<VerificationOverview>('staff_request_verification', { accountId, request }),
  startPasswordReset: (accountId, userId, why) =>
    call<ResetLinkSent>('start_password_reset', { accountId, userId, why }),
  listDeletionRequests: () => call<DeletionRequest[]>('list_deletion_requests'),
  completeDeletion: (requestId) => call<DeletionRequest>('complete_deletion', { requestId }),
  placeLegalHold: (accountId, explanation) => call<LegalHold>('place_legal_hold', { accountId, explanation }),
  liftLegalHold: (accountId) => call<void>('lift_legal_hold', { accountId }),
  listPolicyVersions: () => call<PolicyVersion[]>('list_policy_versions'),
  publishPolicyVersion: (input) => call<PolicyVersion>('publish_policy_version', { input }),
};

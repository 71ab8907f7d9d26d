// A fake `Api` for controller tests: every command rejects as unexpected
// unless the test provides it, so a test only sees the calls it expects.

import { vi } from 'vitest';
import type { Api } from '../api';

// A `Record` so that a command added to `Api` must be added here too.
const COMMANDS: Record<keyof Api, true> = {
  startup: true,
  listConnections: true,
  tryDemo: true,
  connect: true,
  cancelSignIn: true,
  resume: true,
  forgetConnection: true,
  me: true,
  checkConnection: true,
  signOut: true,
  loadProfile: true,
  validateProfile: true,
  saveProfile: true,
  profileHistory: true,
  loadVerifications: true,
  confirmVerification: true,
  listCorrections: true,
  requestCorrection: true,
  loadSecurity: true,
  reauthenticate: true,
  startTwoFactor: true,
  confirmTwoFactor: true,
  disableTwoFactor: true,
  regenerateRecoveryCodes: true,
  validatePassword: true,
  changePassword: true,
  changeEmail: true,
  confirmEmail: true,
  cancelEmailChange: true,
  listSessions: true,
  revokeSession: true,
  revokeOtherSessions: true,
  listActivity: true,
  loadTeam: true,
  inviteMember: true,
  resendInvitation: true,
  cancelInvitation: true,
  changeMemberRole: true,
  removeMember: true,
  acceptInvitation: true,
  loadSubscription: true,
  previewPlanChange: true,
  changePlan: true,
  cancelSubscription: true,
  resumeSubscription: true,
  listInvoices: true,
  getInvoice: true,
  exportInvoicesCsv: true,
  downloadInvoicePdf: true,
  listPaymentMethods: true,
  setDefaultPaymentMethod: true,
  removePaymentMethod: true,
  startCardEntry: true,
  cardEntry: true,
  listLicenses: true,
  loadUsage: true,
  loadCommunications: true,
  saveCommunications: true,
  unsubscribeAllPromotional: true,
  consentReceipts: true,
  loadSharing: true,
  saveSharing: true,
  sharingLedger: true,
  loadCookieConsent: true,
  saveCookieConsent: true,
  loadNotices: true,
  markNoticeRead: true,
  acknowledgeNotice: true,
  startExport: true,
  listExports: true,
  exportStatus: true,
  saveExport: true,
  loadDeletion: true,
  requestDeletion: true,
  cancelDeletion: true,
  openExternalLink: true,
  readOutbox: true,
  loadSupportPin: true,
  setSupportPin: true,
  clearSupportPin: true,
  loadStaffAccess: true,
  setStaffApproval: true,
  grantStaffAccess: true,
  revokeStaffAccess: true,
  listTickets: true,
  openTicket: true,
  getTicket: true,
  replyTicket: true,
  searchCustomers: true,
  loadCustomer: true,
  revealCustomer: true,
  sendCallerCode: true,
  checkCaller: true,
  startActing: true,
  stopActing: true,
  staffLoadProfile: true,
  staffSaveProfile: true,
  staffLoadCommunications: true,
  staffSaveCommunications: true,
  staffListTickets: true,
  staffGetTicket: true,
  staffReplyTicket: true,
  setTicketStatus: true,
  caseSummary: true,
  listAudit: true,
  listStaff: true,
  updateStaff: true,
  addStaff: true,
  listPartners: true,
  addPartner: true,
  updatePartner: true,
  retirePartner: true,
  staffRequestVerification: true,
  startPasswordReset: true,
  listDeletionRequests: true,
  completeDeletion: true,
  placeLegalHold: true,
  liftLegalHold: true,
  listPolicyVersions: true,
  publishPolicyVersion: true,
};

/** Every command as a `vi.fn` rejecting "unexpected call", then `overrides` on top. */
export function unexpectedApi(overrides: Partial<Api> = {}): Api {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(COMMANDS)) {
    api[name] = vi.fn(() => Promise.reject(new Error(`unexpected call: ${name}`)));
  }
  return { ...(api as unknown as Api), ...overrides };
}

/** A promise the test settles by hand, to look at the state while a command runs. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// Human wording for the staff workspace's generated enums.

import type { AuditAction } from '../generated/AuditAction';
import type { CallerCheckMethod } from '../generated/CallerCheckMethod';
import type { MatchKind } from '../generated/MatchKind';
import type { RevealField } from '../generated/RevealField';
import type { SearchField } from '../generated/SearchField';
import type { TicketStatus } from '../generated/TicketStatus';

// `Record`s over the generated unions: a new variant in Rust fails the type
// check until it has wording here.

const SEARCH_FIELD_LABELS: Record<SearchField, string> = {
  account_id: 'account id',
  name: 'name',
  email: 'e-mail',
  company: 'company',
  phone: 'telephone',
  domain: 'domain',
  invoice: 'invoice number',
};

const MATCH_KIND_LABELS: Record<MatchKind, string> = {
  exact: 'exactly',
  prefix: 'at the start',
  word_prefix: 'at the start of a word',
  substring: 'in part',
};

const REVEAL_FIELD_LABELS: Record<RevealField, string> = {
  contact_emails: 'Contact e-mails',
  phone: 'Telephone',
  postal_address: 'Postal address',
  member_emails: 'Members’ sign-in e-mails',
};

const CALLER_METHOD_LABELS: Record<CallerCheckMethod, string> = {
  support_pin: 'Support PIN',
  email_code: 'E-mail code',
};

const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Open',
  pending: 'Pending',
  closed: 'Closed',
};

const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  view_customer: 'Viewed a customer',
  reveal: 'Revealed data',
  caller_check: 'Checked a caller',
  caller_code_sent: 'Sent a caller code',
  acting_started: 'Started acting',
  acting_ended: 'Stopped acting',
  profile_changed: 'Changed the profile',
  preferences_changed: 'Changed preferences',
  verification_requested: 'Asked for verification',
  ticket_reply: 'Replied to a ticket',
  ticket_note: 'Added an internal note',
  ticket_status: 'Changed a ticket’s status',
  case_summary: 'Made a case summary',
  staff_changed: 'Changed a staff account',
  deletion_completed: 'Completed a deletion',
  legal_hold: 'Legal hold',
  password_reset_started: 'Started a password reset',
  partner_changed: 'Changed a service partner',
};

/** Every audit action, in the order the filter lists them. */
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];
export const TICKET_STATUSES = Object.keys(TICKET_STATUS_LABELS) as TicketStatus[];

export const searchFieldLabel = (f: SearchField): string => SEARCH_FIELD_LABELS[f] ?? f;
export const matchKindLabel = (k: MatchKind): string => MATCH_KIND_LABELS[k] ?? k;
export const revealFieldLabel = (f: RevealField): string => REVEAL_FIELD_LABELS[f] ?? f;
export const callerMethodLabel = (m: CallerCheckMethod): string => CALLER_METHOD_LABELS[m] ?? m;
export const ticketStatusLabel = (s: TicketStatus): string => TICKET_STATUS_LABELS[s] ?? s;
export const auditActionLabel = (a: AuditAction): string => AUDIT_ACTION_LABELS[a] ?? a;

/** "Matched the e-mail at the start: j***@example.com". */
export function matchText(hit: { matched: SearchField; match_kind: MatchKind; matched_text: string }): string {
  return `Matched the ${searchFieldLabel(hit.matched)} ${matchKindLabel(hit.match_kind)}: ${hit.matched_text}`;
}

/** "Revealed — …": shown next to every value staff unmasked. */
export const REVEALED_NOTE = 'Revealed — recorded in the audit log and shown to the customer';

export const ACT_FIRST_HINT = 'Act on behalf to change anything.';

/** The first characters of an audit entry's hash, enough to compare two by eye. */
export const shortHash = (hash: string): string => hash.slice(0, 12);

// Human wording for the staff workspace's generated enums.

import type { AuditAction } from '../generated/AuditAction';
import type { CallerCheckMethod } from '../generated/CallerCheckMethod';
import type { MatchKind } from '../generated/MatchKind';
import type { RevealField } from '../generated/RevealField';
import type { SearchField } from '../generated/SearchField';
import type { TicketStatus } from '../generated/TicketStatus';
import { t } from '../i18n';

// Keys over the generated unions: a new variant in Rust fails the type check
// until both catalogues have wording for it. The lists keep the filters'
// order and are checked complete by their `Record` types.

const AUDIT_ACTION_ORDER: Record<AuditAction, number> = {
  view_customer: 0,
  reveal: 1,
  caller_check: 2,
  caller_code_sent: 3,
  acting_started: 4,
  acting_ended: 5,
  profile_changed: 6,
  preferences_changed: 7,
  verification_requested: 8,
  ticket_reply: 9,
  ticket_note: 10,
  ticket_status: 11,
  case_summary: 12,
  staff_changed: 13,
  deletion_completed: 14,
  legal_hold: 15,
  password_reset_started: 16,
  partner_changed: 17,
};
const TICKET_STATUS_ORDER: Record<TicketStatus, number> = { open: 0, pending: 1, closed: 2 };

/** Every audit action, in the order the filter lists them. */
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_ORDER) as AuditAction[];
export const TICKET_STATUSES = Object.keys(TICKET_STATUS_ORDER) as TicketStatus[];

/** In a sentence: "e-mail" (lower-case in English). */
export const searchFieldLabel = (f: SearchField): string => t(`staff.field.${f}`);
export const matchKindLabel = (k: MatchKind): string => t(`staff.match.${k}`);
export const revealFieldLabel = (f: RevealField): string => t(`staff.reveal.${f}`);
export const callerMethodLabel = (m: CallerCheckMethod): string => t(`staff.method.${m}`);
export const ticketStatusLabel = (s: TicketStatus): string => t(`staff.ticketStatus.${s}`);
export const auditActionLabel = (a: AuditAction): string => t(`admin.action.${a}`);

/** "Matched the e-mail at the start: j***@example.com". */
export function matchText(hit: { matched: SearchField; match_kind: MatchKind; matched_text: string }): string {
  return t('staff.search.matched', {
    field: searchFieldLabel(hit.matched),
    how: matchKindLabel(hit.match_kind),
    text: hit.matched_text,
  });
}

/** "Revealed — …": shown next to every value staff unmasked. */
export const revealedNote = (): string => t('staff.revealedNote');

export const actFirstHint = (): string => t('staff.actFirst');

/** The first characters of an audit entry's hash, enough to compare two by eye. */
export const shortHash = (hash: string): string => hash.slice(0, 12);

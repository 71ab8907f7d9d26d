// The shell's sections, and who sees which: staff sections by the user's
// roles (administrator-only ones to administrators), account sections by
// what the member role allows on the selected account (the server enforces
// the same table; hiding avoids dead ends).

import type { AccountAccess } from './generated/AccountAccess';
import type { Capability } from './generated/Capability';
import type { Me } from './generated/Me';
import type { UserRole } from './generated/UserRole';

export type SectionId =
  | 'profile'
  | 'billing'
  | 'communications'
  | 'privacy'
  | 'notices'
  | 'security'
  | 'team'
  | 'support'
  | 'customers'
  | 'tickets'
  | 'audit'
  | 'staff'
  | 'admin'
  | 'partners';

export interface Section {
  id: SectionId;
  label: string;
  /** Only for support agents and administrators. */
  staff: boolean;
  /** Only for administrators (implies `staff`). */
  admin?: boolean;
  /** Shown only when the selected account grants this capability. */
  requires?: Capability;
  /** What will live here: shown as the empty state until the section is built. */
  summary: string;
  /** A sentence on the promise behind the section. */
  detail: string;
}

export const SECTIONS: readonly Section[] = [
  {
    id: 'profile',
    label: 'Profile',
    staff: false,
    summary: 'Your name, contact details and the accounts you belong to.',
    detail: 'Review and correct what the service keeps about you.',
  },
  {
    id: 'billing',
    label: 'Billing',
    staff: false,
    requires: 'billing_read',
    summary: 'Plan, payment methods, invoices and licenses.',
    detail:
      'Card numbers never reach this console: only the brand, last four digits, expiry and billing address are kept.',
  },
  {
    // About the signed-in person, not an account: no capability, every customer.
    id: 'communications',
    label: 'Communications',
    staff: false,
    summary: 'Which e-mails and notices you get, for each purpose and channel.',
    detail:
      'Unsubscribe from all promotional mail in one step, and keep a receipt of every choice.',
  },
  {
    id: 'privacy',
    label: 'Privacy',
    staff: false,
    summary: 'Sharing with service partners, cookie preferences and a copy of your data.',
    detail:
      'See what was shared with whom, who at the company accessed your account and why, and download everything.',
  },
  {
    // About the signed-in person, not an account: no capability, every customer.
    id: 'notices',
    label: 'Notices',
    staff: false,
    summary: 'Notices of changes to the privacy policy, before they take effect.',
    detail: 'Read what changes and when, acknowledge it, and opt out in place where the change allows.',
  },
  {
    id: 'security',
    label: 'Security',
    staff: false,
    summary: 'Recent sign-in activity, sessions and devices, and two-factor sign-in.',
    detail: 'Revoke a session you do not recognise.',
  },
  {
    id: 'team',
    label: 'Team',
    staff: false,
    requires: 'team_read',
    summary: 'People who can act on your accounts, their roles and invitations.',
    detail: 'Owners decide who is an owner, a billing manager or a viewer.',
  },
  {
    id: 'support',
    label: 'Support',
    staff: false,
    summary: 'Your support tickets and their messages.',
    detail: 'Requests are authenticated, so nobody else can act in your name.',
  },
  {
    id: 'customers',
    label: 'Customers',
    staff: true,
    summary: 'Find a customer, verify the caller and work on their behalf.',
    detail: 'Personal data is masked by default; revealing it needs a reason, which is recorded.',
  },
  {
    id: 'tickets',
    label: 'Tickets',
    staff: true,
    summary: 'Customers’ support tickets: reply, add internal notes and change their status.',
    detail: 'Internal notes are never shown to the customer; case summaries are anonymised before they leave.',
  },
  {
    id: 'audit',
    label: 'Audit',
    staff: true,
    admin: true,
    summary: 'The tamper-evident log of staff access and changes.',
    detail: 'Who looked at or changed what, when, and why.',
  },
  {
    id: 'staff',
    label: 'Staff accounts',
    staff: true,
    admin: true,
    summary: 'Support agents and administrators: roles, pseudonyms and who is disabled.',
    detail: 'Customers see a staff member’s pseudonym, when one is set, instead of their name.',
  },
  {
    id: 'admin',
    label: 'Deletions & policy',
    staff: true,
    admin: true,
    summary: 'Account deletions waiting to be carried out, and the privacy policy’s versions.',
    detail:
      'A deletion is carried out once its cooling-off period is over and no legal hold applies; publishing a policy version notifies every customer.',
  },
  {
    id: 'partners',
    label: 'Partners',
    staff: true,
    admin: true,
    summary: 'Service partners: who receives which kinds of customers’ data, what for, and from when (PR-6).',
    detail:
      'A new partner is announced in a policy version and receives nothing before it takes effect, so customers can opt out first (PR-7); what a partner receives can be narrowed, never widened.',
  },
];

const STAFF_ROLES: ReadonlySet<UserRole> = new Set<UserRole>(['agent', 'admin']);

/** Support agents and administrators are staff. */
export function isStaff(me: Pick<Me, 'roles'>): boolean {
  return me.roles.some((role) => STAFF_ROLES.has(role));
}

/** Administrators also see the audit log, manage staff accounts and service partners, carry out deletions and publish policy versions. */
export function isAdmin(me: Pick<Me, 'roles'>): boolean {
  return me.roles.includes('admin');
}

/** What the selected account allows; none without an account. */
export type AccountCapabilities = Pick<AccountAccess, 'capabilities'> | undefined;

export function hasCapability(account: AccountCapabilities, capability: Capability): boolean {
  return account?.capabilities.includes(capability) ?? false;
}

/** The sections this user may open on `account`, in navigation order. */
export function visibleSections(me: Pick<Me, 'roles'>, account?: AccountCapabilities): Section[] {
  const staff = isStaff(me);
  const admin = isAdmin(me);
  return SECTIONS.filter(
    (section) =>
      (staff || !section.staff) &&
      (admin || !section.admin) &&
      (section.requires === undefined || hasCapability(account, section.requires)),
  );
}

export function canOpen(
  me: Pick<Me, 'roles'>,
  id: SectionId,
  account?: AccountCapabilities,
): boolean {
  return visibleSections(me, account).some((section) => section.id === id);
}

/**
 * The account the account sections act on: the chosen one while the user
 * still belongs to it, else the first.
 */
export function selectedAccount(
  me: Pick<Me, 'accounts'>,
  accountId?: string,
): AccountAccess | undefined {
  return me.accounts.find((a) => a.account_id === accountId) ?? me.accounts[0];
}

export function sectionById(id: SectionId): Section {
  const section = SECTIONS.find((s) => s.id === id);
  if (!section) throw new Error(`unknown section ${id}`);
  return section;
}

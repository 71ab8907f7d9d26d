// The shell's sections, and who sees which: staff sections by the user's
// roles (administrator-only ones to administrators), account sections by
// what the member role allows on the selected account (the server enforces
// the same table; hiding avoids dead ends).

import type { AccountAccess } from './generated/AccountAccess';
import type { Capability } from './generated/Capability';
import type { Me } from './generated/Me';
import type { UserRole } from './generated/UserRole';
import { t } from './i18n';

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
  /** In the current language, as are `summary` and `detail`: read when shown. */
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

/** A section whose words come from the catalogue each time they are read, so they follow the language. */
function section(fields: Omit<Section, 'label' | 'summary' | 'detail'>): Section {
  return {
    ...fields,
    get label() {
      return t(`sections.${fields.id}.label`);
    },
    get summary() {
      return t(`sections.${fields.id}.summary`);
    },
    get detail() {
      return t(`sections.${fields.id}.detail`);
    },
  };
}

export const SECTIONS: readonly Section[] = [
  section({ id: 'profile', staff: false }),
  section({ id: 'billing', staff: false, requires: 'billing_read' }),
  // About the signed-in person, not an account: no capability, every customer.
  section({ id: 'communications', staff: false }),
  section({ id: 'privacy', staff: false }),
  // About the signed-in person, not an account: no capability, every customer.
  section({ id: 'notices', staff: false }),
  section({ id: 'security', staff: false }),
  section({ id: 'team', staff: false, requires: 'team_read' }),
  section({ id: 'support', staff: false }),
  section({ id: 'customers', staff: true }),
  section({ id: 'tickets', staff: true }),
  section({ id: 'audit', staff: true, admin: true }),
  section({ id: 'staff', staff: true, admin: true }),
  section({ id: 'admin', staff: true, admin: true }),
  section({ id: 'partners', staff: true, admin: true }),
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

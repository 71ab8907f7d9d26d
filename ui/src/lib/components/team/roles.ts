// The member roles as the Team section explains them (the table in capability.rs).

import { memberRoleLabel } from '../../format';
import type { MemberRole } from '../../generated/MemberRole';
import { t } from '../../i18n';

/** A role whose words are the current language's each time they are read. */
const role = (r: MemberRole) => ({
  role: r,
  get label() {
    return memberRoleLabel(r);
  },
  get summary() {
    return t(`team.role.${r}`);
  },
});

export const ROLES: readonly { role: MemberRole; readonly label: string; readonly summary: string }[] = [
  role('owner'),
  role('billing_manager'),
  role('viewer'),
];

// The member roles as the Team section explains them (the table in capability.rs).

import type { MemberRole } from '../../generated/MemberRole';

export const ROLES: readonly { role: MemberRole; label: string; summary: string }[] = [
  { role: 'owner', label: 'Owner', summary: 'Everything, including the team.' },
  { role: 'billing_manager', label: 'Billing manager', summary: 'Billing; sees the profile; no team.' },
  { role: 'viewer', label: 'Viewer', summary: 'Sees everything, changes nothing.' },
];

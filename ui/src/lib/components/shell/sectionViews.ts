// Each section's page is fetched the first time it is opened (its code and
// styles are chunks of their own), then kept: signing in parses only the
// page shown, not all fourteen.

import { lazy, type Lazy } from '../../lazy.svelte';
import type { SectionId } from '../../sections';

export const SECTION_VIEWS = {
  profile: lazy(() => import('../ProfileSection.svelte')),
  billing: lazy(() => import('../BillingSection.svelte')),
  communications: lazy(() => import('../CommunicationsSection.svelte')),
  privacy: lazy(() => import('../PrivacySection.svelte')),
  notices: lazy(() => import('../NoticesSection.svelte')),
  security: lazy(() => import('../SecuritySection.svelte')),
  team: lazy(() => import('../TeamSection.svelte')),
  support: lazy(() => import('../SupportSection.svelte')),
  customers: lazy(() => import('../CustomersSection.svelte')),
  tickets: lazy(() => import('../TicketsSection.svelte')),
  audit: lazy(() => import('../AuditSection.svelte')),
  staff: lazy(() => import('../StaffAccountsSection.svelte')),
  admin: lazy(() => import('../DeletionsPolicySection.svelte')),
  partners: lazy(() => import('../PartnersSection.svelte')),
} satisfies Record<SectionId, Lazy<unknown>>;

/** Every section's page, loaded: for rendering the shell on the server (tests), where nothing loads later. */
export async function loadAllSections(): Promise<void> {
  await Promise.all(Object.values(SECTION_VIEWS).map((view) => view.load()));
}

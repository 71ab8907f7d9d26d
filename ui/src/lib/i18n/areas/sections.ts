// The shell's sections: navigation labels, and what each holds (also what the
// command palette matches "invoices" or "two-factor" against).

const en = {
  'profile.label': 'Profile',
  'profile.summary': 'Your name, contact details and the accounts you belong to.',
  'profile.detail': 'Review and correct what the service keeps about you.',
  'billing.label': 'Billing',
  'billing.summary': 'Plan, payment methods, invoices and licenses.',
  'billing.detail':
    'Card numbers never reach this console: only the brand, last four digits, expiry and billing address are kept.',
  'communications.label': 'Communications',
  'communications.summary': 'Which e-mails and notices you get, for each purpose and channel.',
  'communications.detail': 'Unsubscribe from all promotional mail in one step, and keep a receipt of every choice.',
  'privacy.label': 'Privacy',
  'privacy.summary': 'Sharing with service partners, cookie preferences and a copy of your data.',
  'privacy.detail':
    'See what was shared with whom, who at the company accessed your account and why, and download everything.',
  'notices.label': 'Notices',
  'notices.summary': 'Notices of changes to the privacy policy, before they take effect.',
  'notices.detail': 'Read what changes and when, acknowledge it, and opt out in place where the change allows.',
  'security.label': 'Security',
  'security.summary': 'Recent sign-in activity, sessions and devices, and two-factor sign-in.',
  'security.detail': 'Revoke a session you do not recognise.',
  'team.label': 'Team',
  'team.summary': 'People who can act on your accounts, their roles and invitations.',
  'team.detail': 'Owners decide who is an owner, a billing manager or a viewer.',
  'support.label': 'Support',
  'support.summary': 'Your support tickets and their messages.',
  'support.detail': 'Requests are authenticated, so nobody else can act in your name.',
  'customers.label': 'Customers',
  'customers.summary': 'Find a customer, verify the caller and work on their behalf.',
  'customers.detail': 'Personal data is masked by default; revealing it needs a reason, which is recorded.',
  'tickets.label': 'Tickets',
  'tickets.summary': 'Customers’ support tickets: reply, add internal notes and change their status.',
  'tickets.detail': 'Internal notes are never shown to the customer; case summaries are anonymised before they leave.',
  'audit.label': 'Audit',
  'audit.summary': 'The tamper-evident log of staff access and changes.',
  'audit.detail': 'Who looked at or changed what, when, and why.',
  'staff.label': 'Staff accounts',
  'staff.summary': 'Support agents and administrators: roles, pseudonyms and who is disabled.',
  'staff.detail': 'Customers see a staff member’s pseudonym, when one is set, instead of their name.',
  'admin.label': 'Deletions & policy',
  'admin.summary': 'Account deletions waiting to be carried out, and the privacy policy’s versions.',
  'admin.detail':
    'A deletion is carried out once its cooling-off period is over and no legal hold applies; publishing a policy version notifies every customer.',
  'partners.label': 'Partners',
  'partners.summary': 'Service partners: who receives which kinds of customers’ data, what for, and from when (PR-6).',
  'partners.detail':
    'A new partner is announced in a policy version and receives nothing before it takes effect, so customers can opt out first (PR-7); what a partner receives can be narrowed, never widened.',
};

export default en;

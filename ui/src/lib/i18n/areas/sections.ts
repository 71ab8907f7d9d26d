// The shell's sections: navigation labels, and what each holds (also what the
// command palette matches "invoices" or "two-factor" against).

import type { Translation } from '../area';

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

const de: Translation<typeof en> = {
  'profile.label': 'Profil',
  'profile.summary': 'Ihr Name, Ihre Kontaktdaten und die Konten, zu denen Sie gehören.',
  'profile.detail': 'Prüfen und berichtigen Sie, was der Dienst über Sie speichert.',
  'billing.label': 'Abrechnung',
  'billing.summary': 'Tarif, Zahlungsmethoden, Rechnungen und Lizenzen.',
  'billing.detail':
    'Kartennummern erreichen diese Konsole nie: Gespeichert werden nur Kartenmarke, die letzten vier Ziffern, Ablaufdatum und Rechnungsadresse.',
  'communications.label': 'Kommunikation',
  'communications.summary': 'Welche E-Mails und Mitteilungen Sie erhalten, für jeden Zweck und Kanal.',
  'communications.detail':
    'Melden Sie sich in einem Schritt von aller Werbepost ab, und behalten Sie einen Nachweis jeder Entscheidung.',
  'privacy.label': 'Datenschutz',
  'privacy.summary': 'Weitergabe an Dienstleistungspartner, Cookie-Einstellungen und eine Kopie Ihrer Daten.',
  'privacy.detail':
    'Sehen Sie, was an wen weitergegeben wurde, wer im Unternehmen wann und warum auf Ihr Konto zugegriffen hat, und laden Sie alles herunter.',
  'notices.label': 'Mitteilungen',
  'notices.summary': 'Mitteilungen über Änderungen der Datenschutzerklärung, bevor sie in Kraft treten.',
  'notices.detail':
    'Lesen Sie, was sich wann ändert, bestätigen Sie es, und widersprechen Sie direkt, wo die Änderung es zulässt.',
  'security.label': 'Sicherheit',
  'security.summary': 'Letzte Anmeldeaktivitäten, Sitzungen und Geräte sowie die Zwei-Faktor-Anmeldung.',
  'security.detail': 'Beenden Sie eine Sitzung, die Sie nicht wiedererkennen.',
  'team.label': 'Team',
  'team.summary': 'Personen, die in Ihren Konten handeln können, ihre Rollen und Einladungen.',
  'team.detail': 'Inhaber entscheiden, wer Inhaber, Abrechnungsverantwortlicher oder Leser ist.',
  'support.label': 'Support',
  'support.summary': 'Ihre Support-Tickets und deren Nachrichten.',
  'support.detail': 'Anfragen sind authentifiziert, sodass niemand sonst in Ihrem Namen handeln kann.',
  'customers.label': 'Kunden',
  'customers.summary': 'Einen Kunden finden, den Anrufer verifizieren und in seinem Auftrag arbeiten.',
  'customers.detail':
    'Personenbezogene Daten sind standardmäßig maskiert; sie aufzudecken erfordert einen Grund, der protokolliert wird.',
  'tickets.label': 'Tickets',
  'tickets.summary': 'Support-Tickets der Kunden: antworten, interne Notizen hinzufügen und den Status ändern.',
  'tickets.detail':
    'Interne Notizen sieht der Kunde nie; Fallzusammenfassungen werden anonymisiert, bevor sie weitergegeben werden.',
  'audit.label': 'Prüfprotokoll',
  'audit.summary': 'Das manipulationssichere Protokoll der Zugriffe und Änderungen durch Mitarbeiter.',
  'audit.detail': 'Wer was wann angesehen oder geändert hat, und warum.',
  'staff.label': 'Mitarbeiterkonten',
  'staff.summary': 'Support-Mitarbeiter und Administratoren: Rollen, Pseudonyme und wer deaktiviert ist.',
  'staff.detail': 'Kunden sehen das Pseudonym eines Mitarbeiters, sofern eines festgelegt ist, statt seines Namens.',
  'admin.label': 'Löschungen & Richtlinie',
  'admin.summary': 'Kontolöschungen, die auf ihre Ausführung warten, und die Versionen der Datenschutzerklärung.',
  'admin.detail':
    'Eine Löschung wird ausgeführt, sobald ihre Widerrufsfrist abgelaufen ist und kein Legal Hold besteht; eine veröffentlichte Richtlinienversion wird allen Kunden mitgeteilt.',
  'partners.label': 'Partner',
  'partners.summary':
    'Dienstleistungspartner: wer welche Arten von Kundendaten erhält, wofür und ab wann (PR-6).',
  'partners.detail':
    'Ein neuer Partner wird in einer Richtlinienversion angekündigt und erhält nichts, bevor sie in Kraft tritt, sodass Kunden vorher widersprechen können (PR-7); was ein Partner erhält, lässt sich einschränken, nie erweitern.',
};

export default { en, de };

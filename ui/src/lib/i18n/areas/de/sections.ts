// German for ../sections.ts, typed from its English: a missing or extra key fails
// the type check.

import type { Translation } from '../../area';
import type en from '../sections';

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

export default de;

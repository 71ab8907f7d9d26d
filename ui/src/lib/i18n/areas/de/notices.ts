// German for ../notices.ts, typed from its English: a missing or extra key fails
// the type check.

import type { Translation } from '../../area';
import type en from '../notices';

const de: Translation<typeof en> = {
  intro:
    'Wenn sich die Datenschutzerklärung ändert, informieren wir Sie hier, bevor die Änderung in Kraft tritt: was sich ändert, ab wann, und was Sie tun können. Öffnen Sie eine Mitteilung, um sie zu lesen.',
  current: 'Die geltende Datenschutzerklärung ist {version}.',
  loading: 'Ihre Mitteilungen werden geladen…',
  empty: 'Keine Mitteilungen. Wenn sich die Datenschutzerklärung ändert, finden Sie die Mitteilung hier.',
  listTitle: 'Mitteilungen, neueste zuerst',
  unread: { one: '{count} ungelesen', other: '{count} ungelesen' },
  new: 'Neu',
  inForce: 'In Kraft',
  acknowledged: 'Zur Kenntnis genommen',
  version: 'Version {version}',
  takesEffect: 'Tritt am {date} in Kraft',
  tookEffect: 'Am {date} in Kraft getreten',
  published: 'Veröffentlicht am {date}',
  acknowledgedOn: 'Am {date} zur Kenntnis genommen.',
  receiptNote:
    'Ein Einwilligungsnachweis wurde erfasst; Sie finden ihn unter Kommunikation, bei den Einwilligungsnachweisen.',
  openCommunications: 'Kommunikation öffnen',
  ackHelp: 'Die Kenntnisnahme hält mit einem Einwilligungsnachweis fest, dass Sie über diese Änderung informiert wurden.',
  recording: 'Wird erfasst…',
  readIt: 'Ich habe dies gelesen',
  'optOut.title': 'Jetzt widersprechen',
  'optOut.intro':
    'Sie müssen nicht auf die Änderung warten: Widersprechen Sie hier. Jede Option sagt Ihnen zuerst, was sie beendet.',
  'optOut.checking': 'Es wird geprüft, was dies beendet…',
  'optOut.keep': 'So lassen, wie es ist',
  'optOut.stop_partner_sharing': 'Weitergabe an Dienstleistungspartner beenden',
  'optOut.unsubscribe_promotional': 'Werbliche Mitteilungen abbestellen',
  'optOut.refuse_optional_cookies': 'Optionale Cookies ablehnen',
  'review.profile': 'Ihr Profil prüfen',
  'review.billing': 'Ihre Abrechnungsdaten prüfen',
  'review.communications': 'Ihre Kommunikationseinstellungen prüfen',
  'review.privacy': 'Ihre Datenschutzeinstellungen prüfen',
  'review.security': 'Ihre Sicherheitseinstellungen prüfen',
  'review.team': 'Ihr Team prüfen',
  'blocked.noAccount': 'Die Weitergabe wird je Konto festgelegt, und Sie gehören zu keinem Konto.',
  'blocked.notOwner':
    'Nur ein Inhaber von {account} kann die Weitergabe an Dienstleistungspartner beenden. Fragen Sie einen Inhaber, oder wählen Sie ein Konto, dessen Inhaber Sie sind.',
  'blocked.role': 'Ihre Rolle in {account} umfasst {section} nicht. Bitten Sie einen Kontoinhaber, dies zu prüfen.',
  'blocked.needsAccount': '{section} gehört zu einem Konto, und Sie gehören zu keinem Konto.',
  'promotional.newsletters': 'Unsere Newsletter, gelegentliche E-Mails und Ideen für künftige Produkte.',
  'promotional.product_testing': 'Einladungen, neue Funktionen früh auszuprobieren und uns Ihre Meinung zu sagen.',
  'promotional.title': 'Alle werblichen Mitteilungen abbestellen?',
  'promotional.intro': 'Ab Ihrer Bestätigung erhalten Sie auf keinem Kanal mehr:',
  'promotional.after': 'Service- und Kontohinweise wie Rechnungen und Sicherheitswarnungen sind nicht betroffen.',
  'promotional.confirm': 'Abbestellen',
  'promotional.done':
    'Sie haben alle werblichen Mitteilungen abbestellt. Sie können dies unter Kommunikation ändern.',
  'cookies.title': 'Optionale Cookies auf unseren Websites ablehnen?',
  'cookies.intro': 'Nur notwendige Cookies (Anmeldung und Sicherheit) bleiben aktiv. Das schränkt ein:',
  'cookies.after': 'Dies ist Ihre persönliche Entscheidung: Sie gilt, in welchem Konto Sie auch arbeiten.',
  'cookies.confirm': 'Cookies ablehnen',
  'cookies.done':
    'Optionale Cookies sind abgelehnt: Unsere Websites verwenden nur notwendige Cookies. Sie können dies unter Datenschutz ändern.',
  'cookies.already': 'Sie hatten optionale Cookies bereits abgelehnt. Nichts wurde geändert.',
  'sharing.title': 'Weitergabe der personenbezogenen Daten von {account} an alle Dienstleistungspartner beenden?',
  'sharing.intro':
    'Ab Ihrer Bestätigung geht nichts mehr an Partner, auch nicht an die, die der Dienst benötigt. Das schränkt ein:',
  'sharing.after':
    'Was zuvor gesendet wurde, bleibt im Weitergabeprotokoll unter Datenschutz aufgeführt, wo Sie die Weitergabe wieder einschalten können.',
  'sharing.confirm': 'Weitergabe beenden',
  'sharing.done':
    'Weitergabe beendet: Keine personenbezogenen Daten von {account} gehen mehr an Dienstleistungspartner. Sie können dies unter Datenschutz ändern.',
  'sharing.already': '{account} gibt bereits nichts an Dienstleistungspartner weiter. Nichts wurde geändert.',
  keptChanging:
    'Ihre Entscheidung wurde während des Speicherns immer wieder anderswo geändert, daher wurde hier nichts geändert.',
  keptChangingAdvice: 'Prüfen Sie sie unter Datenschutz und versuchen Sie es dann erneut.',
};

export default de;

// The Notices section (PR-7): notices of privacy-policy changes, acknowledging
// them, and opting out in place where a change allows.

import type { Translation } from '../area';

const en = {
  intro:
    'When the privacy policy changes, we tell you here before the change takes effect: what changes, from when, and what you can do about it. Open a notice to read it.',
  current: 'The privacy policy in force is {version}.',
  loading: 'Loading your notices…',
  empty: 'No notices. When the privacy policy changes, you will find the notice here.',
  listTitle: 'Notices, newest first',
  /** The navigation badge's accessible words: "2 unread". */
  unread: { one: '{count} unread', other: '{count} unread' },
  new: 'New',
  inForce: 'In force',
  acknowledged: 'Acknowledged',
  version: 'Version {version}',
  takesEffect: 'Takes effect on {date}',
  tookEffect: 'Took effect on {date}',
  published: 'Published on {date}',
  acknowledgedOn: 'Acknowledged on {date}.',
  receiptNote: 'A consent receipt was recorded; you will find it under Communications, in Consent receipts.',
  openCommunications: 'Open Communications',
  ackHelp: 'Acknowledging records, with a consent receipt, that you were told of this change.',
  recording: 'Recording…',
  readIt: 'I have read this',
  'optOut.title': 'Opt out now',
  'optOut.intro': 'You do not have to wait for the change: opt out here. Each option first tells you what it stops.',
  'optOut.checking': 'Checking what this stops…',
  'optOut.keep': 'Keep it as it is',
  'optOut.stop_partner_sharing': 'Stop sharing with service partners',
  'optOut.unsubscribe_promotional': 'Unsubscribe from promotional communications',
  'optOut.refuse_optional_cookies': 'Refuse optional cookies',
  'review.profile': 'Review your profile',
  'review.billing': 'Review your billing details',
  'review.communications': 'Review your communication choices',
  'review.privacy': 'Review your privacy choices',
  'review.security': 'Review your security settings',
  'review.team': 'Review your team',
  'blocked.noAccount': 'Sharing is chosen per account, and you are not a member of any account.',
  'blocked.notOwner':
    'Only an owner of {account} can stop its sharing with service partners. Ask an owner, or choose an account you own.',
  'blocked.role': 'Your role on {account} does not include {section}. Ask an account owner to review it.',
  'blocked.needsAccount': '{section} belongs to an account, and you are not a member of any account.',
  'promotional.newsletters': 'Our newsletters, occasional e-mails and ideas for future products.',
  'promotional.product_testing': 'Invitations to try new features early and tell us what you think.',
  'promotional.title': 'Unsubscribe from all promotional communications?',
  'promotional.intro': 'From the moment you confirm, on every channel, you no longer get:',
  'promotional.after': 'Service and account notices, such as invoices and security alerts, are not affected.',
  'promotional.confirm': 'Unsubscribe',
  'promotional.done':
    'You are unsubscribed from all promotional communications. You can change this under Communications.',
  'cookies.title': 'Refuse optional cookies on our websites?',
  'cookies.intro': 'Only necessary cookies (sign-in and security) stay on. This curtails:',
  'cookies.after': 'This is your own choice: it applies whichever account you work on.',
  'cookies.confirm': 'Refuse cookies',
  'cookies.done':
    'Optional cookies are refused: our websites use only necessary cookies. You can change this under Privacy.',
  'cookies.already': 'You had already refused optional cookies. Nothing changed.',
  'sharing.title': 'Stop sharing {account}’s personal information with every service partner?',
  'sharing.intro':
    'From the moment you confirm, nothing more goes to any partner, including those the service needs. This curtails:',
  'sharing.after':
    'What was sent before stays listed in the sharing ledger under Privacy, where you can turn sharing on again.',
  'sharing.confirm': 'Stop sharing',
  'sharing.done':
    'Sharing stopped: nothing more of {account}’s personal information goes to service partners. You can change this under Privacy.',
  'sharing.already': '{account} already shares nothing with service partners. Nothing changed.',
  keptChanging: 'Your choice kept changing elsewhere while we saved it, so nothing was changed here.',
  keptChangingAdvice: 'Check it under Privacy, then try again.',
};

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

export default { en, de };

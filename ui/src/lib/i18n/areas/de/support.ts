// German for ../support.ts, typed from its English: a missing or extra key fails
// the type check.

import type { Translation } from '../../area';
import type en from '../support';

const de: Translation<typeof en> = {
  switchLocked:
    'Sie haben eine Anfrage oder Antwort, die Sie nicht gesendet haben: Senden Sie sie oder brechen Sie sie ab, bevor Sie das Konto wechseln.',
  introAccount: 'Bitten Sie den Support um Hilfe zu {name}, und verfolgen Sie die Antworten hier.',
  introNoAccount: 'Bitten Sie den Support um Hilfe zu einem Konto, und verfolgen Sie die Antworten hier.',
  introDetail:
    'Anfragen werden mit Ihrer eigenen Anmeldung gesendet, sodass niemand sonst in Ihrem Namen fragen kann, und jede Nachricht wird bei ihrer Anfrage aufbewahrt. Am Telefon bestätigt der Support Ihre Identität mit Ihrer Support-PIN (festzulegen unter Sicherheit) oder einem Code, den wir Ihnen per E-Mail senden.',
  noneTitle: 'Support-Anfragen',
  noneRole: 'Ihre Rolle in {name} umfasst keine Anfragen an den Support dazu. Fragen Sie einen Kontoinhaber.',
  noneAccount: 'Support-Anfragen beziehen sich auf ein Konto, und Sie gehören zu keinem Konto.',
  'new.title': 'Neue Anfrage',
  'new.intro':
    'Zu {name}. Der Support antwortet hier, und Sie können antworten, um das Gespräch fortzusetzen. Schreiben Sie nie ein Passwort oder eine Kartennummer.',
  'new.subject': 'Betreff',
  'new.subjectHint': 'Eine Zeile, höchstens {max} Zeichen.',
  'new.message': 'Nachricht',
  'new.send': 'Anfrage senden',
  'view.fallbackTitle': 'Anfrage',
  'view.all': 'Alle Anfragen',
  'view.loading': 'Das Gespräch wird geladen…',
  'view.opened': 'Eröffnet von {name} am {date}',
  'view.conversation': 'Gespräch, älteste Nachricht zuerst',
  'view.support': 'Support',
  'view.reply': 'Ihre Antwort',
  'view.sendReply': 'Antwort senden',
  'list.title': 'Ihre Anfragen',
  'list.loading': 'Ihre Anfragen werden geladen…',
  'list.caption': 'Support-Anfragen, zuletzt aktualisierte zuerst',
  'list.number': 'Nummer',
  'list.subject': 'Betreff',
  'list.status': 'Status',
  'list.updated': 'Aktualisiert',
  'list.actions': 'Aktionen',
  fieldsMessage: 'Nicht gesendet: Korrigieren Sie die unten markierten Felder.',
  empty: 'Sie haben den Support zu diesem Konto noch nichts gefragt.',
  closed: 'Diese Anfrage ist geschlossen. Wenn Sie weitere Hilfe brauchen, stellen Sie eine neue Anfrage.',
  'status.open': 'Offen',
  'status.pending': 'Wartet auf Ihre Antwort',
  'status.closed': 'Geschlossen',
  sent: 'Anfrage {number} gesendet. Der Support antwortet hier.',
  replied: 'Antwort auf Anfrage {number} gesendet.',
  'rule.subjectMissing': 'Geben Sie der Anfrage einen Betreff.',
  'rule.tooLong': 'Höchstens {max} Zeichen.',
  'rule.subjectControl': 'Zeilenumbrüche und Tabulatoren sind im Betreff nicht erlaubt.',
  'rule.bodyMissing': 'Schreiben Sie eine Nachricht.',
  'rule.bodyControl': 'Von den Steuerzeichen sind nur Zeilenumbrüche und Tabulatoren erlaubt.',
  'rule.length': '{count} von {max} Zeichen',
  'rule.pinFormat': 'Verwenden Sie {min} bis {max} Ziffern.',
  'rule.pinGuessable': 'Wählen Sie Ziffern, die nicht alle gleich sind und keine Folge bilden.',
  'rule.hours': 'Wählen Sie eine ganze Zahl von Stunden zwischen {min} und {max}.',
};

export default de;

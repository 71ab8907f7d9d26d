// German for ../start.ts, typed from its English: a missing or extra key fails
// the type check.

import type { Translation } from '../../area';
import type en from '../start';

const de: Translation<typeof en> = {
  tagline: 'Ihr Konto, Ihre Daten, Ihre Entscheidungen.',
  'demo.title': 'Demo ausprobieren',
  'demo.detail':
    'Startet einen Demo-Server auf diesem Computer, gefüllt mit Beispieldaten. Nichts verlässt diesen Computer, und nichts, was Sie dort tun, berührt ein echtes Konto.',
  'demo.customer': 'Als Kunde erkunden',
  'demo.agent': 'Als Support-Mitarbeiter erkunden',
  'demo.admin': 'Als Administrator erkunden',
  'connect.title': 'Mit einem Server verbinden',
  'connect.detail': 'Melden Sie sich beim Kontoserver Ihres Anbieters an. Die Anmeldung erfolgt in Ihrem Browser.',
  'connect.address': 'Serveradresse',
  'connect.looksRight': 'Sieht richtig aus. Sie melden sich in Ihrem Browser an.',
  'connect.submit': 'Verbinden',
  'saved.title': 'Gespeicherte Verbindungen',
  'saved.empty':
    'Noch keine gespeicherten Verbindungen. Wenn Sie sich bei einem Server anmelden, wird er hier gespeichert, damit Sie ohne erneute Eingabe der Adresse zurückkehren können.',
  'saved.demoServer': 'Demo-Server',
  'saved.theDemoServer': 'dem Demo-Server',
  'saved.lastUsed': 'Zuletzt verwendet: {when}',
  'saved.resume': 'Fortsetzen',
  'saved.resumeLabel': 'Als {email} auf {where} fortsetzen',
  'saved.forget': 'Vergessen',
  'saved.forgetLabel': '{email} auf {where} vergessen',
  footnote: 'Steward speichert Ihre Anmeldung im Schlüsselbund dieses Computers und nirgendwo sonst.',
  'url.rule':
    'Verwenden Sie eine https://-Adresse. Unverschlüsseltes http:// ist nur für diesen Computer erlaubt (localhost, 127.0.0.1 oder [::1]).',
  'url.scheme': 'Beginnen Sie die Adresse mit https://',
  'url.invalid': 'Dies ist keine gültige Webadresse.',
  'url.httpsOnly': 'Nur https://-Adressen werden unterstützt.',
  'url.host': 'Ergänzen Sie den Servernamen nach dem Schema.',
  'url.plainHttp': 'Unverschlüsseltes http:// ist nur für diesen Computer erlaubt. Verwenden Sie https:// für diesen Server.',
  'url.credentials': 'Lassen Sie Benutzername und Passwort weg: Sie melden sich in Ihrem Browser an.',
  'url.query': 'Verwenden Sie nur die Serveradresse, ohne ? oder #.',
  'busy.startup': 'Gespeicherte Sitzung wird gesucht…',
  'busy.demo': 'Demo-Server wird gestartet und Sie werden angemeldet…',
  'busy.connect': 'Warten auf Ihre Anmeldung im Browser…',
  'busy.resume': 'Anmeldung bei {host}…',
  'busy.forget': 'Verbindung wird vergessen…',
  'busy.refresh': 'Wird aktualisiert…',
  'busy.signOut': 'Abmeldung…',
  'busy.openConsole': 'Die Konsole wird geöffnet…',
  'error.fallback': 'Etwas Unerwartetes ist schiefgegangen.',
  'error.notInApp': 'Das Steward-Fenster ist nicht mit der Desktop-App verbunden.',
  'error.notInAppAdvice': 'Öffnen Sie Steward über die Desktop-App statt in einem Webbrowser.',
  'error.consoleLoad': 'Sie sind angemeldet, aber die Konsole ließ sich nicht öffnen.',
  'error.consoleLoadAdvice': 'Versuchen Sie es erneut. Wenn es weiter fehlschlägt, melden Sie sich ab und starten Sie Steward neu.',
};

export default de;

// German for ../about.ts, typed from its English: a missing or extra key fails
// the type check.

import type { Translation } from '../../area';
import type en from '../about';

const de: Translation<typeof en> = {
  open: 'Über Steward',
  button: 'Über',
  paletteSummary: 'Version, Protokolldateien und Diagnose für den Support',
  title: 'Über Steward',
  version: 'Version {version}',
  tagline: 'Ihr Konto, Ihre Rechnungen und Ihre Datenschutzeinstellungen an einem Ort.',
  tauri: 'Tauri',
  webview: 'Web-Ansicht',
  system: 'System',
  logs: 'Protokolldateien',
  unknown: 'unbekannt',
  'diagnostics.title': 'Diagnose für den Support',
  'diagnostics.hint':
    'Versionen, die Verbindung und die letzten Fehler. Sie enthält keinen Namen, keine E-Mail-Adresse und kein Passwort; lesen Sie sie, bevor Sie sie senden.',
  'diagnostics.copy': 'Diagnose kopieren',
  'diagnostics.copied': 'Kopiert. Fügen Sie sie in Ihre Support-Anfrage ein.',
  'diagnostics.copyFailed':
    'Dieses Fenster kann die Zwischenablage nicht verwenden. Markieren Sie den Text oben und kopieren Sie ihn.',
  'diagnostics.loading': 'Diagnose wird erstellt…',
};

export default de;

// The about box and "Copy diagnostics" (issue 9).

import type { Translation } from '../area';

const en = {
  open: 'About Steward',
  button: 'About',
  paletteSummary: 'Version, log files and diagnostics for support',
  title: 'About Steward',
  version: 'Version {version}',
  tagline: 'Your account, billing and privacy choices in one place.',
  tauri: 'Tauri',
  webview: 'Web view',
  system: 'System',
  logs: 'Log files',
  unknown: 'unknown',
  'diagnostics.title': 'Diagnostics for support',
  'diagnostics.hint':
    'Versions, the connection and recent errors. It holds no name, e-mail address or password; read it before you send it.',
  'diagnostics.copy': 'Copy diagnostics',
  'diagnostics.copied': 'Copied. Paste it into your support request.',
  'diagnostics.copyFailed': 'This window cannot use the clipboard. Select the text above and copy it.',
  'diagnostics.loading': 'Collecting diagnostics…',
};

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

export default { en, de };

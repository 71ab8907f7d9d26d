// The about box and "Copy diagnostics" (issue 9).

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

export default en;

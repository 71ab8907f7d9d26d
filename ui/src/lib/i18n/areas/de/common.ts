// German for ../common.ts, typed from its English: a missing or extra key fails
// the type check.

import type { Translation } from '../../area';
import type en from '../common';

const de: Translation<typeof en> = {
  'languageName.en': 'Englisch',
  'languageName.de': 'Deutsch',
  cancel: 'Abbrechen',
  cancelledNothingSaved: 'Abgebrochen. Es wurde nichts gespeichert.',
  close: 'Schließen',
  tryAgain: 'Erneut versuchen',
  dismiss: 'Ausblenden',
  on: 'An',
  off: 'Aus',
  account: 'Konto',
  saving: 'Wird gespeichert…',
  remove: 'Entfernen',
  empty: '(leer)',
  refresh: 'Aktualisieren',
  loading: 'Wird geladen…',
  confirm: 'Bestätigen',
  loadMore: 'Mehr laden',
  checkAgain: 'Erneut prüfen',
  view: 'Ansehen',
  save: 'Speichern',
  edit: 'Bearbeiten',
  copy: 'Kopieren',
  sending: 'Wird gesendet…',
  savedTo: 'Gespeichert unter {path}',
  'email.missing': 'Geben Sie eine E-Mail-Adresse ein.',
  'email.invalid': 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
};

export default de;

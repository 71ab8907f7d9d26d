// Words many areas share: buttons, states, the languages themselves.
// An area file is English (the source, exactly as the console shows it) and
// German typed from it: `Translation<typeof en>` rejects a missing or extra key.

import type { Translation } from '../area';

const en = {
  /** The language's name for itself, for the language switch and palette. */
  thisLanguage: 'English',
  'languageName.en': 'English',
  'languageName.de': 'German',
  cancel: 'Cancel',
  cancelledNothingSaved: 'Cancelled. Nothing was saved.',
  close: 'Close',
  tryAgain: 'Try again',
  dismiss: 'Dismiss',
  on: 'On',
  off: 'Off',
  account: 'Account',
  saving: 'Saving…',
  remove: 'Remove',
  /** Shown for a value left blank. */
  empty: '(empty)',
  refresh: 'Refresh',
  loading: 'Loading…',
  confirm: 'Confirm',
  loadMore: 'Load more',
  checkAgain: 'Check again',
  view: 'View',
  save: 'Save',
  edit: 'Edit',
  copy: 'Copy',
  sending: 'Sending…',
  savedTo: 'Saved to {path}',
  'email.missing': 'Enter an e-mail address.',
  'email.invalid': 'Enter an e-mail address like name@example.com.',
};

const de: Translation<typeof en> = {
  thisLanguage: 'Deutsch',
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

export default { en, de };

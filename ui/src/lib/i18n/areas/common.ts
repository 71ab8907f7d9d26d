// Words many areas share: buttons, states, the languages themselves.
// An area file is English, the source, exactly as the console shows it; its
// German, in de/, is typed from it: `Translation<typeof en>` rejects a
// missing or extra key.

const en = {
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

export default en;

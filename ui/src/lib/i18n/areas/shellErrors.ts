// What the desktop shell itself writes into an error (steward-client's
// errors and advice, the messages src-tauri builds), keyed by what it is
// about. The shell writes English only; ../errors.ts recognises its text by
// these templates, `{name}` standing for a value the shell inserts (a path,
// an address, the system's own words), and shows the German with the same
// values. A Rust text with optional parts has one template per shape.
// ../shellErrors.test.ts fails when the Rust code says something not here.

const en = {
  // steward-client: ClientError and KeyringError (crates/steward-client/src/error.rs)
  'message.keyringLocked': 'The system keyring is locked',
  'message.keyringUnavailable': 'No system keyring is available ({detail})',
  'message.keyringFailed': 'The system keyring failed: {detail}',
  'message.unreachable': "Can't reach the Steward server at {url}",
  'message.unexpectedStatus': 'The server answered with an unexpected HTTP {status}',
  'message.invalidResponse': "The server's answer could not be understood: {reason}",
  'message.signInTimedOut': 'Sign-in did not finish within {seconds} seconds',
  'message.stateMismatch': 'The sign-in answer did not belong to this sign-in attempt',
  'message.signInFailed': 'Sign-in failed: {error}',
  'message.signInFailedDescribed': 'Sign-in failed: {error} ({description})',
  'message.signInRefused': 'Sign-in was refused (HTTP {status})',
  'message.signInRefusedSaying': 'Sign-in was refused (HTTP {status}): {message}',
  'message.browserOpen': "Couldn't open the browser: {reason}",
  'message.loopback': "Couldn't listen for the sign-in redirect: {reason}",
  'message.sessionExpired': 'Your session ended',
  'message.notSignedIn': 'You are not signed in',
  'message.invalidServerUrl': 'Invalid server address: {reason}',
  'message.wrongUser': 'You signed in as a different user',
  'message.localFile': 'Could not write {path}: {source}',

  'advice.keyringLocked':
    'Unlock your keyring (e.g. log in to your desktop session or open Passwords and Keys), then try again.',
  'advice.keyringUnavailable':
    'Steward keeps your sign-in in the system keyring. Install and start a Secret Service such as gnome-keyring or KWallet, then try again.',
  'advice.rateLimited': 'Too many attempts. Wait a moment, then try again.',
  'advice.serverUnavailable': 'The server is busy or under maintenance. Try again later.',
  'advice.serverInternal':
    'Something went wrong on the server. If it keeps happening, contact support with the request id.',
  'advice.signInAgain': 'Sign in again.',
  'advice.forbidden': 'Your account is not allowed to do this. Ask an account owner or an administrator.',
  'advice.changedMeanwhile': 'Someone else changed this in the meantime. Reload and try again.',
  'advice.stepUp': 'For your security, sign in again to make this change.',
  'advice.validation': 'Correct the highlighted fields, then save again.',
  'advice.staffTwoFactor': 'Turn on two-factor sign-in in Security, then sign in again.',
  'advice.approvalRequired':
    "Ask the customer to grant support access from Privacy, Staff access in their console.",
  'advice.callerNotVerified':
    "Verify the caller with their support PIN or an e-mail code, or name the customer's own ticket.",
  'advice.unreachable': 'Check your network connection and the server address, then try again.',
  'advice.notSteward': 'Check that the address points to a Steward server. If it does, try again later.',
  'advice.signInTimedOut': 'Start the sign-in again and complete it in the browser window that opens.',
  'advice.stateMismatch': 'Start the sign-in again, and use only the browser tab it opens.',
  'advice.startSignInAgain': 'Start the sign-in again.',
  'advice.signInRefused': 'Check the username and password, then try again.',
  'advice.browserOpen': 'Set a default web browser for your desktop, then try again.',
  'advice.loopback':
    'Steward needs to listen on 127.0.0.1 for the sign-in redirect. Check local firewall rules.',
  'advice.wrongUser': 'Sign in again with the account you are using in the console.',
  'advice.localFile':
    'Check that the folder exists, that you can write to it and that the disk has room, then try again.',
  'advice.invalidServerUrl':
    'Enter the server address as https://host[:port]. Plain http:// is only allowed for this computer (localhost, 127.0.0.1, ::1).',

  // The desktop shell (src-tauri/src): billing.rs
  'message.saveDownload': 'Could not save the {what}: {error}',
  'message.saveInvoice': 'Could not save the invoice: {error}',
  'advice.saveDownload': 'Check that your Downloads folder exists and is writable, then try again.',
  'message.cardPageAddress': 'The server sent an unusable card page address.',
  'advice.cardPageAddress': 'Try again; if it keeps happening, contact support.',
  'message.cardPageBrowser': 'Could not open your web browser for the card page.',
  'advice.cardPageBrowser': 'Set a default web browser in your system settings, then choose Add a card again.',
  // comms.rs
  'message.httpsLinksOnly': 'Only https links can be opened.',
  'message.linkBrowser': 'Could not open your web browser.',
  'advice.linkBrowser': 'Set a default web browser in your system settings, then try again.',
  // console.rs
  'message.connectionGone': 'That saved connection no longer exists.',
  'advice.connectionGone': 'Connect to the server again.',
  'message.signInCancelled': 'Sign-in cancelled.',
  'message.credentialGone': "Your saved sign-in to {place} is no longer in this computer's keyring.",
  'message.credentialGoneDemo': "Your saved sign-in to the demo server is no longer in this computer's keyring.",
  'advice.credentialGone': 'Sign in again. Nothing in your account has changed.',
  'message.connectionsNotUpdated': 'Could not update the saved connections: {error}',
  'message.connectionNotSaved': 'Could not save the connection: {error}',
  'message.demoNotStarted': 'The demo server could not start.',
  'advice.demoNotStarted': "Check that the app's data folder is writable, then try again.",
  // operations.rs
  'message.operationCancelled': 'Cancelled. Nothing was saved.',
  // privacy.rs
  'message.exportNotSaved': 'Could not save the export as {path}: {error}',
  'advice.exportNotSaved': 'Check that you can write to that folder, then save again.',
  'message.saveDialog': 'The save dialog failed: {error}',
  'message.locationUnusable': 'That location cannot be used: {error}',
  'advice.locationUnusable': 'Choose a folder on this computer.',
};

export default en;

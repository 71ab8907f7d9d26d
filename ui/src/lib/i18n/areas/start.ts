// Before sign-in: the start screen, connecting to a server, saved
// connections, and what the app says while it signs in or out.

const en = {
  tagline: 'Your account, your data, your choices.',
  'demo.title': 'Try the demo',
  'demo.detail':
    'Runs a demo server on this computer, filled with sample data. Nothing leaves this computer, and nothing you do there touches a real account.',
  'demo.customer': 'Explore as a customer',
  'demo.agent': 'Explore as a support agent',
  'demo.admin': 'Explore as an administrator',
  'connect.title': 'Connect to a server',
  'connect.detail': "Sign in to your provider's account server. Sign-in happens in your browser.",
  'connect.address': 'Server address',
  'connect.looksRight': 'Looks right. You will sign in in your browser.',
  'connect.submit': 'Connect',
  'saved.title': 'Saved connections',
  'saved.empty':
    'No saved connections yet. When you sign in to a server, it is remembered here so you can come back without typing its address.',
  'saved.demoServer': 'Demo server',
  /** In "Resume as … on the demo server". */
  'saved.theDemoServer': 'the demo server',
  'saved.lastUsed': 'Last used {when}',
  'saved.resume': 'Resume',
  'saved.resumeLabel': 'Resume as {email} on {where}',
  'saved.forget': 'Forget',
  'saved.forgetLabel': 'Forget {email} on {where}',
  footnote: "Steward keeps your sign-in in this computer's keyring and nowhere else.",
  'url.rule': 'Use an https:// address. Plain http:// is allowed only for this computer (localhost, 127.0.0.1 or [::1]).',
  'url.scheme': 'Start the address with https://',
  'url.invalid': 'This is not a valid web address.',
  'url.httpsOnly': 'Only https:// addresses are supported.',
  'url.host': 'Add the server name after the scheme.',
  'url.plainHttp': 'Plain http:// is only allowed for this computer. Use https:// for this server.',
  'url.credentials': 'Leave out the user name and password: you sign in in your browser.',
  'url.query': 'Use the server address only, without ? or #.',
  'busy.startup': 'Checking for a saved session…',
  'busy.demo': 'Starting the demo server and signing in…',
  'busy.connect': 'Waiting for you to sign in in your browser…',
  'busy.resume': 'Signing in to {host}…',
  'busy.forget': 'Forgetting the connection…',
  'busy.refresh': 'Refreshing…',
  'busy.signOut': 'Signing out…',
  /** Signed in, while the console's code loads. */
  'busy.openConsole': 'Opening the console…',
  'error.fallback': 'Something unexpected went wrong.',
  'error.notInApp': 'The Steward window is not connected to the desktop app.',
  'error.notInAppAdvice': 'Open Steward from the desktop app rather than in a web browser.',
  'error.consoleLoad': 'Signed in, but the console could not be opened.',
  'error.consoleLoadAdvice': 'Try again. If it keeps failing, sign out and restart Steward.',
};

export default en;

// What the console's own errors say, by code (see errors.ts beside areas/).
// English is the desktop shell's text (steward-client), which English shows
// as it comes, details included; other languages show these.

const en = {
  'keyring_locked.message': 'The system keyring is locked',
  'keyring_locked.advice':
    'Unlock your keyring (e.g. log in to your desktop session or open Passwords and Keys), then try again.',
  'keyring_unavailable.message': 'No system keyring is available',
  'keyring_unavailable.advice':
    'Steward keeps your sign-in in the system keyring. Install and start a Secret Service such as gnome-keyring or KWallet, then try again.',
  'session_expired.message': 'Your session ended',
  'session_expired.advice': 'Sign in again.',
  'server_unreachable.message': "Can't reach the Steward server",
  'server_unreachable.advice': 'Check your network connection and the server address, then try again.',
  'sign_in_cancelled.message': 'Sign-in cancelled.',
  'operation_cancelled.message': 'Cancelled. Nothing was saved.',
  'step_up_required.message': 'This change needs a recent sign-in',
  'step_up_required.advice': 'For your security, sign in again to make this change.',
  'forbidden.message': 'You are not allowed to do this',
  'forbidden.advice': 'Your account is not allowed to do this. Ask an account owner or an administrator.',
  'staff_two_factor_required.message': 'Staff must sign in with two-factor',
  'staff_two_factor_required.advice': 'Turn on two-factor sign-in in Security, then sign in again.',
  'approval_required.message': 'The customer has not granted support access',
  'approval_required.advice':
    "Ask the customer to grant support access from Privacy, Staff access in their console.",
  'caller_not_verified.message': 'The caller is not verified',
  'caller_not_verified.advice':
    "Verify the caller with their support PIN or an e-mail code, or name the customer's own ticket.",
};

export default en;

// What the console's own errors say, by code (see errors.ts beside areas/).
// English is the desktop shell's text (steward-client), which English shows
// as it comes, details included; other languages show these.

import type { Translation } from '../area';

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

const de: Translation<typeof en> = {
  'keyring_locked.message': 'Der Schlüsselbund des Systems ist gesperrt',
  'keyring_locked.advice':
    'Entsperren Sie Ihren Schlüsselbund (z. B. durch Anmelden an der Desktop-Sitzung oder in „Passwörter und Verschlüsselung“) und versuchen Sie es erneut.',
  'keyring_unavailable.message': 'Kein Schlüsselbund des Systems verfügbar',
  'keyring_unavailable.advice':
    'Steward bewahrt Ihre Anmeldung im Schlüsselbund des Systems auf. Installieren und starten Sie einen Secret Service wie gnome-keyring oder KWallet und versuchen Sie es erneut.',
  'session_expired.message': 'Ihre Sitzung ist beendet',
  'session_expired.advice': 'Melden Sie sich erneut an.',
  'server_unreachable.message': 'Steward erreicht den Server nicht',
  'server_unreachable.advice': 'Prüfen Sie die Netzwerkverbindung und die Serveradresse und versuchen Sie es erneut.',
  'sign_in_cancelled.message': 'Anmeldung abgebrochen.',
  'operation_cancelled.message': 'Abgebrochen. Es wurde nichts gespeichert.',
  'step_up_required.message': 'Diese Änderung erfordert eine frische Anmeldung',
  'step_up_required.advice': 'Melden Sie sich zu Ihrer Sicherheit erneut an, um diese Änderung vorzunehmen.',
  'forbidden.message': 'Das dürfen Sie nicht',
  'forbidden.advice':
    'Ihr Konto darf das nicht. Wenden Sie sich an eine Kontoinhaberin, einen Kontoinhaber oder die Administration.',
  'staff_two_factor_required.message': 'Mitarbeitende müssen sich mit zwei Faktoren anmelden',
  'staff_two_factor_required.advice':
    'Schalten Sie unter Sicherheit die Anmeldung mit zwei Faktoren ein und melden Sie sich erneut an.',
  'approval_required.message': 'Die Kundin oder der Kunde hat keinen Support-Zugriff erlaubt',
  'approval_required.advice':
    'Bitten Sie die Kundin oder den Kunden, den Support-Zugriff unter Datenschutz, Zugriff durch Mitarbeitende in der eigenen Konsole zu erlauben.',
  'caller_not_verified.message': 'Die anrufende Person ist nicht bestätigt',
  'caller_not_verified.advice':
    'Bestätigen Sie die anrufende Person mit ihrer Support-PIN oder einem E-Mail-Code, oder nennen Sie ein eigenes Ticket der Kundin oder des Kunden.',
};

export default { en, de };

// German for ../errors.ts, typed from its English: a missing or extra key fails
// the type check.

import type { Translation } from '../../area';
import type en from '../errors';

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

export default de;

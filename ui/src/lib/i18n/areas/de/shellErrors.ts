// German for ../shellErrors.ts, typed from its English: a missing or extra key
// fails the type check. Values (paths, addresses, the system's own words)
// stay as the shell inserted them.

import type { Translation } from '../../area';
import type en from '../shellErrors';

const de: Translation<typeof en> = {
  'message.keyringLocked': 'Der Schlüsselbund des Systems ist gesperrt',
  'message.keyringUnavailable': 'Kein Schlüsselbund des Systems verfügbar ({detail})',
  'message.keyringFailed': 'Der Schlüsselbund des Systems hat einen Fehler gemeldet: {detail}',
  'message.unreachable': 'Steward erreicht den Server unter {url} nicht',
  'message.unexpectedStatus': 'Der Server hat mit einem unerwarteten HTTP-Status geantwortet: {status}',
  'message.invalidResponse': 'Die Antwort des Servers ist unverständlich: {reason}',
  'message.signInTimedOut': 'Die Anmeldung wurde nicht innerhalb von {seconds} Sekunden abgeschlossen',
  'message.stateMismatch': 'Die Antwort gehört nicht zu diesem Anmeldeversuch',
  'message.signInFailed': 'Anmeldung fehlgeschlagen: {error}',
  'message.signInFailedDescribed': 'Anmeldung fehlgeschlagen: {error} ({description})',
  'message.signInRefused': 'Die Anmeldung wurde abgelehnt (HTTP {status})',
  'message.signInRefusedSaying': 'Die Anmeldung wurde abgelehnt (HTTP {status}): {message}',
  'message.browserOpen': 'Der Browser konnte nicht geöffnet werden: {reason}',
  'message.loopback': 'Steward kann nicht auf die Weiterleitung der Anmeldung warten: {reason}',
  'message.sessionExpired': 'Ihre Sitzung ist beendet',
  'message.notSignedIn': 'Sie sind nicht angemeldet',
  'message.invalidServerUrl': 'Ungültige Serveradresse: {reason}',
  'message.wrongUser': 'Sie haben sich mit einem anderen Konto angemeldet',
  'message.localFile': '{path} konnte nicht geschrieben werden: {source}',

  'advice.keyringLocked':
    'Entsperren Sie Ihren Schlüsselbund (z. B. durch Anmelden an der Desktop-Sitzung oder in „Passwörter und Verschlüsselung“) und versuchen Sie es erneut.',
  'advice.keyringUnavailable':
    'Steward bewahrt Ihre Anmeldung im Schlüsselbund des Systems auf. Installieren und starten Sie einen Secret Service wie gnome-keyring oder KWallet und versuchen Sie es erneut.',
  'advice.rateLimited': 'Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es dann erneut.',
  'advice.serverUnavailable': 'Der Server ist ausgelastet oder wird gewartet. Versuchen Sie es später erneut.',
  'advice.serverInternal':
    'Auf dem Server ist ein Fehler aufgetreten. Wenn das wiederholt vorkommt, wenden Sie sich mit der Referenz an den Support.',
  'advice.signInAgain': 'Melden Sie sich erneut an.',
  'advice.forbidden':
    'Ihr Konto darf das nicht. Wenden Sie sich an eine Kontoinhaberin, einen Kontoinhaber oder die Administration.',
  'advice.changedMeanwhile':
    'Jemand anderes hat dies inzwischen geändert. Laden Sie neu und versuchen Sie es erneut.',
  'advice.stepUp': 'Melden Sie sich zu Ihrer Sicherheit erneut an, um diese Änderung vorzunehmen.',
  'advice.validation': 'Korrigieren Sie die markierten Felder und speichern Sie dann erneut.',
  'advice.staffTwoFactor':
    'Schalten Sie unter Sicherheit die Anmeldung mit zwei Faktoren ein und melden Sie sich erneut an.',
  'advice.approvalRequired':
    'Bitten Sie die Kundin oder den Kunden, den Support-Zugriff unter Datenschutz, Zugriff durch Mitarbeitende in der eigenen Konsole zu erlauben.',
  'advice.callerNotVerified':
    'Bestätigen Sie die anrufende Person mit ihrer Support-PIN oder einem E-Mail-Code, oder nennen Sie ein eigenes Ticket der Kundin oder des Kunden.',
  'advice.unreachable': 'Prüfen Sie die Netzwerkverbindung und die Serveradresse und versuchen Sie es erneut.',
  'advice.notSteward':
    'Prüfen Sie, ob die Adresse zu einem Steward-Server führt. Wenn ja, versuchen Sie es später erneut.',
  'advice.signInTimedOut':
    'Starten Sie die Anmeldung erneut und schließen Sie sie in dem Browserfenster ab, das sich dann öffnet.',
  'advice.stateMismatch':
    'Starten Sie die Anmeldung erneut und verwenden Sie nur den Browser-Tab, den sie öffnet.',
  'advice.startSignInAgain': 'Starten Sie die Anmeldung erneut.',
  'advice.signInRefused': 'Prüfen Sie Benutzername und Passwort und versuchen Sie es erneut.',
  'advice.browserOpen': 'Legen Sie einen Standardbrowser für Ihren Desktop fest und versuchen Sie es erneut.',
  'advice.loopback':
    'Steward muss für die Weiterleitung der Anmeldung auf 127.0.0.1 empfangen können. Prüfen Sie die lokalen Firewall-Regeln.',
  'advice.wrongUser': 'Melden Sie sich erneut mit dem Konto an, das Sie in der Konsole verwenden.',
  'advice.localFile':
    'Prüfen Sie, ob der Ordner existiert, ob Sie darin schreiben dürfen und ob auf dem Datenträger Platz ist, und versuchen Sie es erneut.',
  'advice.invalidServerUrl':
    'Geben Sie die Serveradresse als https://host[:port] ein. Unverschlüsseltes http:// ist nur für diesen Computer erlaubt (localhost, 127.0.0.1, ::1).',

  'message.saveDownload': 'Speichern fehlgeschlagen ({what}): {error}',
  'message.saveInvoice': 'Die Rechnung konnte nicht gespeichert werden: {error}',
  'advice.saveDownload':
    'Prüfen Sie, ob Ihr Downloads-Ordner existiert und beschreibbar ist, und versuchen Sie es erneut.',
  'message.cardPageAddress': 'Der Server hat eine unbrauchbare Adresse für die Kartenseite gesendet.',
  'advice.cardPageAddress':
    'Versuchen Sie es erneut. Wenn das wiederholt vorkommt, wenden Sie sich an den Support.',
  'message.cardPageBrowser': 'Ihr Browser konnte für die Kartenseite nicht geöffnet werden.',
  'advice.cardPageBrowser':
    'Legen Sie in den Systemeinstellungen einen Standardbrowser fest und wählen Sie dann erneut „Karte hinzufügen“.',
  'message.httpsLinksOnly': 'Nur https-Links können geöffnet werden.',
  'message.linkBrowser': 'Ihr Browser konnte nicht geöffnet werden.',
  'advice.linkBrowser': 'Legen Sie in den Systemeinstellungen einen Standardbrowser fest und versuchen Sie es erneut.',
  'message.connectionGone': 'Diese gespeicherte Verbindung gibt es nicht mehr.',
  'advice.connectionGone': 'Verbinden Sie sich erneut mit dem Server.',
  'message.signInCancelled': 'Anmeldung abgebrochen.',
  'message.credentialGone': 'Ihre gespeicherte Anmeldung bei {place} ist nicht mehr im Schlüsselbund dieses Computers.',
  'message.credentialGoneDemo':
    'Ihre gespeicherte Anmeldung beim Demo-Server ist nicht mehr im Schlüsselbund dieses Computers.',
  'advice.credentialGone': 'Melden Sie sich erneut an. An Ihrem Konto hat sich nichts geändert.',
  'message.connectionsNotUpdated': 'Die gespeicherten Verbindungen konnten nicht aktualisiert werden: {error}',
  'message.connectionNotSaved': 'Die Verbindung konnte nicht gespeichert werden: {error}',
  'message.demoNotStarted': 'Der Demo-Server konnte nicht gestartet werden.',
  'advice.demoNotStarted': 'Prüfen Sie, ob der Datenordner der App beschreibbar ist, und versuchen Sie es erneut.',
  'message.operationCancelled': 'Abgebrochen. Es wurde nichts gespeichert.',
  'message.exportNotSaved': 'Der Export konnte nicht als {path} gespeichert werden: {error}',
  'advice.exportNotSaved': 'Prüfen Sie, ob Sie in diesen Ordner schreiben dürfen, und speichern Sie dann erneut.',
  'message.saveDialog': 'Der Dialog zum Speichern ist fehlgeschlagen: {error}',
  'message.locationUnusable': 'Dieser Speicherort kann nicht verwendet werden: {error}',
  'advice.locationUnusable': 'Wählen Sie einen Ordner auf diesem Computer.',
};

export default de;

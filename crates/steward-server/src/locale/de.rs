//! German wording of the server's messages, keyed by the English text as the
//! code writes it (`{}` stands for each value filled in, in order). See
//! `super` for how a message is matched and its values carried over.

pub(super) const DE: &[(&str, &str)] = &[
    ("The request body is too large.", "Der Inhalt der Anfrage ist zu groß."),
    (
        "Card numbers are never sent to the account API. Add a card on the secure card page instead.",
        "Kartennummern werden nie an die Konto-API gesendet. Fügen Sie eine Karte stattdessen auf der sicheren Kartenseite hinzu.",
    ),
    (
        "One or more fields are invalid; see `errors`.",
        "Ein oder mehrere Felder sind ungültig; siehe `errors`.",
    ),
    (
        "Sign in again: the access token is missing, expired or revoked.",
        "Melden Sie sich erneut an: Das Zugriffstoken fehlt, ist abgelaufen oder wurde widerrufen.",
    ),
    ("Your role does not allow this.", "Ihre Rolle erlaubt das nicht."),
    (
        "This change needs a recent sign-in. Sign in again, then retry.",
        "Diese Änderung erfordert eine aktuelle Anmeldung. Melden Sie sich erneut an und versuchen Sie es dann noch einmal.",
    ),
    (
        "Turn on two-factor sign-in for this staff account, then sign in again.",
        "Schalten Sie für dieses Mitarbeiterkonto die Zwei-Faktor-Anmeldung ein und melden Sie sich dann erneut an.",
    ),
    (
        "Send the ETag from your last read in If-Match, so no change is lost.",
        "Senden Sie das ETag Ihres letzten Abrufs in If-Match, damit keine Änderung verloren geht.",
    ),
    (
        "Someone else saved a newer version. Load it, merge, and save again.",
        "Jemand anderes hat eine neuere Fassung gespeichert. Laden Sie sie, führen Sie die Änderungen zusammen und speichern Sie erneut.",
    ),
    ("Try again in {} seconds.", "Versuchen Sie es in {1} Sekunden erneut."),
    (
        "The server is busy. Try again in a moment.",
        "Der Server ist ausgelastet. Versuchen Sie es gleich noch einmal.",
    ),
    (
        "Something went wrong on our side. Quote the request id to support.",
        "Bei uns ist etwas schiefgegangen. Nennen Sie dem Support die Anfrage-ID.",
    ),
    (
        "Send the body as JSON with Content-Type: application/json.",
        "Senden Sie den Inhalt als JSON mit Content-Type: application/json.",
    ),
    (
        "Send the form with Content-Type: application/x-www-form-urlencoded.",
        "Senden Sie das Formular mit Content-Type: application/x-www-form-urlencoded.",
    ),
    ("There is no partner with this id.", "Es gibt keinen Partner mit dieser ID."),
    (
        "{} cannot be turned off on its own; use \"Do not share my personal information\".",
        "{1} lässt sich nicht einzeln ausschalten; verwenden Sie „Meine personenbezogenen Daten nicht weitergeben“.",
    ),
    (
        "This application is not registered with Steward.",
        "Diese Anwendung ist bei Steward nicht registriert.",
    ),
    (
        "The sign-in request has an unregistered return address.",
        "Die Anmeldeanfrage enthält eine nicht registrierte Rücksprungadresse.",
    ),
    ("Bad return address.", "Ungültige Rücksprungadresse."),
    ("The e-mail address or password is incorrect.", "E-Mail-Adresse oder Passwort ist falsch."),
    ("Enter your authentication code.", "Geben Sie Ihren Authentifizierungscode ein."),
    (
        "Too many failed attempts. Try again in a minute.",
        "Zu viele fehlgeschlagene Versuche. Versuchen Sie es in einer Minute erneut.",
    ),
    (
        "Too many failed attempts. Try again in {} minutes.",
        "Zu viele fehlgeschlagene Versuche. Versuchen Sie es in {1} Minuten erneut.",
    ),
    ("Please try again in a moment.", "Bitte versuchen Sie es gleich noch einmal."),
    (
        "Two-factor sign-in is on: enter the code from your authenticator app.",
        "Die Zwei-Faktor-Anmeldung ist eingeschaltet: Geben Sie den Code aus Ihrer Authenticator-App ein.",
    ),
    (
        "That code was used already. Wait for the next code, then try again.",
        "Dieser Code wurde bereits verwendet. Warten Sie auf den nächsten Code und versuchen Sie es dann erneut.",
    ),
    (
        "That code is not right. Enter the current code from your authenticator app, or a recovery code.",
        "Dieser Code stimmt nicht. Geben Sie den aktuellen Code aus Ihrer Authenticator-App oder einen Wiederherstellungscode ein.",
    ),
    ("Enter the card number.", "Geben Sie die Kartennummer ein."),
    (
        "A card number has only digits (spaces are fine).",
        "Eine Kartennummer besteht nur aus Ziffern (Leerzeichen sind erlaubt).",
    ),
    (
        "We accept Visa, Mastercard, American Express, Discover and JCB.",
        "Wir akzeptieren Visa, Mastercard, American Express, Discover und JCB.",
    ),
    (
        "{} card numbers have {} digits. Check for a missing or extra digit.",
        "Die Anzahl der Ziffern passt nicht zu einer {1}-Karte. Prüfen Sie, ob eine Ziffer fehlt oder zu viel ist.",
    ),
    (
        "This card number is not valid. Check it for a typo.",
        "Diese Kartennummer ist ungültig. Prüfen Sie sie auf Tippfehler.",
    ),
    ("Choose the expiry month.", "Wählen Sie den Ablaufmonat."),
    ("Enter the expiry year, e.g. 2030.", "Geben Sie das Ablaufjahr ein, z. B. 2030."),
    (
        "This card has expired. Use a card that is still valid.",
        "Diese Karte ist abgelaufen. Verwenden Sie eine Karte, die noch gültig ist.",
    ),
    (
        "Cards do not run that long. Check the expiry year.",
        "So lange ist keine Karte gültig. Prüfen Sie das Ablaufjahr.",
    ),
    (
        "Enter the {}-digit security code from the {} of the card.",
        "Geben Sie den {1}-stelligen Sicherheitscode von der {2} der Karte ein.",
    ),
    (
        "Card pages last a few minutes. Return to the Steward console and choose Add a card again.",
        "Kartenseiten gelten nur einige Minuten. Kehren Sie zur Steward-Konsole zurück und wählen Sie erneut „Karte hinzufügen“.",
    ),
    (
        "The card was added. For another card, choose Add a card again in the Steward console.",
        "Die Karte wurde hinzugefügt. Für eine weitere Karte wählen Sie in der Steward-Konsole erneut „Karte hinzufügen“.",
    ),
    (
        "The form could not be read. Fill it in again.",
        "Das Formular konnte nicht gelesen werden. Füllen Sie es erneut aus.",
    ),
    (
        "Check that you opened the whole link, or choose Add a card again in the Steward console.",
        "Prüfen Sie, ob Sie den vollständigen Link geöffnet haben, oder wählen Sie in der Steward-Konsole erneut „Karte hinzufügen“.",
    ),
    (
        "Nothing was saved. Wait a moment, then reload this page.",
        "Es wurde nichts gespeichert. Warten Sie einen Moment und laden Sie diese Seite dann neu.",
    ),
    (
        "This account belongs to a member of staff: only administrators may work on it.",
        "Dieses Konto gehört einem Mitarbeiter: Nur Administratoren dürfen daran arbeiten.",
    ),
    (
        "You are not acting for this customer: start acting on their behalf, with a reason, first.",
        "Sie handeln nicht im Auftrag dieses Kunden: Handeln Sie zuerst, mit einem Grund, in seinem Auftrag.",
    ),
    ("Type at least {} characters.", "Geben Sie mindestens {1} Zeichen ein."),
    ("At most {} characters.", "Höchstens {1} Zeichen."),
    ("Control characters are not allowed.", "Steuerzeichen sind nicht erlaubt."),
    (
        "One seat, 100 GB of media storage, standard delivery.",
        "Ein Platz, 100 GB Medienspeicher, Standardauslieferung.",
    ),
    (
        "Ten seats, 2 TB of storage, custom domains and priority delivery.",
        "Zehn Plätze, 2 TB Speicher, eigene Domains und bevorzugte Auslieferung.",
    ),
    (
        "Studio, billed yearly: two months free.",
        "Studio, jährlich abgerechnet: zwei Monate kostenlos.",
    ),
    (
        "Fifty seats, 20 TB of storage, IP allow-lists and a named support contact.",
        "Fünfzig Plätze, 20 TB Speicher, IP-Zulassungslisten und ein fester Ansprechpartner im Support.",
    ),
    (
        "Account maintenance e-mail cannot be turned off: it keeps your account working.",
        "E-Mails zur Kontopflege lassen sich nicht ausschalten: Sie halten Ihr Konto am Laufen.",
    ),
    (
        "Each purpose and channel may appear once in a change.",
        "Jede Kombination aus Zweck und Kanal darf in einer Änderung nur einmal vorkommen.",
    ),
    (
        "Your preferences are being changed elsewhere; try again.",
        "Ihre Einstellungen werden gerade anderswo geändert; versuchen Sie es erneut.",
    ),
    (
        "Nothing was changed. Wait a moment, then reload this page.",
        "Es wurde nichts geändert. Warten Sie einen Moment und laden Sie diese Seite dann neu.",
    ),
    (
        "Check that you opened the whole link, or change your preferences under Communications in the Steward console.",
        "Prüfen Sie, ob Sie den vollständigen Link geöffnet haben, oder ändern Sie Ihre Einstellungen in der Steward-Konsole unter Kommunikation.",
    ),
    (
        "You will no longer receive {} by e-mail. Other choices are under Communications in the Steward console.",
        "Sie erhalten „{1}“ nicht mehr per E-Mail. Weitere Einstellungen finden Sie in der Steward-Konsole unter Kommunikation.",
    ),
    ("This subscription was confirmed already.", "Dieses Abonnement wurde bereits bestätigt."),
    (
        "Turn the subscription on again under Communications in the Steward console; we will send a new link.",
        "Schalten Sie das Abonnement in der Steward-Konsole unter Kommunikation erneut ein; wir senden Ihnen einen neuen Link.",
    ),
    (
        "This subscription was turned off since you asked for it, so nothing changed.",
        "Dieses Abonnement wurde ausgeschaltet, nachdem Sie es angefordert hatten, daher wurde nichts geändert.",
    ),
    ("You will receive {} by e-mail.", "Sie erhalten „{1}“ per E-Mail."),
    (
        "Your preferences are being changed elsewhere. Reload this page in a moment.",
        "Ihre Einstellungen werden gerade anderswo geändert. Laden Sie diese Seite gleich neu.",
    ),
    ("Choose one of the available plans.", "Wählen Sie einen der verfügbaren Tarife."),
    ("You are on this plan already.", "Sie haben diesen Tarif bereits."),
    (
        "The subscription has ended. Contact support to start a new one.",
        "Das Abonnement ist beendet. Wenden Sie sich an den Support, um ein neues abzuschließen.",
    ),
    (
        "The subscription is set to end. Resume it first to change plan.",
        "Das Abonnement endet mit Ablauf des Zeitraums. Setzen Sie es zuerst fort, um den Tarif zu wechseln.",
    ),
    (
        "Send an Idempotency-Key header (a new random value per change, the same one on retry).",
        "Senden Sie einen Idempotency-Key-Header (einen neuen Zufallswert pro Änderung, denselben bei einer Wiederholung).",
    ),
    (
        "The Idempotency-Key must be 1 to 255 visible ASCII characters.",
        "Der Idempotency-Key muss aus 1 bis 255 sichtbaren ASCII-Zeichen bestehen.",
    ),
    (
        "This key was used for a different request. Use a new key for a new change.",
        "Dieser Schlüssel wurde für eine andere Anfrage verwendet. Verwenden Sie für eine neue Änderung einen neuen Schlüssel.",
    ),
    (
        "Tell us why you are cancelling; it helps us improve.",
        "Sagen Sie uns, warum Sie kündigen; das hilft uns, besser zu werden.",
    ),
    ("Use at most 500 characters.", "Verwenden Sie höchstens 500 Zeichen."),
    ("The subscription is not active.", "Das Abonnement ist nicht aktiv."),
    (
        "Only a subscription that is cancelling can be resumed.",
        "Nur ein gekündigtes Abonnement, das noch läuft, kann fortgesetzt werden.",
    ),
    (
        "Use the next_cursor of the previous page.",
        "Verwenden Sie den next_cursor der vorherigen Seite.",
    ),
    (
        "Everyone on the team loses access to the account.",
        "Alle im Team verlieren den Zugriff auf das Konto.",
    ),
    (
        "The subscription and its licenses end, and media served from the account stops.",
        "Das Abonnement und seine Lizenzen enden, und Medien aus dem Konto werden nicht mehr ausgeliefert.",
    ),
    (
        "Saved cards are removed; nothing more is charged.",
        "Gespeicherte Karten werden entfernt; es wird nichts mehr berechnet.",
    ),
    (
        "The profile, usage history, invitations, and verification and correction requests are erased.",
        "Das Profil, der Nutzungsverlauf, Einladungen sowie Bestätigungsanfragen und Berichtigungsanträge werden gelöscht.",
    ),
    (
        "Service partners receive nothing more about the account.",
        "Dienstleistungspartner erhalten nichts mehr über das Konto.",
    ),
    (
        "Tax law requires us to keep invoices for ten years. They keep the account's number, not its profile.",
        "Das Steuerrecht verpflichtet uns, Rechnungen zehn Jahre lang aufzubewahren. Sie enthalten die Kontonummer, nicht das Profil.",
    ),
    (
        "They prove each choice that was made, which the law may ask us to show.",
        "Sie belegen jede getroffene Entscheidung; das Gesetz kann verlangen, dass wir sie vorlegen.",
    ),
    (
        "The record of what was shared with which partner, and when.",
        "Das Protokoll, was wann an welchen Partner weitergegeben wurde.",
    ),
    (
        "It shows that the account was deleted, when, and at whose request.",
        "Er belegt, dass das Konto gelöscht wurde, wann und auf wessen Antrag.",
    ),
    (
        "It belongs to you, not to the account: your other accounts and personal settings are not affected.",
        "Sie gehört Ihnen, nicht dem Konto: Ihre anderen Konten und persönlichen Einstellungen sind nicht betroffen.",
    ),
    (
        "Type the account's name exactly as shown to confirm.",
        "Geben Sie zur Bestätigung den Namen des Kontos genau wie angezeigt ein.",
    ),
    (
        "A deletion request for this account is already waiting; cancel it or let it run.",
        "Für dieses Konto wartet bereits ein Löschantrag; brechen Sie ihn ab oder lassen Sie ihn laufen.",
    ),
    (
        "There is no deletion request waiting to be cancelled.",
        "Es wartet kein Löschantrag, der abgebrochen werden könnte.",
    ),
    (
        "This request was cancelled or carried out already.",
        "Dieser Antrag wurde bereits abgebrochen oder ausgeführt.",
    ),
    (
        "The cooling-off period runs until {}; the customer can still cancel.",
        "Die Widerrufsfrist läuft bis {1}; der Kunde kann noch abbrechen.",
    ),
    (
        "A legal hold applies to this account; lift it before deleting.",
        "Für dieses Konto besteht ein Legal Hold; heben Sie ihn vor dem Löschen auf.",
    ),
    (
        "Explain the hold to the customer in 1 to 500 characters.",
        "Erklären Sie dem Kunden den Legal Hold in 1 bis 500 Zeichen.",
    ),
    (
        "The export is still being written; download it when it is ready.",
        "Der Export wird noch erstellt; laden Sie ihn herunter, sobald er bereit ist.",
    ),
    (
        "This export is no longer available; start a new one.",
        "Dieser Export ist nicht mehr verfügbar; starten Sie einen neuen.",
    ),
    ("Use a date like 2026-03-31.", "Verwenden Sie ein Datum wie 2026-03-31."),
    (
        "This page link is not valid any more; start from the first page.",
        "Dieser Seitenlink ist nicht mehr gültig; beginnen Sie mit der ersten Seite.",
    ),
    ("Use open, paid, void or refunded.", "Verwenden Sie open, paid, void oder refunded."),
    (
        "The end date must not be before the start date.",
        "Das Enddatum darf nicht vor dem Anfangsdatum liegen.",
    ),
    (
        "A policy version named {} exists; choose another name.",
        "Eine Richtlinienversion namens {1} gibt es bereits; wählen Sie einen anderen Namen.",
    ),
    (
        "Invoices have been issued with this tax id: request a correction to change it.",
        "Mit dieser Steuernummer wurden bereits Rechnungen ausgestellt: Beantragen Sie eine Berichtigung, um sie zu ändern.",
    ),
    (
        "This field can only be changed through a correction request.",
        "Dieses Feld lässt sich nur über einen Berichtigungsantrag ändern.",
    ),
    ("That is not your current password.", "Das ist nicht Ihr aktuelles Passwort."),
    (
        "Two-factor sign-in is already on. Turn it off first to enrol a new authenticator.",
        "Die Zwei-Faktor-Anmeldung ist bereits eingeschaltet. Schalten Sie sie zuerst aus, um eine neue Authenticator-App einzurichten.",
    ),
    (
        "Start enrolment first: there is no pending authenticator.",
        "Starten Sie zuerst die Einrichtung: Es gibt keine ausstehende Authenticator-App.",
    ),
    (
        "That code is not right. Enter the 6-digit code your authenticator app shows now.",
        "Dieser Code stimmt nicht. Geben Sie den 6-stelligen Code ein, den Ihre Authenticator-App jetzt anzeigt.",
    ),
    (
        "That code was used already. Wait for the next one.",
        "Dieser Code wurde bereits verwendet. Warten Sie auf den nächsten.",
    ),
    ("Turn on two-factor sign-in first.", "Schalten Sie zuerst die Zwei-Faktor-Anmeldung ein."),
    ("This is already your sign-in e-mail.", "Das ist bereits Ihre Anmelde-E-Mail-Adresse."),
    (
        "That address is already used to sign in to another account.",
        "Diese Adresse wird bereits zur Anmeldung bei einem anderen Konto verwendet.",
    ),
    (
        "A change of your sign-in e-mail to {} was requested. If this was not you, sign in and change your password.",
        "Es wurde beantragt, Ihre Anmelde-E-Mail-Adresse in {1} zu ändern. Wenn Sie das nicht waren, melden Sie sich an und ändern Sie Ihr Passwort.",
    ),
    (
        "There is no pending change, or it expired. Start again.",
        "Es gibt keine ausstehende Änderung, oder sie ist abgelaufen. Beginnen Sie erneut.",
    ),
    (
        "Too many wrong codes. Start the change again.",
        "Zu viele falsche Codes. Beginnen Sie die Änderung erneut.",
    ),
    (
        "That code is not right. Check the latest message sent to the new address.",
        "Dieser Code stimmt nicht. Sehen Sie in der neuesten Nachricht an die neue Adresse nach.",
    ),
    ("Grant access for 1 to {} hours.", "Erlauben Sie den Zugriff für 1 bis {1} Stunden."),
    (
        "{} is already a member; change their role instead.",
        "{1} ist bereits Mitglied; ändern Sie stattdessen die Rolle.",
    ),
    (
        "{} has a pending invitation already; resend it instead.",
        "{1} hat bereits eine ausstehende Einladung; senden Sie sie stattdessen erneut.",
    ),
    (
        "This invitation was accepted or cancelled; invite again instead.",
        "Diese Einladung wurde angenommen oder zurückgezogen; laden Sie stattdessen erneut ein.",
    ),
    (
        "An account needs at least one owner. Make someone else an owner first.",
        "Ein Konto braucht mindestens einen Inhaber. Machen Sie zuerst jemand anderen zum Inhaber.",
    ),
    (
        "This invitation is no longer valid. Ask for a new one.",
        "Diese Einladung ist nicht mehr gültig. Bitten Sie um eine neue.",
    ),
    (
        "It has been a while: please check that these details are still right.",
        "Es ist eine Weile her: Bitte prüfen Sie, ob diese Angaben noch stimmen.",
    ),
    (
        "Corrections are for fields you cannot edit yourself; edit this one in the profile.",
        "Berichtigungen sind für Felder gedacht, die Sie nicht selbst bearbeiten können; bearbeiten Sie dieses im Profil.",
    ),
    ("Enter the correct value.", "Geben Sie den richtigen Wert ein."),
    (
        "Say why the value should change, so staff can check it.",
        "Sagen Sie, warum der Wert geändert werden soll, damit der Support es prüfen kann.",
    ),
    ("Use at most 2000 characters.", "Verwenden Sie höchstens 2000 Zeichen."),
    ("Choose at least one item to verify.", "Wählen Sie mindestens eine zu bestätigende Angabe."),
    (
        "Company information applies to company accounts only.",
        "Firmenangaben gibt es nur bei Unternehmenskonten.",
    ),
    ("Tell the customer why they are asked.", "Sagen Sie dem Kunden, warum er gefragt wird."),
    ("The due date must be in the future.", "Das Fälligkeitsdatum muss in der Zukunft liegen."),
    (
        "Use open, in_review, done or declined.",
        "Verwenden Sie open, in_review, done oder declined.",
    ),
    ("This request is already {}.", "Dieser Antrag ist bereits abgeschlossen ({1})."),
    (
        "Say why the correction is declined; the customer sees it.",
        "Sagen Sie, warum die Berichtigung abgelehnt wird; der Kunde sieht den Grund.",
    ),
    (
        "A request can move to in_review, done or declined.",
        "Ein Antrag kann nur in den Status in_review, done oder declined wechseln.",
    ),
    (
        "Someone else resolved this request first.",
        "Jemand anderes hat diesen Antrag bereits abgeschlossen.",
    ),
    (
        "{} is not a correction-only field; the customer edits it directly.",
        "{1} ist kein Feld, das nur per Berichtigung geändert wird; der Kunde bearbeitet es selbst.",
    ),
    ("This person is not a member of the account.", "Diese Person ist kein Mitglied des Kontos."),
    (
        "This person has not set a support PIN: send them an e-mail code instead.",
        "Diese Person hat keine Support-PIN festgelegt: Senden Sie stattdessen einen E-Mail-Code.",
    ),
    (
        "No code is waiting for this person, or it expired: send a new one.",
        "Für diese Person liegt kein Code vor, oder er ist abgelaufen: Senden Sie einen neuen.",
    ),
    ("Choose at least one field to reveal.", "Wählen Sie mindestens ein Feld zum Aufdecken."),
    ("Choose agent or admin.", "Wählen Sie Support-Mitarbeiter oder Administrator."),
    (
        "You cannot remove your own administrator role.",
        "Sie können Ihre eigene Administratorrolle nicht entfernen.",
    ),
    ("You cannot disable yourself.", "Sie können sich nicht selbst deaktivieren."),
    (
        "A partner (perhaps a retired one) already has this id. Choose another.",
        "Ein Partner (vielleicht ein ausgemusterter) hat bereits diese ID. Wählen Sie eine andere.",
    ),
    (
        "{} is retired; add a new partner instead.",
        "{1} ist ausgemustert; fügen Sie stattdessen einen neuen Partner hinzu.",
    ),
    ("The two passwords are not the same.", "Die beiden Passwörter unterscheiden sich."),
    ("Only staff can write internal notes.", "Nur Mitarbeiter können interne Notizen schreiben."),
    (
        "What is new or changing in the services you use.",
        "Was in den Diensten, die Sie nutzen, neu ist oder sich ändert.",
    ),
    (
        "Our newsletter, occasional e-mails and ideas for future products.",
        "Unsere Newsletter, gelegentliche E-Mails und Ideen für künftige Produkte.",
    ),
    (
        "Answers to your support requests and notices about keeping your account running.",
        "Antworten auf Ihre Support-Anfragen und Hinweise, die Ihr Konto am Laufen halten.",
    ),
    (
        "Invitations to try new features early and tell us what you think.",
        "Einladungen, neue Funktionen früh auszuprobieren und uns Ihre Meinung zu sagen.",
    ),
    (
        "Aggregate usage and trends that help you manage your account.",
        "Zusammengefasste Nutzung und Trends, die Ihnen helfen, Ihr Konto zu verwalten.",
    ),
    (
        "Your account's usage, invoices and billing, and the status of our systems.",
        "Nutzung, Rechnungen und Abrechnung Ihres Kontos sowie der Status unserer Systeme.",
    ),
    (
        "Use 3 to 64 lower-case letters, digits and hyphens, such as privacy-policy-2027.",
        "Verwenden Sie 3 bis 64 Kleinbuchstaben, Ziffern und Bindestriche, etwa privacy-policy-2027.",
    ),
    ("Give the change a title.", "Geben Sie der Änderung einen Titel."),
    ("Say what changed.", "Sagen Sie, was sich geändert hat."),
    ("Use at most {} characters.", "Verwenden Sie höchstens {1} Zeichen."),
    (
        "Remove tabs and other invisible control characters (line breaks are fine).",
        "Entfernen Sie Tabulatoren und andere unsichtbare Steuerzeichen (Zeilenumbrüche sind erlaubt).",
    ),
    (
        "A change that concerns personal information must offer at least one opt-out.",
        "Eine Änderung, die personenbezogene Daten betrifft, muss mindestens eine Widerspruchsmöglichkeit anbieten.",
    ),
    (
        "Opt-outs belong to changes that concern personal information.",
        "Widerspruchsmöglichkeiten gehören zu Änderungen, die personenbezogene Daten betreffen.",
    ),
    (
        "Say which console page the customer should review.",
        "Sagen Sie, welche Seite der Konsole der Kunde prüfen soll.",
    ),
    (
        "A policy cannot take effect in the past.",
        "Eine Richtlinie kann nicht in der Vergangenheit in Kraft treten.",
    ),
    ("Give the partner's name.", "Geben Sie den Namen des Partners an."),
    ("Say what they do for customers.", "Sagen Sie, was er für Kunden tut."),
    (
        "Say what stops working for a customer who turns them off.",
        "Sagen Sie, was für einen Kunden nicht mehr funktioniert, der ihn ausschaltet.",
    ),
    ("Link to their privacy statement.", "Verlinken Sie seine Datenschutzerklärung."),
    (
        "Use the https:// address of their privacy statement.",
        "Verwenden Sie die https://-Adresse seiner Datenschutzerklärung.",
    ),
    (
        "List at least one kind of data they receive.",
        "Führen Sie mindestens eine Datenart auf, die er erhält.",
    ),
    ("List at most {} kinds of data.", "Führen Sie höchstens {1} Datenarten auf."),
    (
        "Name the kind of data, or remove the line.",
        "Benennen Sie die Datenart, oder entfernen Sie die Zeile.",
    ),
    ("This kind of data is listed twice.", "Diese Datenart ist doppelt aufgeführt."),
    (
        "Use 3 to 48 lower-case letters, digits and hyphens, such as acme-analytics.",
        "Verwenden Sie 3 bis 48 Kleinbuchstaben, Ziffern und Bindestriche, etwa acme-analytics.",
    ),
    (
        "Choose the policy version that tells customers about this partner.",
        "Wählen Sie die Richtlinienversion, die Kunden über diesen Partner informiert.",
    ),
    (
        "Say why you need this (at least 5 characters): the customer will see it.",
        "Sagen Sie, warum Sie dies brauchen (mindestens 5 Zeichen): Der Kunde sieht den Grund.",
    ),
    (
        "Control characters (line breaks, tabs) are not allowed.",
        "Steuerzeichen (Zeilenumbrüche, Tabulatoren) sind nicht erlaubt.",
    ),
    ("Use 6 to 10 digits.", "Verwenden Sie 6 bis 10 Ziffern."),
    (
        "Choose digits that are not all the same or in a run.",
        "Wählen Sie Ziffern, die nicht alle gleich sind und keine Folge bilden.",
    ),
    ("Give the request a subject.", "Geben Sie der Anfrage einen Betreff."),
    (
        "Line breaks and tabs are not allowed in the subject.",
        "Zeilenumbrüche und Tabulatoren sind im Betreff nicht erlaubt.",
    ),
    ("Write a message.", "Schreiben Sie eine Nachricht."),
    (
        "Only line breaks and tabs are allowed among control characters.",
        "Von den Steuerzeichen sind nur Zeilenumbrüche und Tabulatoren erlaubt.",
    ),
    ("At most {} characters, without line breaks.", "Höchstens {1} Zeichen, ohne Zeilenumbrüche."),
    ("Give their full name.", "Geben Sie den vollständigen Namen an."),
    (
        "Remove line breaks, tabs and other invisible control characters.",
        "Entfernen Sie Zeilenumbrüche, Tabulatoren und andere unsichtbare Steuerzeichen.",
    ),
    ("Enter the full legal name.", "Geben Sie den vollständigen amtlichen Namen ein."),
    (
        "Enter the name we should address you by.",
        "Geben Sie den Namen ein, mit dem wir Sie ansprechen sollen.",
    ),
    (
        "Personal accounts have no company details. Remove them, or ask us to convert the account to a company account.",
        "Privatkonten haben keine Firmenangaben. Entfernen Sie sie, oder bitten Sie uns, das Konto in ein Unternehmenskonto umzuwandeln.",
    ),
    ("Enter the company's registered name.", "Geben Sie den eingetragenen Firmennamen ein."),
    (
        "Enter a postal address; we need it for invoicing and tax.",
        "Geben Sie eine Postanschrift ein; wir brauchen sie für Rechnungen und Steuern.",
    ),
    (
        "Use only letters, digits, spaces, dots, slashes and hyphens, as printed on your registration documents.",
        "Verwenden Sie nur Buchstaben, Ziffern, Leerzeichen, Punkte, Schrägstriche und Bindestriche, wie in Ihren Registerunterlagen angegeben.",
    ),
    (
        "Enter the full web address, starting with https://, such as https://www.example.com.",
        "Geben Sie die vollständige Webadresse ein, beginnend mit https://, z. B. https://www.example.com.",
    ),
    (
        "Remove the user name and password from the web address.",
        "Entfernen Sie Benutzername und Passwort aus der Webadresse.",
    ),
    (
        "Add at least one contact e-mail address for account and service notices.",
        "Fügen Sie mindestens eine Kontakt-E-Mail-Adresse für Konto- und Servicehinweise hinzu.",
    ),
    (
        "Add at most {} contact e-mail addresses.",
        "Fügen Sie höchstens {1} Kontakt-E-Mail-Adressen hinzu.",
    ),
    (
        "This address is already listed for the same purpose; remove one of them.",
        "Diese Adresse ist für denselben Zweck bereits aufgeführt; entfernen Sie eine davon.",
    ),
    ("Add at most {} {}.", "Fügen Sie höchstens {1} {2} hinzu."),
    (
        "This is already in the list; remove the repeat.",
        "Das steht bereits in der Liste; entfernen Sie die Wiederholung.",
    ),
    ("Choose the country.", "Wählen Sie das Land."),
    ("Enter the first line of the address.", "Geben Sie die erste Adresszeile ein."),
    ("Enter the town or city.", "Geben Sie den Ort ein."),
    (
        "Choose a country, or enter its two-letter ISO code such as GB, US or DE.",
        "Wählen Sie ein Land, oder geben Sie seinen zweistelligen ISO-Code ein, z. B. GB, US oder DE.",
    ),
    (
        "Enter the postal code using letters, digits, spaces and hyphens only (at most 16 characters), or leave it empty.",
        "Geben Sie die Postleitzahl nur mit Buchstaben, Ziffern, Leerzeichen und Bindestrichen ein (höchstens 16 Zeichen), oder lassen Sie das Feld leer.",
    ),
    ("Enter {}.", "Geben Sie {1} ein."),
    (
        "{} does not use postal codes; leave the postal code empty.",
        "Dieses Land verwendet keine Postleitzahlen; lassen Sie die Postleitzahl leer.",
    ),
    (
        "Enter an e-mail address such as name@example.com.",
        "Geben Sie eine E-Mail-Adresse wie name@example.com ein.",
    ),
    ("Enter an e-mail address.", "Geben Sie eine E-Mail-Adresse ein."),
    (
        "An e-mail address can be at most 254 characters long.",
        "Eine E-Mail-Adresse darf höchstens 254 Zeichen lang sein.",
    ),
    (
        "{} The @ is missing.",
        "Geben Sie eine E-Mail-Adresse wie name@example.com ein. Das @ fehlt.",
    ),
    (
        "{} An address has exactly one @.",
        "Geben Sie eine E-Mail-Adresse wie name@example.com ein. Eine Adresse enthält genau ein @.",
    ),
    (
        "The part before the @ must be between 1 and 64 characters long.",
        "Der Teil vor dem @ muss zwischen 1 und 64 Zeichen lang sein.",
    ),
    (
        "The part before the @ cannot start or end with a dot, or have two dots in a row.",
        "Der Teil vor dem @ darf nicht mit einem Punkt beginnen oder enden und keine zwei Punkte hintereinander enthalten.",
    ),
    (
        "The registered name can only be changed through a correction request, so that contracts and invoices stay accurate.",
        "Der eingetragene Firmenname lässt sich nur über einen Berichtigungsantrag ändern, damit Verträge und Rechnungen korrekt bleiben.",
    ),
    (
        "At least one address is required; up to 10.",
        "Mindestens eine Adresse ist erforderlich, höchstens 10.",
    ),
    (
        "Required in some countries, such as the US, Canada, Australia, Brazil, China, India and Japan.",
        "In einigen Ländern erforderlich, etwa in den USA, Kanada, Australien, Brasilien, China, Indien und Japan.",
    ),
    (
        "Required in most countries; the format depends on the country.",
        "In den meisten Ländern erforderlich; das Format hängt vom Land ab.",
    ),
    (
        "The prefix length of an {} network is between 0 and {}, e.g. {}.",
        "Die Präfixlänge eines {1}-Netzes liegt zwischen 0 und {2}, z. B. {3}.",
    ),
    (
        "Use at least {} characters. A few unrelated words make a long password that is easy to remember.",
        "Verwenden Sie mindestens {1} Zeichen. Einige Wörter ohne Zusammenhang ergeben ein langes Passwort, das leicht zu merken ist.",
    ),
    (
        "This password is too common or has appeared in a data breach. Choose one that is harder to guess.",
        "Dieses Passwort ist zu verbreitet oder ist bei einem Datenleck bekannt geworden. Wählen Sie eines, das schwerer zu erraten ist.",
    ),
    (
        "Do not use your e-mail address, or the part before the @, in your password.",
        "Verwenden Sie in Ihrem Passwort weder Ihre E-Mail-Adresse noch den Teil vor dem @.",
    ),
    ("Do not use your name as your password.", "Verwenden Sie nicht Ihren Namen als Passwort."),
    (
        "a two-letter state code such as NY, CA or DC",
        "einen zweistelligen Code des Bundesstaats wie NY, CA oder DC",
    ),
    ("a ZIP code such as 94105 or 94105-1234", "einen ZIP-Code wie 94105 oder 94105-1234"),
    (
        "a two-letter province code such as ON, QC or BC",
        "einen zweistelligen Provinzcode wie ON, QC oder BC",
    ),
    ("a Canadian postal code such as K1A 0B1", "eine kanadische Postleitzahl wie K1A 0B1"),
    ("a UK postcode such as SW1A 1AA", "eine britische Postleitzahl wie SW1A 1AA"),
    (
        "an Eircode such as A65 F4E2, or leave it empty",
        "einen Eircode wie A65 F4E2 oder gar nichts",
    ),
    (
        "a German postal code of 5 digits, such as 10115",
        "eine deutsche Postleitzahl mit 5 Ziffern, z. B. 10115",
    ),
    (
        "a French postal code of 5 digits, such as 75008",
        "eine französische Postleitzahl mit 5 Ziffern, z. B. 75008",
    ),
    (
        "a Spanish postal code of 5 digits, such as 28013",
        "eine spanische Postleitzahl mit 5 Ziffern, z. B. 28013",
    ),
    (
        "a Mexican postal code of 5 digits, such as 06600",
        "eine mexikanische Postleitzahl mit 5 Ziffern, z. B. 06600",
    ),
    (
        "a Finnish postal code of 5 digits, such as 00100",
        "eine finnische Postleitzahl mit 5 Ziffern, z. B. 00100",
    ),
    (
        "the two-letter province code such as RM or MI, or leave it empty",
        "den zweistelligen Provinzcode wie RM oder MI oder gar nichts",
    ),
    (
        "an Italian postal code (CAP) of 5 digits, such as 00184",
        "eine italienische Postleitzahl (CAP) mit 5 Ziffern, z. B. 00184",
    ),
    ("a Dutch postcode such as 1012 AB", "eine niederländische Postleitzahl wie 1012 AB"),
    (
        "a Belgian postal code of 4 digits, such as 1000",
        "eine belgische Postleitzahl mit 4 Ziffern, z. B. 1000",
    ),
    (
        "an Austrian postal code of 4 digits, such as 1010",
        "eine österreichische Postleitzahl mit 4 Ziffern, z. B. 1010",
    ),
    (
        "a Swiss postal code of 4 digits, such as 8001",
        "eine Schweizer Postleitzahl mit 4 Ziffern, z. B. 8001",
    ),
    (
        "a Danish postal code of 4 digits, such as 1050",
        "eine dänische Postleitzahl mit 4 Ziffern, z. B. 1050",
    ),
    (
        "a Norwegian postal code of 4 digits, such as 0150",
        "eine norwegische Postleitzahl mit 4 Ziffern, z. B. 0150",
    ),
    (
        "a New Zealand postcode of 4 digits, such as 6011",
        "eine neuseeländische Postleitzahl mit 4 Ziffern, z. B. 6011",
    ),
    (
        "a Hungarian postal code of 4 digits, such as 1051",
        "eine ungarische Postleitzahl mit 4 Ziffern, z. B. 1051",
    ),
    (
        "a South African postal code of 4 digits, such as 8001",
        "eine südafrikanische Postleitzahl mit 4 Ziffern, z. B. 8001",
    ),
    (
        "a state or territory code such as NSW, VIC or ACT",
        "einen Code des Bundesstaats oder Territoriums wie NSW, VIC oder ACT",
    ),
    (
        "an Australian postcode of 4 digits, such as 2000",
        "eine australische Postleitzahl mit 4 Ziffern, z. B. 2000",
    ),
    ("a Swedish postal code such as 114 55", "eine schwedische Postleitzahl wie 114 55"),
    ("a Czech postal code such as 110 00", "eine tschechische Postleitzahl wie 110 00"),
    ("a Slovak postal code such as 811 01", "eine slowakische Postleitzahl wie 811 01"),
    ("a Polish postal code such as 00-950", "eine polnische Postleitzahl wie 00-950"),
    ("a Portuguese postal code such as 1000-001", "eine portugiesische Postleitzahl wie 1000-001"),
    ("the prefecture, such as Tokyo", "die Präfektur, z. B. Tokyo"),
    ("a Japanese postal code such as 100-0001", "eine japanische Postleitzahl wie 100-0001"),
    (
        "the province or municipality, such as Beijing",
        "die Provinz oder regierungsunmittelbare Stadt, z. B. Beijing",
    ),
    (
        "a Chinese postal code of 6 digits, such as 100000",
        "eine chinesische Postleitzahl mit 6 Ziffern, z. B. 100000",
    ),
    (
        "the state or union territory, such as Maharashtra",
        "den Bundesstaat oder das Unionsterritorium, z. B. Maharashtra",
    ),
    (
        "an Indian PIN code of 6 digits, such as 110001",
        "einen indischen PIN-Code mit 6 Ziffern, z. B. 110001",
    ),
    (
        "the two-letter state code (UF) such as SP or RJ",
        "den zweistelligen Code des Bundesstaats (UF) wie SP oder RJ",
    ),
    ("a Brazilian CEP such as 01310-100", "einen brasilianischen CEP wie 01310-100"),
    (
        "a Singapore postal code of 6 digits, such as 018956",
        "eine singapurische Postleitzahl mit 6 Ziffern, z. B. 018956",
    ),
    (
        "a South Korean postal code of 5 digits, such as 03187",
        "eine südkoreanische Postleitzahl mit 5 Ziffern, z. B. 03187",
    ),
    ("IP ranges", "IP-Bereiche"),
    ("domains", "Domains"),
    ("Bad request", "Ungültige Anfrage"),
    ("Validation failed", "Ungültige Eingaben"),
    ("Unauthorized", "Nicht angemeldet"),
    ("Forbidden", "Nicht erlaubt"),
    ("Conflict", "Konflikt"),
    ("Not found", "Nicht gefunden"),
    ("Method not allowed", "Methode nicht erlaubt"),
    ("Too many attempts", "Zu viele Versuche"),
    ("Service busy", "Server ausgelastet"),
    ("Internal error", "Interner Fehler"),
    ("Invalid grant", "Ungültige Berechtigung"),
    ("Invalid client", "Ungültiger Client"),
    ("Unsupported grant type", "Nicht unterstützter Berechtigungstyp"),
    ("Invalid request", "Ungültige Anfrage"),
    ("Changed since you loaded it", "Seit dem Laden geändert"),
    ("If-Match required", "If-Match erforderlich"),
    ("Verify the caller first", "Verifizieren Sie zuerst den Anrufer"),
    ("The customer's approval is required", "Die Zustimmung des Kunden ist erforderlich"),
    (
        "Staff tools need two-factor sign-in",
        "Mitarbeiterwerkzeuge erfordern die Zwei-Faktor-Anmeldung",
    ),
    ("Sign in again to continue", "Melden Sie sich erneut an, um fortzufahren"),
    ("front", "Vorderseite"),
    ("back", "Rückseite"),
    (
        "Enter the number in international format, starting with + and the country code, e.g. +44 20 7946 0958.",
        "Geben Sie die Nummer im internationalen Format ein, beginnend mit + und der Ländervorwahl, z. B. +44 20 7946 0958.",
    ),
    (
        "Start the number with + and the country code, e.g. +44 20 7946 0958; we cannot guess the country.",
        "Beginnen Sie die Nummer mit + und der Ländervorwahl, z. B. +44 20 7946 0958; wir können das Land nicht erraten.",
    ),
    (
        "The country code cannot start with 0. Enter + followed by the country code, e.g. +44 20 7946 0958.",
        "Die Ländervorwahl kann nicht mit 0 beginnen. Geben Sie + und dann die Ländervorwahl ein, z. B. +44 20 7946 0958.",
    ),
    (
        "A domain name can be at most 253 characters long (counted in its xn-- form).",
        "Ein Domainname darf höchstens 253 Zeichen lang sein (gezählt in der Form mit xn--).",
    ),
    (
        "A part of a domain name (between the dots) cannot start or end with a hyphen.",
        "Ein Teil eines Domainnamens (zwischen den Punkten) darf nicht mit einem Bindestrich beginnen oder enden.",
    ),
    (
        "Each part of a domain name (between the dots) can be at most 63 characters long.",
        "Jeder Teil eines Domainnamens (zwischen den Punkten) darf höchstens 63 Zeichen lang sein.",
    ),
    (
        "Enter a domain name such as example.com.",
        "Geben Sie einen Domainnamen wie example.com ein.",
    ),
    (
        "Enter a domain name, not an IP address; add networks under IP ranges instead.",
        "Geben Sie einen Domainnamen ein, keine IP-Adresse; fügen Sie Netze stattdessen unter IP-Bereiche hinzu.",
    ),
    (
        "Enter a full domain name with at least two parts, such as example.com.",
        "Geben Sie einen vollständigen Domainnamen mit mindestens zwei Teilen ein, z. B. example.com.",
    ),
    (
        "Enter a valid domain name; this internationalised name breaks the IDNA rules (for example, it mixes scripts or writing directions in a way that is not allowed).",
        "Geben Sie einen gültigen Domainnamen ein; dieser internationalisierte Name verstößt gegen die IDNA-Regeln (er mischt zum Beispiel Schriften oder Schreibrichtungen auf unzulässige Weise).",
    ),
    (
        "Enter a valid domain name; this internationalised name cannot be decoded.",
        "Geben Sie einen gültigen Domainnamen ein; dieser internationalisierte Name lässt sich nicht dekodieren.",
    ),
    (
        "Enter a valid domain name; this one contains characters or sequences that a domain name cannot have.",
        "Geben Sie einen gültigen Domainnamen ein; dieser enthält Zeichen oder Zeichenfolgen, die in einem Domainnamen nicht vorkommen dürfen.",
    ),
    (
        "Enter an IPv4 or IPv6 network in CIDR notation, such as 203.0.113.0/24 or 2001:db8::/48, or a single address.",
        "Geben Sie ein IPv4- oder IPv6-Netz in CIDR-Notation ein, z. B. 203.0.113.0/24 oder 2001:db8::/48, oder eine einzelne Adresse.",
    ),
    (
        "Enter just the domain name, such as example.com, without https:// or a path.",
        "Geben Sie nur den Domainnamen ein, z. B. example.com, ohne https:// und ohne Pfad.",
    ),
    (
        "Only internationalised names (xn--) may have hyphens in both the third and fourth positions of a part.",
        "Nur internationalisierte Namen (xn--) dürfen an der dritten und vierten Stelle eines Teils zugleich Bindestriche haben.",
    ),
    (
        "Remove the empty part: a domain name cannot have two dots in a row or start with a dot.",
        "Entfernen Sie den leeren Teil: Ein Domainname darf keine zwei Punkte hintereinander enthalten und nicht mit einem Punkt beginnen.",
    ),
    (
        "The address has bits set after the first {}, so it is not the start of a network. Did you mean {}/{}?",
        "Die Adresse hat nach den ersten {1} Bits gesetzte Bits, ist also nicht der Anfang eines Netzes. Meinten Sie {2}/{3}?",
    ),
    (
        "The last part of a domain name (such as com or uk) cannot be all digits.",
        "Der letzte Teil eines Domainnamens (etwa com oder uk) darf nicht nur aus Ziffern bestehen.",
    ),
    (
        "Use only letters, digits and hyphens between the dots of a domain name.",
        "Verwenden Sie zwischen den Punkten eines Domainnamens nur Buchstaben, Ziffern und Bindestriche.",
    ),
    (
        "Account maintenance notices (a password reset, a security alert, a failed payment) go by e-mail to keep your account working. They cannot be turned off, and they never carry promotions.",
        "Hinweise zur Kontopflege (ein zurückgesetztes Passwort, eine Sicherheitswarnung, eine fehlgeschlagene Zahlung) kommen per E-Mail und halten Ihr Konto am Laufen. Sie lassen sich nicht ausschalten und enthalten nie Werbung.",
    ),
    (
        "Receive {} by e-mail? Nothing is sent until you confirm.",
        "„{1}“ per E-Mail erhalten? Bis Sie bestätigen, wird nichts gesendet.",
    ),
    (
        "Stop receiving {} by e-mail at this address. No sign-in needed.",
        "„{1}“ nicht mehr per E-Mail an diese Adresse erhalten. Keine Anmeldung nötig.",
    ),
    (
        "You can change every choice later under Communications in the Steward console.",
        "Sie können jede Entscheidung später in der Steward-Konsole unter Kommunikation ändern.",
    ),
    (
        "Acting for a customer needs a passed caller check (support PIN or e-mail code) or the number of the customer's own ticket.",
        "Um im Auftrag eines Kunden zu handeln, ist eine bestandene Anruferprüfung (Support-PIN oder E-Mail-Code) oder die Nummer eines eigenen Tickets des Kunden erforderlich.",
    ),
    (
        "This customer requires their approval before staff see or change their data. Ask them to grant support access from their console.",
        "Dieser Kunde verlangt seine Zustimmung, bevor Mitarbeiter seine Daten sehen oder ändern. Bitten Sie ihn, den Support-Zugriff in seiner Konsole zu erlauben.",
    ),
    (
        "After signing in, this page returns you to the Steward console.",
        "Nach der Anmeldung bringt Sie diese Seite zur Steward-Konsole zurück.",
    ),
    (
        "Close this window and start the sign-in again from the Steward console.",
        "Schließen Sie dieses Fenster und starten Sie die Anmeldung erneut über die Steward-Konsole.",
    ),
    (
        "Sign in to manage your account, billing and privacy choices.",
        "Melden Sie sich an, um Ihr Konto, Ihre Abrechnung und Ihre Datenschutzeinstellungen zu verwalten.",
    ),
    (
        "The 6-digit code from your authenticator app, or one of your recovery codes.",
        "Der 6-stellige Code aus Ihrer Authenticator-App oder einer Ihrer Wiederherstellungscodes.",
    ),
    (
        "This change concerns your account information. Review the page the notice links to in the Steward console (Notices).",
        "Diese Änderung betrifft Ihre Kontoinformationen. Prüfen Sie die Seite, auf die die Mitteilung in der Steward-Konsole verweist (Mitteilungen).",
    ),
    (
        "This change concerns your personal information. You can opt out from the notice in the Steward console (Notices), or change your choices under Privacy and Communications at any time.",
        "Diese Änderung betrifft Ihre personenbezogenen Daten. Sie können direkt in der Mitteilung in der Steward-Konsole widersprechen (Mitteilungen) oder Ihre Entscheidungen jederzeit unter Datenschutz und Kommunikation ändern.",
    ),
    (
        "Someone (hopefully you) asked to use this address to sign in to Steward.\n\nYour confirmation code: {}\n\nIt expires in {} minutes. If this was not you, ignore this message: nothing changes.",
        "Jemand (hoffentlich Sie) hat beantragt, diese Adresse zur Anmeldung bei Steward zu verwenden.\n\nIhr Bestätigungscode: {1}\n\nEr läuft in {2} Minuten ab. Wenn Sie das nicht waren, ignorieren Sie diese Nachricht: Es ändert sich nichts.",
    ),
    (
        "Steward support asked to confirm it is you they are talking to.\n\nRead this code to the agent: {}\n\nIt expires in {} minutes. If you are not talking to Steward support, do not share it: nobody from Steward will ask for it otherwise.",
        "Der Steward-Support möchte bestätigen, dass er mit Ihnen spricht.\n\nLesen Sie dem Support-Mitarbeiter diesen Code vor: {1}\n\nEr läuft in {2} Minuten ab. Wenn Sie nicht mit dem Steward-Support sprechen, geben Sie ihn nicht weiter: Sonst fragt niemand von Steward danach.",
    ),
    (
        "Someone already signs in with this address. To make an existing staff member an administrator, change their role instead.",
        "Mit dieser Adresse meldet sich bereits jemand an. Um einen bestehenden Mitarbeiter zum Administrator zu machen, ändern Sie stattdessen seine Rolle.",
    ),
    (
        "{} added you to Steward as {}.\n\n1. Choose your password here (the link works once, for three days):\n{}\n\n2. Sign in to the Steward console with this address and that password.\n\n3. Turn on two-factor sign-in when the console asks: staff tools open only after that.\n\nIf you did not expect this, ignore this message.",
        "{1} hat Sie als {2} zu Steward hinzugefügt.\n\n1. Wählen Sie hier Ihr Passwort (der Link funktioniert einmal, drei Tage lang):\n{3}\n\n2. Melden Sie sich mit dieser Adresse und diesem Passwort bei der Steward-Konsole an.\n\n3. Schalten Sie die Zwei-Faktor-Anmeldung ein, wenn die Konsole danach fragt: Erst danach öffnen sich die Mitarbeiterwerkzeuge.\n\nWenn Sie das nicht erwartet haben, ignorieren Sie diese Nachricht.",
    ),
    (
        "Customers were not told that {} receives \"{}\". To share more, announce it in a policy version and add the partner again under a new id.",
        "Kunden wurde nicht mitgeteilt, dass {1} „{2}“ erhält. Um mehr weiterzugeben, kündigen Sie es in einer Richtlinienversion an und fügen Sie den Partner unter einer neuen ID erneut hinzu.",
    ),
    (
        "That version does not offer customers the \"stop partner sharing\" opt-out. Announce a new partner in a version about personal information that offers it.",
        "Diese Version bietet Kunden die Widerspruchsmöglichkeit „Weitergabe an Dienstleistungspartner beenden“ nicht an. Kündigen Sie einen neuen Partner in einer Version zu personenbezogenen Daten an, die sie anbietet.",
    ),
    (
        "That version is already in force, so customers had no notice of this partner. Publish a new version that takes effect later.",
        "Diese Version ist bereits in Kraft, daher wurden Kunden über diesen Partner nicht vorab informiert. Veröffentlichen Sie eine neue Version, die später in Kraft tritt.",
    ),
    (
        "There is no published policy version with this name. Publish the version that announces the partner first.",
        "Es gibt keine veröffentlichte Richtlinienversion mit diesem Namen. Veröffentlichen Sie zuerst die Version, die den Partner ankündigt.",
    ),
    (
        "Choose a new password: at least 12 characters. A few unrelated words make a good one.",
        "Wählen Sie ein neues Passwort: mindestens 12 Zeichen. Einige Wörter ohne Zusammenhang ergeben ein gutes Passwort.",
    ),
    (
        "It was used already, or it expired. Ask whoever sent it for a new one, or change your password under Security in the Steward console.",
        "Er wurde bereits verwendet oder ist abgelaufen. Bitten Sie die Person, die ihn gesendet hat, um einen neuen, oder ändern Sie Ihr Passwort in der Steward-Konsole unter Sicherheit.",
    ),
    (
        "Sign in with it in the Steward console. Every session that was signed in has been signed out.",
        "Melden Sie sich damit in der Steward-Konsole an. Alle Sitzungen, die angemeldet waren, wurden abgemeldet.",
    ),
    (
        "Steward support sent you this link because you asked them to reset your password.\n\nChoose a new password here (the link works once, for one hour):\n{}\n\nIf you did not ask for this, ignore this message: your password stays as it is. Nobody at Steward will ever ask you for your password.",
        "Der Steward-Support hat Ihnen diesen Link gesendet, weil Sie darum gebeten haben, Ihr Passwort zurückzusetzen.\n\nWählen Sie hier ein neues Passwort (der Link funktioniert einmal, eine Stunde lang):\n{1}\n\nWenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt, wie es ist. Niemand bei Steward wird Sie jemals nach Ihrem Passwort fragen.",
    ),
    (
        "{} invited you to help manage {} on Steward.\n\nSign in to the Steward console with this address, open Team, and enter the code:\n\n{}\n\nThe invitation expires in {} days.",
        "{1} hat Sie eingeladen, {2} auf Steward mitzuverwalten.\n\nMelden Sie sich mit dieser Adresse bei der Steward-Konsole an, öffnen Sie Team und geben Sie den Code ein:\n\n{3}\n\nDie Einladung läuft in {4} Tagen ab.",
    ),
    (
        "Check the field marked below. For your safety, the card number and security code are not kept: enter them again.",
        "Prüfen Sie das unten markierte Feld. Zu Ihrer Sicherheit werden Kartennummer und Sicherheitscode nicht aufbewahrt: Geben Sie sie erneut ein.",
    ),
    (
        "Check the fields marked below. For your safety, the card number and security code are not kept: enter them again.",
        "Prüfen Sie die unten markierten Felder. Zu Ihrer Sicherheit werden Kartennummer und Sicherheitscode nicht aufbewahrt: Geben Sie sie erneut ein.",
    ),
    (
        "When the card is added, return to the Steward console: it updates by itself.",
        "Wenn die Karte hinzugefügt ist, kehren Sie zur Steward-Konsole zurück: Sie aktualisiert sich von selbst.",
    ),
    (
        "You can close this window and return to the Steward console.",
        "Sie können dieses Fenster schließen und zur Steward-Konsole zurückkehren.",
    ),
    (
        "Your card number goes only to our payment vault. Steward keeps the brand, the last four digits, the expiry date and the billing address. This page works once, until {}.",
        "Ihre Kartennummer geht nur an unseren Zahlungstresor. Steward speichert die Kartenmarke, die letzten vier Ziffern, das Ablaufdatum und die Rechnungsadresse. Diese Seite kann einmal verwendet werden, bis {1}.",
    ),
    ("{} ending {}, expires {}/{}.", "{1} mit Endziffern {2}, gültig bis {3}/{4}."),
    // Pages, labels and e-mail.
    ("Sign in", "Anmelden"),
    ("Sign in to Steward", "Bei Steward anmelden"),
    ("Authentication code", "Authentifizierungscode"),
    ("E-mail address", "E-Mail-Adresse"),
    ("Password", "Passwort"),
    ("Sign-in failed", "Anmeldung fehlgeschlagen"),
    ("Sign-in request refused", "Anmeldeanfrage abgelehnt"),
    ("Sign-in is unavailable", "Anmeldung nicht verfügbar"),
    ("Unsubscribe", "Abbestellen"),
    ("Confirm", "Bestätigen"),
    ("Please try again", "Bitte versuchen Sie es noch einmal"),
    ("This link is not valid", "Dieser Link ist ungültig"),
    ("Confirm your subscription", "Bestätigen Sie Ihr Abonnement"),
    ("Already confirmed", "Bereits bestätigt"),
    ("This link has expired", "Dieser Link ist abgelaufen"),
    ("Nothing to confirm", "Nichts zu bestätigen"),
    ("You are unsubscribed", "Abbestellt"),
    ("Subscription confirmed", "Abonnement bestätigt"),
    ("About our services", "Über unsere Dienste"),
    ("Newsletters and product ideas", "Newsletter und Produktideen"),
    ("Support and account maintenance", "Support und Kontopflege"),
    ("Product testing and evaluation", "Produkttests und Bewertung"),
    ("Usage and trends", "Nutzung und Trends"),
    (
        "Status: account usage, billing, system status",
        "Status: Kontonutzung, Abrechnung, Systemstatus",
    ),
    ("Steward · Secure card entry", "Steward · Sichere Karteneingabe"),
    ("Add a card", "Karte hinzufügen"),
    ("Add a card · Steward", "Karte hinzufügen · Steward"),
    ("Billing address", "Rechnungsadresse"),
    ("Card added", "Karte hinzugefügt"),
    ("Card added · Steward", "Karte hinzugefügt · Steward"),
    ("Card number", "Kartennummer"),
    ("Expiry month", "Ablaufmonat"),
    ("Expiry year", "Ablaufjahr"),
    ("Security code", "Sicherheitscode"),
    ("Country (2-letter code, e.g. GB)", "Land (zweistelliger Code, z. B. GB)"),
    ("Address line 1", "Adresszeile 1"),
    ("Address line 2 (optional)", "Adresszeile 2 (optional)"),
    ("Town or city", "Ort"),
    ("State or region", "Bundesstaat oder Region"),
    ("Postal code", "Postleitzahl"),
    ("This card page does not exist", "Diese Kartenseite gibt es nicht"),
    ("The card page is unavailable", "Die Kartenseite ist nicht verfügbar"),
    ("This card page has expired", "Diese Kartenseite ist abgelaufen"),
    ("This card page has been used", "Diese Kartenseite wurde bereits verwendet"),
    ("Choose a new password", "Wählen Sie ein neues Passwort"),
    ("Your password is changed", "Ihr Passwort wurde geändert"),
    ("New password", "Neues Passwort"),
    ("The same again", "Neues Passwort wiederholen"),
    ("Set the password", "Passwort festlegen"),
    (
        "Confirm your new Steward sign-in e-mail",
        "Bestätigen Sie Ihre neue Anmelde-E-Mail-Adresse für Steward",
    ),
    (
        "Your Steward sign-in e-mail is about to change",
        "Ihre Anmelde-E-Mail-Adresse für Steward soll geändert werden",
    ),
    ("Your request to delete {}", "Ihr Antrag auf Löschung von {1}"),
    ("{} has been deleted", "{1} wurde gelöscht"),
    ("Choose a new Steward password", "Wählen Sie ein neues Steward-Passwort"),
    ("Your support verification code", "Ihr Bestätigungscode für den Support"),
    ("Your Steward staff account", "Ihr Steward-Mitarbeiterkonto"),
    ("{} invited you to {} on Steward", "{1} hat Sie zu {2} auf Steward eingeladen"),
    ("You are subscribed: {}", "Sie haben abonniert: {1}"),
    (
        "You asked to receive the following by e-mail. Nothing is sent until you confirm:",
        "Sie haben darum gebeten, Folgendes per E-Mail zu erhalten. Bis Sie bestätigen, wird nichts gesendet:",
    ),
    (
        "The links work for {} days. If you did not ask for this, ignore this message: nothing changes.",
        "Die Links funktionieren {1} Tage lang. Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht: Es ändert sich nichts.",
    ),
    (
        "Thank you for confirming. To stop at any time, open this link (no sign-in needed):",
        "Danke für Ihre Bestätigung. Um jederzeit abzubestellen, öffnen Sie diesen Link (keine Anmeldung nötig):",
    ),
    // Deletion mail, and the roles a new staff member is given.
    (
        "You asked us to delete the account {} on Steward.\n\nIt will be deleted on or after {}. Until then you can cancel the request in the console, under Privacy.",
        "Sie haben uns gebeten, das Konto {1} bei Steward zu löschen.\n\nEs wird am {2} oder danach gelöscht. Bis dahin können Sie den Antrag in der Konsole unter Datenschutz zurückziehen.",
    ),
    (
        "A legal hold applies to this account: nothing will be deleted while it holds. The console explains it under Privacy.",
        "Für dieses Konto besteht ein Legal Hold: Solange er besteht, wird nichts gelöscht. Die Konsole erklärt ihn unter Datenschutz.",
    ),
    ("an administrator", "Administrator"),
    ("a support agent", "Support-Mitarbeiter"),
    (
        "As you asked, the account {} has been deleted. We kept only what the law requires (invoices) and the receipts of your choices.",
        "Wie gewünscht wurde das Konto {1} gelöscht. Wir haben nur behalten, was das Gesetz verlangt (Rechnungen), und die Belege Ihrer Entscheidungen.",
    ),
    // Written now, worded when read: the staff-access log, activity, field labels, deletion.
    ("contact e-mail addresses", "Kontakt-E-Mail-Adressen"),
    ("postal address", "Postanschrift"),
    ("team members' sign-in e-mails", "Anmelde-E-Mail-Adressen der Teammitglieder"),
    ("telephone numbers", "Telefonnummern"),
    ("Legal name", "Amtlicher Name"),
    ("Display name", "Anzeigename"),
    ("Company name", "Firmenname"),
    ("Company registration number", "Registernummer"),
    ("VAT or tax ID", "Steuernummer"),
    ("Industry", "Branche"),
    ("Website", "Website"),
    ("Contact e-mail addresses", "Kontakt-E-Mail-Adressen"),
    ("Postal address", "Postanschrift"),
    ("Country", "Land"),
    ("Address line 2", "Adresszeile 2"),
    ("State, province or region", "Bundesland, Provinz oder Region"),
    ("Phone", "Telefon"),
    ("Fax", "Fax"),
    ("Domains", "Domains"),
    ("Contracts and invoicing", "Verträge und Rechnungen"),
    ("How we address you", "Wie wir Sie ansprechen"),
    ("Company verification", "Unternehmensprüfung"),
    ("Tax-exempt (reverse-charge) invoicing", "Steuerfreie Rechnungen (Reverse-Charge)"),
    ("Tailored product information", "Passende Produktinformationen"),
    ("Account and service notices", "Konto- und Servicemitteilungen"),
    ("Invoicing and tax", "Rechnungen und Steuern"),
    ("Support call-backs", "Rückrufe des Supports"),
    ("Legal notices by fax", "Rechtliche Mitteilungen per Fax"),
    (
        "Restricting media API access to your networks",
        "Beschränkung des Medien-API-Zugriffs auf Ihre Netze",
    ),
    ("Custom domains for media delivery", "Eigene Domains für die Medienauslieferung"),
    (
        "Read-only once invoices have been issued",
        "Nicht mehr änderbar, sobald Rechnungen ausgestellt wurden",
    ),
    ("account disabled", "Konto deaktiviert"),
    ("wrong password", "falsches Passwort"),
    ("wrong two-factor code", "falscher Zwei-Faktor-Code"),
    ("used to sign in", "zur Anmeldung verwendet"),
    ("used to turn off two-factor sign-in", "zum Ausschalten der Zwei-Faktor-Anmeldung verwendet"),
    ("authenticator app", "Authenticator-App"),
    ("to {}", "auf {1}"),
    ("turned off in the console", "in der Konsole ausgeschaltet"),
    ("{} other session(s) signed out", "{1} andere Sitzung(en) abgemeldet"),
    ("one session", "eine Sitzung"),
    ("{} other session(s)", "{1} andere Sitzung(en)"),
    (
        "with a single-use link; {} session(s) signed out",
        "mit einem Einmal-Link; {1} Sitzung(en) abgemeldet",
    ),
    ("Invoices", "Rechnungen"),
    ("Consent receipts", "Einwilligungsbelege"),
    ("The sharing ledger", "Das Weitergabeprotokoll"),
    ("This request", "Dieser Antrag"),
    ("Your sign-in", "Ihre Anmeldung"),
    (
        "the account's deletion, as the customer asked",
        "die Löschung des Kontos, wie vom Kunden beantragt",
    ),
    ("a legal hold placed", "ein Legal Hold gesetzt"),
    ("the legal hold lifted", "der Legal Hold aufgehoben"),
    ("a verification code to {}", "ein Bestätigungscode an {1}"),
    (
        "acting for the customer (caller verified)",
        "Handeln im Auftrag des Kunden (Anrufer verifiziert)",
    ),
    (
        "acting for the customer (on their ticket)",
        "Handeln im Auftrag des Kunden (über seine Support-Anfrage)",
    ),
    ("e-mailed code", "per E-Mail gesendeter Code"),
    ("support PIN", "Support-PIN"),
    ("passed", "bestanden"),
    ("failed", "nicht bestanden"),
    ("profile: {}", "Profil: {1}"),
    ("the full profile (while acting)", "das vollständige Profil (beim Handeln im Auftrag)"),
    ("the session acting for the customer", "die Sitzung im Auftrag des Kunden"),
    ("{} for {}: {}", "{1} für {2}: {3}"),
    ("{}'s communications: {}", "Kommunikation von {1}: {2}"),
    ("the account's masked summary", "die maskierte Übersicht des Kontos"),
    ("added {} as {}", "{1} als {2} hinzugefügt"),
    ("a password reset link to {}", "ein Link zum Festlegen eines neuen Passworts an {1}"),
    ("an anonymised summary of {}", "eine anonymisierte Zusammenfassung von {1}"),
    ("{} marked {}", "{1} als {2} markiert"),
    ("an internal note on {}", "eine interne Notiz zu {1}"),
    ("a reply on {}", "eine Antwort auf {1}"),
    ("a correction request for {}: {}", "ein Berichtigungsantrag zu {1}: {2}"),
    ("a verification request: {}", "eine Bestätigungsanfrage: {1}"),
    // The licensing system's history (the demo's, until a real one writes it).
    ("Renewed for one year", "Für ein Jahr verlängert"),
    ("{} seats, one year", "{1} Plätze, ein Jahr"),
    ("{} → {} seats", "{1} → {2} Plätze"),
];

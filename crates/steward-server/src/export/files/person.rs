//! The requester's files (`you/` in the archive): what the service keeps
//! about the person who asked for the export.

use super::{FileSpec, Paging, Scope, RECEIPT};
use crate::store::ColumnKind::{Bool, Int, Millis, Text, Uuid};

pub const PERSON: &[FileSpec] = &[
    FileSpec {
        name: "you/user.json",
        table: "users",
        about: "You: your sign-in e-mail, your name, when you joined and last changed your password.",
        scope: Scope::Person,
        sql: "SELECT id, email, display_name, created_at, password_changed_at, disabled_at \
              FROM users WHERE id = $1",
        paging: Paging::Whole,
        columns: &[
            ("id", Uuid),
            ("email", Text),
            ("display_name", Text),
            ("created_at", Millis),
            ("password_changed_at", Millis),
            ("disabled_at", Millis),
        ],
    },
    FileSpec {
        name: "you/roles.json",
        table: "user_roles",
        about: "Your roles with the service (customer, or staff).",
        scope: Scope::Person,
        sql: "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role",
        paging: Paging::Whole,
        columns: &[("role", Text)],
    },
    FileSpec {
        name: "you/sessions.json",
        table: "token_families",
        about: "Your sign-in sessions (PR-13): the app, the address and browser they came from, when they were last used, and if and why they were ended.",
        scope: Scope::Person,
        sql: page!("SELECT id, client_id, created_at, last_used_at, revoked_at, revoked_reason, user_agent, ip_address \
              FROM token_families WHERE user_id = $1 AND id > $2 ORDER BY id"),
        paging: Paging::Key("id"),
        columns: &[
            ("id", Uuid),
            ("client_id", Text),
            ("created_at", Millis),
            ("last_used_at", Millis),
            ("revoked_at", Millis),
            ("revoked_reason", Text),
            ("user_agent", Text),
            ("ip_address", Text),
        ],
    },
    FileSpec {
        name: "you/activity.json",
        table: "activity_events",
        about: "Your account activity (PR-13): sign-ins, security changes, with address and browser.",
        scope: Scope::Person,
        sql: page!("SELECT id, kind, at, ip_address, user_agent, detail FROM activity_events \
              WHERE user_id = $1 AND id > $2 ORDER BY id"),
        paging: Paging::Key("id"),
        columns: &[
            ("id", Uuid),
            ("kind", Text),
            ("at", Millis),
            ("ip_address", Text),
            ("user_agent", Text),
            ("detail", Text),
        ],
    },
    FileSpec {
        name: "you/email-change.json",
        table: "email_changes",
        about: "A change of sign-in e-mail you started and have not confirmed yet.",
        scope: Scope::Person,
        sql: "SELECT new_email, attempts, created_at, expires_at FROM email_changes WHERE user_id = $1",
        paging: Paging::Whole,
        columns: &[
            ("new_email", Text),
            ("attempts", Int),
            ("created_at", Millis),
            ("expires_at", Millis),
        ],
    },
    FileSpec {
        name: "you/two-factor.json",
        table: "totp_credentials",
        about: "Whether and since when you sign in with two factors. The secret itself is not exported.",
        scope: Scope::Person,
        sql: "SELECT created_at, confirmed_at FROM totp_credentials WHERE user_id = $1",
        paging: Paging::Whole,
        columns: &[("created_at", Millis), ("confirmed_at", Millis)],
    },
    FileSpec {
        name: "you/recovery-codes.json",
        table: "recovery_codes",
        about: "Your two-factor recovery codes: only whether and when each was used, never the codes.",
        scope: Scope::Person,
        sql: "SELECT used_at FROM recovery_codes WHERE user_id = $1 ORDER BY used_at",
        paging: Paging::Whole,
        columns: &[("used_at", Millis)],
    },
    FileSpec {
        name: "you/communication-preferences.json",
        table: "comm_prefs",
        about: "Your communication preferences (PR-4, PR-5): each purpose and channel you changed from its default.",
        scope: Scope::Person,
        sql: "SELECT purpose, channel, state, updated_at FROM comm_prefs WHERE user_id = $1 \
              ORDER BY purpose, channel",
        paging: Paging::Whole,
        columns: &[
            ("purpose", Text),
            ("channel", Text),
            ("state", Text),
            ("updated_at", Millis),
        ],
    },
    FileSpec {
        name: "you/opt-in-confirmations.json",
        table: "comm_optins",
        about: "The e-mails asking you to confirm a subscription (double opt-in), and whether you did.",
        scope: Scope::Person,
        sql: "SELECT purpose, created_at, expires_at, confirmed_at FROM comm_optins WHERE user_id = $1 \
              ORDER BY created_at",
        paging: Paging::Whole,
        columns: &[
            ("purpose", Text),
            ("created_at", Millis),
            ("expires_at", Millis),
            ("confirmed_at", Millis),
        ],
    },
    FileSpec {
        name: "you/consent-receipts.json",
        table: "consent_receipts",
        about: "Your consent receipts: every change of a preference, of sharing, of cookies and every policy acknowledgement, with who made it, from where, and the policy in force.",
        scope: Scope::Person,
        sql: page!("SELECT id, user_id, account_id, at, actor_name, actor_kind, reason, subject, old_state, \
              new_state, source, policy_version FROM consent_receipts WHERE user_id = $1 AND id > $2 ORDER BY id"),
        paging: Paging::Key("id"),
        columns: RECEIPT,
    },
    FileSpec {
        name: "you/cookie-consent.json",
        table: "cookie_consent",
        about: "Your cookie choices for the service's websites (PR-14).",
        scope: Scope::Person,
        sql: "SELECT preferences, analytics, version, decided_at FROM cookie_consent WHERE user_id = $1",
        paging: Paging::Whole,
        columns: &[
            ("preferences", Bool),
            ("analytics", Bool),
            ("version", Int),
            ("decided_at", Millis),
        ],
    },
    FileSpec {
        name: "you/notices.json",
        table: "notice_states",
        about: "The policy notices you read and acknowledged (PR-7).",
        scope: Scope::Person,
        sql: "SELECT version, read_at, acknowledged_at FROM notice_states WHERE user_id = $1 \
              ORDER BY version",
        paging: Paging::Whole,
        columns: &[
            ("version", Text),
            ("read_at", Millis),
            ("acknowledged_at", Millis),
        ],
    },
    FileSpec {
        name: "you/mail.json",
        table: "outbox",
        about: "The e-mails the service sent to your sign-in address since you joined: to whom, the subject and when. Not the bodies: they hold live confirmation, invitation and unsubscribe links.",
        scope: Scope::Person,
        sql: page!("SELECT o.id, o.recipient, o.subject, o.created_at FROM outbox o \
              JOIN users u ON u.id = $1 AND o.recipient = u.email AND o.created_at >= u.created_at \
              WHERE o.id > $2 ORDER BY o.id"),
        paging: Paging::Key("id"),
        columns: &[
            ("id", Uuid),
            ("recipient", Text),
            ("subject", Text),
            ("sent_at", Millis),
        ],
    },];

//! What the export contains (PR-15): one JSON file per table that holds the
//! account's or the person's data, and the reason for every table left out.
//! `tests/tests/export.rs` checks that every table in the database is in
//! exactly one of the two lists, so a new table cannot be forgotten.
//!
//! Secrets never leave: password and token hashes, two-factor secrets, the
//! payment vault's card tokens and the server's keys are not selected.

use crate::store::ColumnKind::{self, Bool, Int, Json, Millis, Text, Uuid};

/// Whose data a file holds: `$1` in its SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The account being exported.
    Account,
    /// The person who asked for the export (other members' personal data
    /// is theirs to export).
    Person,
}

#[derive(Debug)]
pub struct FileSpec {
    pub name: &'static str,
    /// The table the rows come from (the completeness check's key).
    pub table: &'static str,
    pub about: &'static str,
    pub scope: Scope,
    /// Binds `$1` (the scope's id); when paged, also `$2`, the last key of
    /// the previous page, and returns one page ordered by it.
    pub sql: &'static str,
    pub paging: Paging,
    pub columns: &'static [(&'static str, ColumnKind)],
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// One query: a table bounded per account or person.
    Whole,
    /// Pages keyed on this unique column.
    Key(&'static str),
    /// Children of a page of parents: each page selects the next parents
    /// (keyed on `parent`) with their children joined, so a page never cuts
    /// a parent's children in two. A parent without children comes back
    /// once with `child` NULL, keeps the paging going, and is not written.
    Parents {
        parent: &'static str,
        child: &'static str,
    },
}

impl Paging {
    /// The column the next page starts after.
    pub fn key(self) -> Option<&'static str> {
        match self {
            Self::Whole => None,
            Self::Key(k) | Self::Parents { parent: k, .. } => Some(k),
        }
    }
}

/// Rows per page: what the export holds in memory at once.
pub const PAGE: i64 = 500;

macro_rules! page {
    ($sql:literal) => {
        concat!($sql, " LIMIT 500")
    };
}

const ACTOR: [(&str, ColumnKind); 2] = [("actor_name", Text), ("actor_kind", Text)];

/// A consent receipt, in the person's file and the account's alike.
const RECEIPT: &[(&str, ColumnKind)] = &[
    ("id", Uuid),
    ("user_id", Uuid),
    ("account_id", Uuid),
    ("at", Millis),
    ACTOR[0],
    ACTOR[1],
    ("reason", Text),
    ("subject", Text),
    ("old_state", Text),
    ("new_state", Text),
    ("source", Text),
    ("policy_version", Text),
];

pub const FILES: &[FileSpec] = &[
    FileSpec {
        name: "account/account.json",
        table: "accounts",
        about: "The account: its name, kind and when it was opened and first invoiced.",
        scope: Scope::Account,
        sql: "SELECT id, name, kind, created_at, invoiced_at FROM accounts WHERE id = $1",
        paging: Paging::Whole,
        columns: &[
            ("id", Uuid),
            ("name", Text),
            ("kind", Text),
            ("created_at", Millis),
            ("invoiced_at", Millis),
        ],
    },
    FileSpec {
        name: "account/profile.json",
        table: "account_profiles",
        about: "The profile (PR-1): names, e-mail addresses, telephone numbers, postal address, company details, domains and IP ranges.",
        scope: Scope::Account,
        sql: "SELECT doc, version, updated_at FROM account_profiles WHERE account_id = $1",
        paging: Paging::Whole,
        columns: &[("profile", Json), ("version", Int), ("updated_at", Millis)],
    },
    FileSpec {
        name: "account/profile-history.json",
        table: "profile_changes",
        about: "Every change to the profile: the field, old and new value, who made it (you, a team member or staff) and when.",
        scope: Scope::Account,
        sql: page!("SELECT id, version, field, old_value, new_value, actor_name, actor_kind, at \
              FROM profile_changes WHERE account_id = $1 AND id > $2 ORDER BY id"),
        paging: Paging::Key("id"),
        columns: &[
            ("id", Uuid),
            ("version", Int),
            ("field", Text),
            ("old_value", Text),
            ("new_value", Text),
            ACTOR[0],
            ACTOR[1],
            ("at", Millis),
        ],
    },
    FileSpec {
        name: "account/verification-requests.json",
        table: "verification_requests",
        about: "Requests to verify the account's information (PR-8): who asked, why, and when it was due and done.",
        scope: Scope::Account,
        sql: page!("SELECT id, source, actor_name, actor_kind, reason, created_at, due_at, completed_at \
              FROM verification_requests WHERE account_id = $1 AND id > $2 ORDER BY id"),
        paging: Paging::Key("id"),
        columns: &[
            ("id", Uuid),
            ("source", Text),
            ACTOR[0],
            ACTOR[1],
            ("reason", Text),
            ("created_at", Millis),
            ("due_at", Millis),
            ("completed_at", Millis),
        ],
    },
    FileSpec {
        name: "account/verification-checks.json",
        table: "verification_checks",
        about: "Each item of those requests, and who confirmed it when.",
        scope: Scope::Account,
        sql: "SELECT r.id, c.item, c.confirmed_at, c.actor_name, c.actor_kind FROM \
              (SELECT id FROM verification_requests WHERE account_id = $1 AND id > $2 ORDER BY id LIMIT 100) r \
              LEFT JOIN verification_checks c ON c.request_id = r.id ORDER BY r.id, c.item",
        paging: Paging::Parents {
            parent: "request_id",
            child: "item",
        },
        columns: &[
            ("request_id", Uuid),
            ("item", Text),
            ("confirmed_at", Millis),
            ACTOR[0],
            ACTOR[1],
        ],
    },
    FileSpec {
        name: "account/correction-requests.json",
        table: "correction_requests",
        about: "Requests to correct information you cannot edit yourself (PR-9), and how each was resolved.",
        scope: Scope::Account,
        sql: page!("SELECT id, field, current_value, requested_value, reason, status, resolution, \
              actor_name, actor_kind, created_at, updated_at \
              FROM correction_requests WHERE account_id = $1 AND id > $2 ORDER BY id"),
        paging: Paging::Key("id"),
        columns: &[
            ("id", Uuid),
            ("field", Text),
            ("current_value", Text),
            ("requested_value", Text),
            ("reason", Text),
            ("status", Text),
            ("resolution", Text),
            ACTOR[0],
            ACTOR[1],
            ("created_at", Millis),
            ("updated_at", Millis),
        ],
    },
    FileSpec {
        name: "account/members.json",
        table: "account_members",
        about: "The people who can act on the account (PR-12) and their roles.",
        scope: Scope::Account,
        sql: "SELECT m.user_id, u.display_name, u.email, m.role, m.created_at \
              FROM account_members m JOIN users u ON u.id = m.user_id WHERE m.account_id = $1 \
              ORDER BY m.created_at, m.user_id",
        paging: Paging::Whole,
        columns: &[
            ("user_id", Uuid),
            ("name", Text),
            ("email", Text),
            ("role", Text),
            ("since", Millis),
        ],
    },
    FileSpec {
        name: "account/invitations.json",
        table: "invitations",
        about: "Invitations to join the account: to whom, with which role, by whom, and what became of each.",
        scope: Scope::Account,
        sql: page!("SELECT id, email, role, invited_by, created_at, expires_at, last_sent_at, accepted_at, cancelled_at \
              FROM invitations WHERE account_id = $1 AND id > $2 ORDER BY id"),
        paging: Paging::Key("id"),
        columns: &[
            ("id", Uuid),
            ("email", Text),
            ("role", Text),
            ("invited_by", Text),
            ("created_at", Millis),
            ("expires_at", Millis),
            ("last_sent_at", Millis),
            ("accepted_at", Millis),
            ("cancelled_at", Millis),
        ],
    },
    FileSpec {
        name: "account/subscription.json",
        table: "subscriptions",
        about: "The plan, the current billing period and, if you cancelled, why (PR-2).",
        scope: Scope::Account,
        sql: "SELECT plan_id, status, period_start, period_end, cancel_reason, version \
              FROM subscriptions WHERE account_id = $1",
        paging: Paging::Whole,
        columns: &[
            ("plan_id", Text),
            ("status", Text),
            ("period_start", Millis),
            ("period_end", Millis),
            ("cancel_reason", Text),
            ("version", Int),
        ],
    },
    FileSpec {
        name: "account/invoices.json",
        table: "invoices",
        about: "Every invoice (PR-2): number, dates, status and totals. Amounts are exact decimal strings.",
        scope: Scope::Account,
        sql: page!("SELECT id, number, issued_at, due_at, paid_at, status, currency, subtotal, tax_rate, tax, total \
              FROM invoices WHERE account_id = $1 AND id > $2 ORDER BY id"),
        paging: Paging::Key("id"),
        columns: &[
            ("id", Uuid),
            ("number", Text),
            ("issued_at", Millis),
            ("due_at", Millis),
            ("paid_at", Millis),
            ("status", Text),
            ("currency", Text),
            ("subtotal", Text),
            ("tax_rate", Text),
            ("tax", Text),
            ("total", Text),
        ],
    },
    FileSpec {
        name: "account/invoice-lines.json",
        table: "invoice_lines",
        about: "The lines of each invoice, by invoice_id.",
        scope: Scope::Account,
        sql: "SELECT i.id, l.position, l.description, l.quantity, l.unit_price, l.amount FROM \
              (SELECT id FROM invoices WHERE account_id = $1 AND id > $2 ORDER BY id LIMIT 200) i \
              LEFT JOIN invoice_lines l ON l.invoice_id = i.id ORDER BY i.id, l.position",
        paging: Paging::Parents {
            parent: "invoice_id",
            child: "position",
        },
        columns: &[
            ("invoice_id", Uuid),
            ("position", Int),
            ("description", Text),
            ("quantity", Int),
            ("unit_price", Text),
            ("amount", Text),
        ],
    },
    FileSpec {
        name: "account/licenses.json",
        table: "licenses",
        about: "License records (PR-3): product, seats, term and renewal.",
        scope: Scope::Account,
        sql: "SELECT id, product, seats, term_start, term_end, auto_renew FROM licenses \
              WHERE account_id = $1 ORDER BY id",
        paging: Paging::Whole,
        columns: &[
            ("id", Uuid),
            ("product", Text),
            ("seats", Int),
            ("term_start", Millis),
            ("term_end", Millis),
            ("auto_renew", Bool),
        ],
    },
    FileSpec {
        name: "account/license-history.json",
        table: "license_events",
        about: "What happened to each license, by license_id.",
        scope: Scope::Account,
        sql: "SELECT e.license_id, e.at, e.kind, e.detail FROM license_events e \
              JOIN licenses l ON l.id = e.license_id WHERE l.account_id = $1 ORDER BY e.license_id, e.at",
        paging: Paging::Whole,
        columns: &[
            ("license_id", Uuid),
            ("at", Millis),
            ("kind", Text),
            ("detail", Text),
        ],
    },
    FileSpec {
        name: "account/usage.json",
        table: "usage_months",
        about: "Monthly usage (PR-3): downloads, bandwidth and storage in gigabytes.",
        scope: Scope::Account,
        sql: "SELECT month, downloads, bandwidth_gb, storage_gb FROM usage_months \
              WHERE account_id = $1 ORDER BY month",
        paging: Paging::Whole,
        columns: &[
            ("month", Text),
            ("downloads", Int),
            ("bandwidth_gb", Text),
            ("storage_gb", Text),
        ],
    },
    FileSpec {
        name: "account/payment-methods.json",
        table: "payment_methods",
        about: "Cards on file: brand, last four digits, expiry and billing address. The card number was never kept.",
        scope: Scope::Account,
        sql: "SELECT id, brand, last4, exp_month, exp_year, is_default, billing_address, created_at \
              FROM payment_methods WHERE account_id = $1 ORDER BY created_at, id",
        paging: Paging::Whole,
        columns: &[
            ("id", Uuid),
            ("brand", Text),
            ("last4", Text),
            ("exp_month", Int),
            ("exp_year", Int),
            ("is_default", Bool),
            ("billing_address", Json),
            ("created_at", Millis),
        ],
    },
    FileSpec {
        name: "account/card-entries.json",
        table: "card_entries",
        about: "Each time someone opened the card page to add a card: who, when, and the card it added.",
        scope: Scope::Account,
        sql: page!("SELECT id, created_by, created_at, expires_at, completed_at, payment_method_id \
              FROM card_entries WHERE account_id = $1 AND id > $2 ORDER BY id"),
        paging: Paging::Key("id"),
        columns: &[
            ("id", Uuid),
            ("created_by", Uuid),
            ("created_at", Millis),
            ("expires_at", Millis),
            ("completed_at", Millis),
            ("payment_method_id", Uuid),
        ],
    },
    FileSpec {
        name: "account/sharing.json",
        table: "sharing_settings",
        about: "Sharing with service partners (PR-6): the \"do not share\" switch and the partners turned off.",
        scope: Scope::Account,
        sql: "SELECT share_none, opted_out, version, exports FROM sharing_settings WHERE account_id = $1",
        paging: Paging::Whole,
        columns: &[
            ("share_none", Bool),
            ("opted_out", Json),
            ("version", Int),
            ("exports", Int),
        ],
    },
    FileSpec {
        name: "account/sharing-ledger.json",
        table: "sharing_ledger",
        about: "Every time the account's data went to a partner: which partner, which categories, why and when.",
        scope: Scope::Account,
        sql: page!("SELECT id, partner_id, categories, reason, at FROM sharing_ledger \
              WHERE account_id = $1 AND id > $2 ORDER BY id"),
        paging: Paging::Key("id"),
        columns: &[
            ("id", Uuid),
            ("partner_id", Text),
            ("categories", Json),
            ("reason", Text),
            ("at", Millis),
        ],
    },
    FileSpec {
        name: "account/consent-receipts.json",
        table: "consent_receipts",
        about: "Receipts of the account's own choices (partner sharing), whichever member made them.",
        scope: Scope::Account,
        sql: page!("SELECT id, user_id, account_id, at, actor_name, actor_kind, reason, subject, old_state, \
              new_state, source, policy_version FROM consent_receipts WHERE account_id = $1 AND id > $2 ORDER BY id"),
        paging: Paging::Key("id"),
        columns: RECEIPT,
    },
    FileSpec {
        name: "account/export-history.json",
        table: "export_jobs",
        about: "Earlier exports of the account's data: who asked, when, and how each ended.",
        scope: Scope::Account,
        sql: page!("SELECT id, requested_by, status, created_at, finished_at, expires_at \
              FROM export_jobs WHERE account_id = $1 AND id > $2 ORDER BY id"),
        paging: Paging::Key("id"),
        columns: &[
            ("id", Uuid),
            ("requested_by", Uuid),
            ("status", Text),
            ("created_at", Millis),
            ("finished_at", Millis),
            ("expires_at", Millis),
        ],
    },
    FileSpec {
        name: "account/deletion-requests.json",
        table: "deletion_requests",
        about: "Requests to delete the account (PR-19, PR-20): who asked, when it takes effect, and what became of each.",
        scope: Scope::Account,
        sql: page!("SELECT id, requested_by_name, reason, status, requested_at, effective_at, closed_at, closed_by \
              FROM deletion_requests WHERE account_id = $1 AND id > $2 ORDER BY id"),
        paging: Paging::Key("id"),
        columns: &[
            ("id", Uuid),
            ("requested_by", Text),
            ("reason", Text),
            ("status", Text),
            ("requested_at", Millis),
            ("effective_at", Millis),
            ("closed_at", Millis),
            ("closed_by", Text),
        ],
    },
    FileSpec {
        name: "account/legal-hold.json",
        table: "legal_holds",
        about: "A legal hold on the account (PR-19), if one applies: while it holds, the account's records cannot be deleted.",
        scope: Scope::Account,
        sql: "SELECT explanation, placed_at FROM legal_holds WHERE account_id = $1",
        paging: Paging::Whole,
        columns: &[("explanation", Text), ("placed_at", Millis)],
    },
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
    },
];

/// Tables the export leaves out, and why (shown in the archive's README).
pub const LEFT_OUT: &[(&str, &str)] = &[
    ("access_tokens", "hashes of sign-in credentials; sessions.json lists the sessions they belong to"),
    ("refresh_tokens", "hashes of sign-in credentials; sessions.json lists the sessions they belong to"),
    ("oauth_codes", "hashes of one-time sign-in codes that expire within minutes"),
    ("signin_failures", "keys of failed sign-ins, kept for minutes to slow down password guessing"),
    ("idempotency_keys", "stored answers to billing requests, so a retried request is not charged twice; subscription.json and invoices.json hold the billing itself"),
    ("comm_pref_versions", "a counter that detects two changes made at once"),
    ("policy_versions", "the published policy texts, which are public; notices.json lists yours"),
    ("export_chunks", "the export archives themselves"),
    ("server_keys", "the service's own signing keys"),
    ("meta", "the service's own settings"),
];

/// The archive's README: what each file holds and what is left out.
pub fn readme(account_name: &str, generated_at: &str) -> String {
    let mut out = format!(
        "Your data at Steward\n====================\n\n\
         Account: {account_name}\nGenerated: {generated_at}\n\n\
         Every file is JSON (UTF-8): an array of objects, one per record. Times are\n\
         RFC 3339 in UTC; amounts of money are exact decimal strings. manifest.json\n\
         lists every file with its number of records.\n\n\
         account/ holds what the account holds, whoever added it. you/ holds what\n\
         the service keeps about you, the person who asked for this export; other\n\
         members can export their own.\n\n"
    );
    for f in FILES {
        out.push_str(&format!("{}\n    {}\n\n", f.name, f.about));
    }
    out.push_str("Not included, and why\n---------------------\n\n");
    for (table, why) in LEFT_OUT {
        out.push_str(&format!("{table}: {why}.\n"));
    }
    out.push_str(
        "\nSecrets are never exported: password and token hashes, two-factor\n\
         secrets, recovery codes and the payment vault's card tokens.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_named_once_and_paged_files_bind_their_key() {
        let mut names: Vec<_> = FILES.iter().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FILES.len());
        for f in FILES {
            assert!(f.sql.contains("$1"), "{}", f.name);
            assert_eq!(f.paging.key().is_some(), f.sql.contains("$2"), "{}", f.name);
            if let Paging::Parents { child, .. } = f.paging {
                assert!(f.columns.iter().any(|(c, _)| *c == child), "{}", f.name);
            }
            if let Some(key) = f.paging.key() {
                assert!(
                    f.columns.iter().any(|(c, k)| *c == key && *k == Uuid),
                    "{}",
                    f.name
                );
            }
            assert!(!f.about.is_empty());
        }
    }

    #[test]
    fn no_secret_column_is_selected() {
        for f in FILES {
            let sql = f.sql.to_lowercase();
            for secret in [
                "password_hash",
                "token_hash",
                "code_hash",
                "secret",
                "vault_token",
                "body",
            ] {
                assert!(!sql.contains(secret), "{} selects {secret}", f.name);
            }
        }
    }

    #[test]
    fn the_readme_describes_every_file() {
        let text = readme("Acme", "2026-11-29T00:00:00Z");
        for f in FILES {
            assert!(text.contains(f.name), "{}", f.name);
        }
    }
}

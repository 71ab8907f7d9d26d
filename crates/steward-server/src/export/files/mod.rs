//! What the export contains (PR-15): one JSON file per table that holds the
//! account's or the person's data, and the reason for every table left out.
//! `tests/tests/export.rs` checks that every table in the database is in
//! exactly one of the two lists, so a new table cannot be forgotten.
//!
//! Secrets never leave: password and token hashes, two-factor secrets, the
//! payment vault's card tokens and the server's keys are not selected.

use crate::store::ColumnKind::{self, Millis, Text, Uuid};

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

pub(super) const ACTOR: [(&str, ColumnKind); 2] = [("actor_name", Text), ("actor_kind", Text)];

/// A consent receipt, in the person's file and the account's alike.
pub(super) const RECEIPT: &[(&str, ColumnKind)] = &[
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

mod account;
mod person;

/// Every file, the account's first.
pub fn all() -> impl Iterator<Item = &'static FileSpec> {
    account::ACCOUNT.iter().chain(person::PERSON)
}

/// How many files `all` yields.
pub const COUNT: usize = account::ACCOUNT.len() + person::PERSON.len();

/// Tables the export leaves out, and why (shown in the archive's README).
pub const LEFT_OUT: &[(&str, &str)] = &[
    ("access_tokens", "hashes of sign-in credentials; sessions.json lists the sessions they belong to"),
    ("refresh_tokens", "hashes of sign-in credentials; sessions.json lists the sessions they belong to"),
    ("oauth_codes", "hashes of one-time sign-in codes that expire within minutes"),
    ("signin_failures", "keys of failed sign-ins, kept for minutes to slow down password guessing"),
    ("idempotency_keys", "stored answers to billing requests, so a retried request is not charged twice; subscription.json and invoices.json hold the billing itself"),
    ("comm_pref_versions", "a counter that detects two changes made at once"),
    ("policy_versions", "the published policy texts, which are public; notices.json lists yours"),
    ("partners", "the list of service partners, which is public; account/sharing.json and account/sharing-ledger.json hold your choices and what was shared"),
    ("export_chunks", "the export archives themselves"),
    ("server_keys", "the service's own signing keys"),
    ("meta", "the service's own settings"),
    ("search_terms", "the staff search index, copied from the profile and members, which are exported"),
    ("audit_head", "the end of the staff-access log's hash chain, which holds no personal data"),
    ("counters", "the numbering of support tickets"),
    ("support_pins", "the hash of your support PIN, a secret"),
    ("caller_codes", "hashes of one-time codes support e-mailed you, which expire within minutes"),
    ("password_resets", "hashes of password reset links, which expire within an hour"),
    ("acting_sessions", "support's working sessions on the account; staff-access.json records each with its reason"),
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
    for f in all() {
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
        let mut names: Vec<_> = all().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COUNT);
        for f in all() {
            assert!(f.sql.contains("$1"), "{}", f.name);
            assert_eq!(f.paging.key().is_some(), f.sql.contains("$2"), "{}", f.name);
            if let Paging::Parents { child, .. } = f.paging {
                assert!(f.columns.iter().any(|(c, _)| *c == child), "{}", f.name);
            }
            if let Some(key) = f.paging.key() {
                // An id, or a text key (usage months): what `write_rows` pages on.
                assert!(
                    f.columns
                        .iter()
                        .any(|(c, k)| *c == key && matches!(k, Uuid | Text)),
                    "{}",
                    f.name
                );
            }
            assert!(!f.about.is_empty());
        }
    }

    #[test]
    fn no_secret_column_is_selected() {
        for f in all() {
            let sql = f.sql.to_lowercase();
            for secret in [
                "password_hash",
                "token_hash",
                "code_hash",
                "pin_hash",
                "secret",
                "vault_token",
            ] {
                assert!(!sql.contains(secret), "{} selects {secret}", f.name);
            }
            // Mail bodies hold live links (sign-in codes, confirmations);
            // support messages are the customer's conversation and go.
            if f.table != "ticket_messages" {
                assert!(!sql.contains("body"), "{} selects body", f.name);
            }
        }
    }

    #[test]
    fn the_readme_describes_every_file() {
        let text = readme("Acme", "2026-11-29T00:00:00Z");
        for f in all() {
            assert!(text.contains(f.name), "{}", f.name);
        }
    }
}

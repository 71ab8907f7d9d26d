//! The tamper-evident audit log of staff access (PR-16, PR-17).
//!
//! Each entry's hash is SHA-256 over its position, its fields and the
//! previous entry's hash, so altering, removing or reordering an entry breaks
//! the chain from there on. The database refuses updates and deletes of
//! audit rows (triggers in migration 0012); the chain catches whoever gets
//! past that (a superuser, a restored backup). `steward-server audit verify`
//! walks the chain.

use std::net::SocketAddr;

use steward_types::staff::{AuditAction, Justification};
use uuid::Uuid;

use crate::error::ApiResult;
use crate::policy::Principal;
use crate::state::AppState;
use crate::store::{AuditRow, NewAudit, Store};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The entry's hash. A JSON array makes the encoding unambiguous: no field
/// can bleed into the next.
pub fn entry_hash(row: &AuditRow) -> String {
    let fields = serde_json::json!([
        row.seq,
        crate::clock::to_millis(row.at),
        row.staff_user_id,
        row.staff_name,
        row.shown_as,
        row.staff_role,
        row.account_id,
        row.action,
        row.what,
        row.reason,
        row.ticket,
        row.ip,
        row.prev_hash,
    ]);
    crate::crypto::token_hash(&fields.to_string())
}

/// Write an entry for what `who` did. Reads of unmasked data are recorded
/// before the data is returned: if the entry cannot be written, the data is
/// not shown.
pub async fn record(
    state: &AppState,
    who: &Principal,
    peer: Option<SocketAddr>,
    account_id: Option<Uuid>,
    action: AuditAction,
    what: impl Into<String>,
    why: Option<&Justification>,
) -> ApiResult<AuditRow> {
    let pseudonym = state.store.staff_pseudonym(who.user.id).await?;
    let role = if who.user.roles.contains(&steward_types::UserRole::Admin) {
        "admin"
    } else {
        "agent"
    };
    let entry = NewAudit {
        at: state.clock.now(),
        staff_user_id: who.user.id,
        staff_name: who.user.display_name.clone(),
        shown_as: pseudonym.unwrap_or_else(|| who.user.display_name.clone()),
        staff_role: role.into(),
        account_id,
        action: action.as_str().into(),
        what: what.into(),
        reason: why.map(|w| w.reason.clone()),
        ticket: why.and_then(|w| w.ticket.clone()),
        ip: peer.map(|p| p.ip().to_string()),
    };
    let row = state.store.append_audit(&entry).await?;
    tracing::info!(
        seq = row.seq,
        staff = %who.user.id,
        account = ?account_id,
        action = action.as_str(),
        "staff access recorded"
    );
    Ok(row)
}

/// How the chain is broken, at the first entry where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The entry's content no longer matches its hash.
    Altered { seq: i64 },
    /// Entries before this one are missing (`expected` is the first gap).
    Removed { seq: i64, expected: i64 },
    /// The entry at `seq` is intact but belongs elsewhere in the chain (at
    /// `original`, when that is near enough to find).
    Reordered { seq: i64, original: Option<i64> },
    /// The chain ends before the head says it does.
    Truncated { last: i64, head: i64 },
}

impl Break {
    /// The entry where the chain breaks.
    pub fn seq(&self) -> i64 {
        match self {
            Self::Altered { seq } | Self::Removed { seq, .. } | Self::Reordered { seq, .. } => *seq,
            Self::Truncated { last, .. } => last + 1,
        }
    }
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Altered { seq } => write!(
                f,
                "entry {seq} was altered: its content does not match its hash"
            ),
            Self::Removed { seq, expected } => write!(
                f,
                "entries from {expected} to {} were removed: entry {seq} follows entry {}",
                seq - 1,
                expected - 1
            ),
            Self::Reordered {
                seq,
                original: Some(original),
            } => write!(
                f,
                "entry {seq} was reordered: it holds entry {original}, moved from its place"
            ),
            Self::Reordered {
                seq,
                original: None,
            } => write!(
                f,
                "entry {seq} is out of order: it does not chain to the entry before it"
            ),
            Self::Truncated { last, head } => write!(
                f,
                "entries after {last} were removed: the chain's head is at {head}"
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub checked: i64,
    pub first_break: Option<Break>,
}

/// Walk the whole chain, oldest first, a page at a time.
pub async fn verify(store: &dyn Store) -> anyhow::Result<Verification> {
    let mut prev_hash = GENESIS.to_owned();
    let mut expected = 1_i64;
    let mut checked = 0_i64;
    loop {
        let page = store.audit_chain(expected - 1, 1000).await?;
        let Some(last) = page.last().map(|r| r.seq) else {
            break;
        };
        for row in &page {
            checked += 1;
            if entry_hash(row) != row.hash {
                let first_break = match moved_from(row) {
                    Some(original) => Break::Reordered {
                        seq: row.seq,
                        original: Some(original),
                    },
                    None => Break::Altered { seq: row.seq },
                };
                return Ok(Verification {
                    checked,
                    first_break: Some(first_break),
                });
            }
            if row.seq != expected {
                return Ok(Verification {
                    checked,
                    first_break: Some(Break::Removed {
                        seq: row.seq,
                        expected,
                    }),
                });
            }
            if row.prev_hash != prev_hash {
                return Ok(Verification {
                    checked,
                    first_break: Some(Break::Reordered {
                        seq: row.seq,
                        original: None,
                    }),
                });
            }
            prev_hash = row.hash.clone();
            expected = row.seq + 1;
        }
        if last != expected - 1 {
            break;
        }
    }
    let head = store.audit_head().await?;
    let last = expected - 1;
    let first_break = (head.seq > last).then_some(Break::Truncated {
        last,
        head: head.seq,
    });
    Ok(Verification {
        checked,
        first_break,
    })
}

/// Whether an entry whose hash fails is an intact entry moved from another
/// position: its hash holds with a nearby sequence number instead.
fn moved_from(row: &AuditRow) -> Option<i64> {
    (row.seq.saturating_sub(1000).max(1)..=row.seq.saturating_add(1000))
        .filter(|k| *k != row.seq)
        .find(|k| {
            let mut moved = row.clone();
            moved.seq = *k;
            entry_hash(&moved) == row.hash
        })
}

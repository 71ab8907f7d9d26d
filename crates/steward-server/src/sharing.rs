//! Sharing with service partners and contractors (PR-6). Administrators
//! manage the partners (`routes/staff/partners.rs`); `export` is the one function through which any of an
//! account's data may go to a partner: it checks the account's switch and
//! writes the ledger entry in the same transaction, so after an opt-out no
//! further export can happen.

use chrono::{DateTime, Utc};
use steward_types::comms::ReceiptSource;
use steward_types::problem::FieldError;
use steward_types::profile::Actor;
use steward_types::sharing::{LedgerEntry, PartnerView, SharingChange, SharingView};
use uuid::Uuid;

use crate::store::{ExportOutcome, NewReceipt, PartnerRow, SharingRow, Store, StoreResult};

fn shared(row: &SharingRow, p: &PartnerRow) -> bool {
    !row.share_none && !row.opted_out.contains(&p.id)
}

/// The account's choice against the current partners (retired ones are
/// gone; upcoming ones carry the date they start).
pub fn view(row: &SharingRow, partners: &[PartnerRow], now: DateTime<Utc>) -> SharingView {
    SharingView {
        version: row.version,
        share_none: row.share_none,
        opted_out: row.opted_out.clone(),
        partners: partners
            .iter()
            .filter(|p| p.retired_at.is_none())
            .map(|p| PartnerView {
                id: p.id.clone(),
                name: p.name.clone(),
                purpose: p.purpose.clone(),
                categories: p.categories.clone(),
                privacy_url: p.privacy_url.clone(),
                optional: p.optional,
                shared: shared(row, p),
                curtails: p.curtails.clone(),
                starts_at: (p.starts_at > now).then_some(p.starts_at),
            })
            .collect(),
    }
}

/// The new choice and a receipt for each thing it changes. Only optional
/// partners can be turned off one by one.
pub fn plan(
    account_id: Uuid,
    current: &SharingRow,
    change: &SharingChange,
    partners: &[PartnerRow],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(SharingRow, Vec<NewReceipt>), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut opted_out: Vec<String> = Vec::new();
    for (i, id) in change.opted_out.iter().enumerate() {
        match partners.iter().find(|p| p.id == *id) {
            None => errors.push(FieldError::new(
                &format!("opted_out[{i}]"),
                "unknown_partner",
                "There is no partner with this id.",
            )),
            Some(p) if !p.optional => errors.push(FieldError::new(
                &format!("opted_out[{i}]"),
                "not_optional",
                &format!(
                    "{} cannot be turned off on its own; use \"Do not share my personal information\".",
                    p.name
                ),
            )),
            Some(p) if !opted_out.contains(&p.id) => opted_out.push(p.id.clone()),
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    opted_out.sort();
    let receipt = |subject: String, old: &str, new: &str| NewReceipt {
        account_id: Some(account_id),
        at: now,
        actor: actor.clone(),
        reason: None,
        subject,
        old_state: old.into(),
        new_state: new.into(),
        source: ReceiptSource::Console,
    };
    let word = |share: bool| if share { "share" } else { "do_not_share" };
    let mut receipts = Vec::new();
    if current.share_none != change.share_none {
        receipts.push(receipt(
            "sharing/all".into(),
            word(!current.share_none),
            word(!change.share_none),
        ));
    }
    for p in partners.iter().filter(|p| p.optional) {
        let was = current.opted_out.contains(&p.id);
        let is = opted_out.contains(&p.id);
        if was != is {
            receipts.push(receipt(format!("sharing/{}", p.id), word(!was), word(!is)));
        }
    }
    Ok((
        SharingRow {
            share_none: change.share_none,
            opted_out,
            version: current.version,
        },
        receipts,
    ))
}

/// Why an export did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportRefused {
    #[error("no partner {0:?}")]
    UnknownPartner(String),
    #[error("the account does not share its data with {0}")]
    OptedOut(String),
    /// Retired, or announced but not started yet (PR-7).
    #[error("{0} does not receive data now")]
    NotReceiving(String),
    /// A category the partner is not listed as receiving.
    #[error("{partner} does not receive {category:?}")]
    NotListed { partner: String, category: String },
}

/// The only way an account's data may go to a partner: the switch is
/// checked and the ledger written in one transaction. `Ok` means recorded;
/// the caller may now send exactly `categories`.
pub async fn export(
    store: &dyn Store,
    account_id: Uuid,
    partner_id: &str,
    categories: &[&str],
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<Result<Uuid, ExportRefused>> {
    let Some(p) = store.partner(partner_id).await? else {
        return Ok(Err(ExportRefused::UnknownPartner(partner_id.into())));
    };
    // A retirement racing this export orders it just before the retirement.
    if !p.receives_at(now) {
        return Ok(Err(ExportRefused::NotReceiving(p.name)));
    }
    // Partners receive only what the customer was told they receive.
    if let Some(c) = categories
        .iter()
        .find(|c| !p.categories.iter().any(|x| x == *c))
    {
        return Ok(Err(ExportRefused::NotListed {
            partner: p.name,
            category: (*c).to_string(),
        }));
    }
    let categories: Vec<String> = categories.iter().map(|c| (*c).to_string()).collect();
    Ok(
        match store
            .record_export(account_id, &p.id, &categories, reason, now)
            .await?
        {
            ExportOutcome::Recorded(id) => {
                tracing::info!(%account_id, partner = %p.id, "partner export recorded");
                Ok(id)
            }
            ExportOutcome::OptedOut => Err(ExportRefused::OptedOut(p.name)),
        },
    )
}

pub async fn ledger(store: &dyn Store, account_id: Uuid) -> StoreResult<Vec<LedgerEntry>> {
    let partners = store.partners().await?;
    Ok(store
        .ledger(account_id, 500)
        .await?
        .into_iter()
        .map(|r| LedgerEntry {
            partner_name: partners
                .iter()
                .find(|p| p.id == r.partner_id)
                .map_or_else(|| r.partner_id.clone(), |p| p.name.clone()),
            id: r.id,
            partner_id: r.partner_id,
            categories: r.categories,
            reason: r.reason,
            at: r.at,
        })
        .collect())
}

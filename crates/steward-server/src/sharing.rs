//! Sharing with service partners and contractors (PR-6). The partners are
//! listed here; `export` is the one function through which any of an
//! account's data may go to a partner: it checks the account's switch and
//! writes the ledger entry in the same transaction, so after an opt-out no
//! further export can happen.

use chrono::{DateTime, Utc};
use steward_types::comms::ReceiptSource;
use steward_types::problem::FieldError;
use steward_types::profile::Actor;
use steward_types::sharing::{LedgerEntry, PartnerView, SharingChange, SharingView};
use uuid::Uuid;

use crate::store::{ExportOutcome, NewReceipt, SharingRow, Store, StoreResult};

#[derive(Debug)]
pub struct Partner {
    pub id: &'static str,
    pub name: &'static str,
    pub purpose: &'static str,
    pub categories: &'static [&'static str],
    pub privacy_url: &'static str,
    pub optional: bool,
    pub curtails: &'static str,
}

/// The partners and contractors (policy: "With Whom We May Share").
pub const PARTNERS: &[Partner] = &[
    Partner {
        id: "northbeam-cdn",
        name: "Northbeam CDN",
        purpose: "Delivers your media to listeners and viewers worldwide.",
        categories: &["IP addresses of downloads", "download logs"],
        privacy_url: "https://northbeam.example/privacy",
        optional: false,
        curtails: "Media is served from our own servers only: slower downloads far from them.",
    },
    Partner {
        id: "ledgerline-payments",
        name: "Ledgerline Payments",
        purpose: "Charges your card for your plan.",
        categories: &["billing name", "billing address", "card token"],
        privacy_url: "https://ledgerline.example/privacy",
        optional: false,
        curtails: "Cards cannot be charged: you pay each invoice by bank transfer.",
    },
    Partner {
        id: "tally-insights",
        name: "Tally Insights",
        purpose: "Aggregate audience statistics for your usage reports.",
        categories: &["usage records"],
        privacy_url: "https://tally.example/privacy",
        optional: true,
        curtails: "Usage reports show downloads only, without audience breakdowns.",
    },
    Partner {
        id: "network-liaison",
        name: "ISPs and network administrators",
        purpose: "We advocate for you when an ISP or corporate network blocks your media.",
        categories: &["account name", "contact e-mail", "IP ranges"],
        privacy_url: "https://steward.example/privacy/network-liaison",
        optional: true,
        curtails: "We cannot contact networks on your behalf when they block your media.",
    },
    Partner {
        id: "postbox-mailing",
        name: "Postbox Mailing",
        purpose: "Sends our newsletters and product e-mail.",
        categories: &["name", "e-mail address"],
        privacy_url: "https://postbox.example/privacy",
        optional: true,
        curtails: "No newsletters or product e-mail reach you, whatever Communications says.",
    },
];

pub fn partner(id: &str) -> Option<&'static Partner> {
    PARTNERS.iter().find(|p| p.id == id)
}

fn shared(row: &SharingRow, p: &Partner) -> bool {
    !row.share_none && !row.opted_out.iter().any(|o| o == p.id)
}

pub fn view(row: &SharingRow) -> SharingView {
    SharingView {
        version: row.version,
        share_none: row.share_none,
        opted_out: row.opted_out.clone(),
        partners: PARTNERS
            .iter()
            .map(|p| PartnerView {
                id: p.id.into(),
                name: p.name.into(),
                purpose: p.purpose.into(),
                categories: p.categories.iter().map(|c| (*c).to_string()).collect(),
                privacy_url: p.privacy_url.into(),
                optional: p.optional,
                shared: shared(row, p),
                curtails: p.curtails.into(),
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
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(SharingRow, Vec<NewReceipt>), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut opted_out: Vec<String> = Vec::new();
    for (i, id) in change.opted_out.iter().enumerate() {
        match partner(id) {
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
            Some(p) if !opted_out.iter().any(|o| o == p.id) => opted_out.push(p.id.into()),
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
    for p in PARTNERS.iter().filter(|p| p.optional) {
        let was = current.opted_out.iter().any(|o| o == p.id);
        let is = opted_out.iter().any(|o| o == p.id);
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
    OptedOut(&'static str),
    /// A category the partner is not listed as receiving.
    #[error("{partner} does not receive {category:?}")]
    NotListed {
        partner: &'static str,
        category: String,
    },
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
    let Some(p) = partner(partner_id) else {
        return Ok(Err(ExportRefused::UnknownPartner(partner_id.into())));
    };
    // Partners receive only what the customer was told they receive.
    if let Some(c) = categories.iter().find(|c| !p.categories.contains(c)) {
        return Ok(Err(ExportRefused::NotListed {
            partner: p.name,
            category: (*c).to_string(),
        }));
    }
    let categories: Vec<String> = categories.iter().map(|c| (*c).to_string()).collect();
    Ok(
        match store
            .record_export(account_id, p.id, &categories, reason, now)
            .await?
        {
            ExportOutcome::Recorded(id) => {
                tracing::info!(%account_id, partner = p.id, "partner export recorded");
                Ok(id)
            }
            ExportOutcome::OptedOut => Err(ExportRefused::OptedOut(p.name)),
        },
    )
}

pub async fn ledger(store: &dyn Store, account_id: Uuid) -> StoreResult<Vec<LedgerEntry>> {
    Ok(store
        .ledger(account_id, 500)
        .await?
        .into_iter()
        .map(|r| LedgerEntry {
            partner_name: partner(&r.partner_id)
                .map_or_else(|| r.partner_id.clone(), |p| p.name.into()),
            id: r.id,
            partner_id: r.partner_id,
            categories: r.categories,
            reason: r.reason,
            at: r.at,
        })
        .collect())
}

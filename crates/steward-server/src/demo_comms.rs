//! Demo communication and sharing choices (PR-4, PR-5, PR-6): a confirmed
//! newsletter subscription, a product-testing opt-in and a sharing ledger,
//! each with the receipts a real history would have left.

use chrono::{DateTime, Duration, Utc};
use steward_types::comms::{Channel, PrefState, Purpose, ReceiptSource};
use steward_types::profile::{Actor, ActorKind};
use uuid::Uuid;

use crate::comms::{receipt, Origin};
use crate::store::{CommsWrite, Store};

pub async fn seed(
    store: &dyn Store,
    now: DateTime<Utc>,
    user_id: Uuid,
    name: &str,
) -> anyhow::Result<()> {
    let actor = Actor {
        user_id: Some(user_id),
        name: name.into(),
        kind: ActorKind::Member,
    };
    let steps = [
        (
            60,
            Purpose::Newsletters,
            Channel::Email,
            PrefState::Off,
            PrefState::Pending,
            ReceiptSource::Console,
        ),
        (
            60,
            Purpose::Newsletters,
            Channel::Email,
            PrefState::Pending,
            PrefState::On,
            ReceiptSource::OptInConfirmation,
        ),
        (
            21,
            Purpose::ProductTesting,
            Channel::InApp,
            PrefState::Off,
            PrefState::On,
            ReceiptSource::Console,
        ),
        (
            9,
            Purpose::StatusInformation,
            Channel::Postal,
            PrefState::Off,
            PrefState::On,
            ReceiptSource::Console,
        ),
    ];
    for (version, (days, purpose, channel, old, new, source)) in (0..).zip(steps) {
        let origin = Origin {
            actor: actor.clone(),
            reason: None,
            source,
            now: now - Duration::days(days),
        };
        store
            .write_comms(CommsWrite {
                user_id,
                expected_version: version,
                cells: vec![(purpose, channel, new)],
                receipts: vec![receipt(&origin, purpose, channel, old, new)],
                new_optins: Vec::new(),
                confirm_optin: None,
                mail: Vec::new(),
                now: origin.now,
            })
            .await?;
    }
    Ok(())
}

/// A sharing ledger with history (PR-6): media delivery and card payments
/// each month, one batch of audience statistics, then the owner turned the
/// statistics partner off.
pub async fn seed_sharing(
    store: &dyn Store,
    now: DateTime<Utc>,
    account_id: Uuid,
    owner: Uuid,
    name: &str,
) -> anyhow::Result<()> {
    for month in (1..=3).rev() {
        let at = now - Duration::days(30 * month);
        crate::sharing::export(
            store,
            account_id,
            "northbeam-cdn",
            &["IP addresses of downloads", "download logs"],
            "Monthly delivery logs for media served",
            at,
        )
        .await?
        .map_err(|e| anyhow::anyhow!(e))?;
        crate::sharing::export(
            store,
            account_id,
            "ledgerline-payments",
            &["billing name", "billing address", "card token"],
            "Monthly plan charge",
            at,
        )
        .await?
        .map_err(|e| anyhow::anyhow!(e))?;
    }
    crate::sharing::export(
        store,
        account_id,
        "tally-insights",
        &["usage records"],
        "Quarterly audience statistics",
        now - Duration::days(40),
    )
    .await?
    .map_err(|e| anyhow::anyhow!(e))?;
    let current = store.sharing(account_id).await?;
    let actor = Actor {
        user_id: Some(owner),
        name: name.into(),
        kind: ActorKind::Member,
    };
    let change = steward_types::sharing::SharingChange {
        share_none: false,
        opted_out: vec!["tally-insights".into()],
    };
    let partners = store.partners().await?;
    let (next, receipts) = crate::sharing::plan(
        account_id,
        &current,
        &change,
        &partners,
        &actor,
        now - Duration::days(12),
    )
    .map_err(|e| anyhow::anyhow!("demo sharing choice refused: {e:?}"))?;
    store
        .write_sharing(account_id, current.version, &next, owner, &receipts)
        .await?;
    Ok(())
}

/// A pending policy notice (PR-7): a change to partner sharing, published two
/// days ago and taking effect in four weeks, so the inbox has one unread; and
/// the partner it announces, which receives nothing until then.
pub async fn seed_notice(store: &dyn Store, now: DateTime<Utc>) -> anyhow::Result<()> {
    use steward_types::notices::{NoticeAction, PolicyConcern};
    let row = crate::store::PolicyRow {
        version: "privacy-policy-2026".into(),
        title: "A new delivery partner".into(),
        summary: "From next month, EdgeCache Networks will deliver media for accounts in \
                  Europe. They receive your account id and the domains you serve from, \
                  nothing else.\nYou can keep your information from them, or from every \
                  partner, with the actions below."
            .into(),
        concerns: PolicyConcern::PersonalInformation.as_str().into(),
        opt_outs: [
            NoticeAction::StopPartnerSharing,
            NoticeAction::UnsubscribePromotional,
            NoticeAction::RefuseOptionalCookies,
        ]
        .iter()
        .map(|a| a.as_str().into())
        .collect(),
        review_section: None,
        published_at: now - Duration::days(2),
        effective_at: now + Duration::days(28),
    };
    store
        .publish_policy(
            &row,
            None,
            "Our privacy policy changes in four weeks: A new delivery partner",
            &row.summary,
        )
        .await?;
    // The partner that notice announces: listed now, receiving from then.
    store
        .insert_partner(&crate::store::PartnerRow {
            id: "edgecache-networks".into(),
            name: "EdgeCache Networks".into(),
            purpose: "Delivers your media to listeners in Europe.".into(),
            categories: vec!["account id".into(), "domains you serve from".into()],
            privacy_url: "https://edgecache.example/privacy".into(),
            optional: true,
            curtails: "Listeners in Europe download from our other delivery network, which is \
                       slower for them."
                .into(),
            announced_in: Some(row.version.clone()),
            starts_at: row.effective_at,
            retired_at: None,
            version: 1,
        })
        .await?;
    Ok(())
}

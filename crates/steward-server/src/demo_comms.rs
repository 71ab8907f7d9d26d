//! Demo communication choices (PR-4, PR-5): a confirmed newsletter
//! subscription and a product-testing opt-in, each with the receipts a real
//! history would have left.

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

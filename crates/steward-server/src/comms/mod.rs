//! Communication preferences (PR-4, PR-5): the defaults and locks of the
//! purpose x channel matrix, what a requested change does (double opt-in for
//! promotional e-mail), the receipts it leaves, and the signed one-click
//! unsubscribe links (RFC 8058) that work without signing in.

pub mod links;
pub mod pages;

use chrono::{DateTime, Duration, Utc};
use steward_types::comms::{
    Channel, ChannelPref, CommunicationPreferences, PrefChange, PrefState, Purpose, PurposePrefs,
    ReceiptSource,
};
use steward_types::problem::FieldError;
use steward_types::profile::Actor;
use steward_types::Language;

use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::locale;
use crate::state::AppState;
use crate::store::{CommsOutcome, CommsWrite, Mail, NewOptIn, NewReceipt};
use uuid::Uuid;

/// How long an opt-in confirmation link works.
pub const OPT_IN_DAYS: i64 = 7;

/// What a cell is before anyone chooses: promotional purposes are off;
/// the rest reach you by e-mail and in the app.
pub fn default_state(purpose: Purpose, channel: Channel) -> PrefState {
    use Channel::*;
    use Purpose::*;
    match (purpose, channel) {
        (Newsletters | ProductTesting, _) => PrefState::Off,
        (UsageTrends, InApp) => PrefState::On,
        (UsageTrends, _) => PrefState::Off,
        (_, Email | InApp) => PrefState::On,
        (_, Postal | Telephone) => PrefState::Off,
    }
}

/// Why a cell cannot be turned off, if it cannot.
pub fn locked(purpose: Purpose, channel: Channel) -> Option<&'static str> {
    (purpose == Purpose::SupportMaintenance && channel == Channel::Email).then_some(
        "Account maintenance notices (a password reset, a security alert, a failed payment) \
         go by e-mail to keep your account working. They cannot be turned off, and they never \
         carry promotions.",
    )
}

/// A cell's state: stored, or the purpose's default.
pub(crate) fn current(
    cells: &[(Purpose, Channel, PrefState)],
    purpose: Purpose,
    channel: Channel,
) -> PrefState {
    cells
        .iter()
        .find(|(p, c, _)| *p == purpose && *c == channel)
        .map_or_else(|| default_state(purpose, channel), |(_, _, s)| *s)
}

pub fn view(
    cells: &[(Purpose, Channel, PrefState)],
    version: i64,
    policy_version: String,
) -> CommunicationPreferences {
    CommunicationPreferences {
        version,
        policy_version,
        purposes: Purpose::ALL
            .into_iter()
            .map(|p| PurposePrefs {
                purpose: p,
                label: locale::here(p.label()).into_owned(),
                description: locale::here(p.description()).into_owned(),
                promotional: p.promotional(),
                channels: Channel::ALL
                    .into_iter()
                    .map(|c| ChannelPref {
                        channel: c,
                        state: current(cells, p, c),
                        locked: locked(p, c).is_some(),
                        locked_reason: locked(p, c).map(|why| locale::here(why).into_owned()),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Everything a change writes, in one transaction.
#[derive(Debug, Default)]
pub struct Plan {
    pub cells: Vec<(Purpose, Channel, PrefState)>,
    pub receipts: Vec<NewReceipt>,
    pub optins: Vec<NewOptIn>,
    /// Opt-in tokens to put in the confirmation mail, with their purpose.
    pub confirm_links: Vec<(Purpose, String)>,
}

/// Who and how, for the receipts.
#[derive(Debug, Clone)]
pub struct Origin {
    pub actor: Actor,
    pub reason: Option<String>,
    pub source: ReceiptSource,
    pub now: DateTime<Utc>,
}

/// What `changes` do to the matrix `cells`. Turning on a promotional
/// purpose by e-mail only asks: it is pending until the recipient confirms.
pub fn plan(
    cells: &[(Purpose, Channel, PrefState)],
    changes: &[PrefChange],
    origin: &Origin,
) -> Result<Plan, Vec<FieldError>> {
    let mut errors = Vec::new();
    for (i, c) in changes.iter().enumerate() {
        if !c.on && locked(c.purpose, c.channel).is_some() {
            errors.push(FieldError::new(
                &format!("changes[{i}]"),
                "locked",
                "Account maintenance e-mail cannot be turned off: it keeps your account working.",
            ));
        }
        if changes[..i]
            .iter()
            .any(|o| o.purpose == c.purpose && o.channel == c.channel)
        {
            errors.push(FieldError::new(
                &format!("changes[{i}]"),
                "duplicate",
                "Each purpose and channel may appear once in a change.",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = Plan::default();
    for c in changes {
        let old = current(cells, c.purpose, c.channel);
        let new = match (c.on, old) {
            (false, _) => PrefState::Off,
            (true, PrefState::On) => PrefState::On,
            (true, _) if c.purpose.promotional() && c.channel == Channel::Email => {
                PrefState::Pending
            }
            (true, _) => PrefState::On,
        };
        // Asking again while pending (the link expired or got lost) sends a
        // new link; the state, and so the receipts, do not change.
        let resend = new == PrefState::Pending && old == PrefState::Pending;
        if new == old && !resend {
            continue;
        }
        if new == PrefState::Pending {
            let token = crypto::new_token(crypto::TokenKind::OptIn);
            out.optins.push(NewOptIn {
                token_hash: crypto::token_hash(&token),
                purpose: c.purpose,
                expires_at: origin.now + Duration::days(OPT_IN_DAYS),
            });
            out.confirm_links.push((c.purpose, token));
        }
        if resend {
            continue;
        }
        out.cells.push((c.purpose, c.channel, new));
        out.receipts
            .push(receipt(origin, c.purpose, c.channel, old, new));
    }
    Ok(out)
}

pub fn receipt(
    origin: &Origin,
    purpose: Purpose,
    channel: Channel,
    old: PrefState,
    new: PrefState,
) -> NewReceipt {
    NewReceipt {
        account_id: None,
        at: origin.now,
        actor: origin.actor.clone(),
        reason: origin.reason.clone(),
        subject: format!("{}/{}", purpose.as_str(), channel.as_str()),
        old_state: old.as_str().into(),
        new_state: new.as_str().into(),
        source: origin.source,
    }
}

/// Every promotional cell that is not already off, turned off.
pub fn promotional_off(cells: &[(Purpose, Channel, PrefState)]) -> Vec<PrefChange> {
    Purpose::ALL
        .into_iter()
        .filter(|p| p.promotional())
        .flat_map(|p| Channel::ALL.into_iter().map(move |c| (p, c)))
        .filter(|(p, c)| current(cells, *p, *c) != PrefState::Off)
        .map(|(purpose, channel)| PrefChange {
            purpose,
            channel,
            on: false,
        })
        .collect()
}

/// The person's matrix as the console shows it, quoting the policy in force.
pub async fn load(state: &AppState, user_id: Uuid) -> ApiResult<CommunicationPreferences> {
    let (cells, version) = state.store.comm_prefs(user_id).await?;
    let policy = state.store.policy_in_force(state.clock.now()).await?;
    Ok(view(&cells, version, policy))
}

/// The matrix after a write, from the cells read before it and the cells it
/// wrote: the write's version check guarantees nothing else changed in
/// between, so the answer needs no second read. The write read the policy
/// version too (issue 8: a read after a commit starts from an empty page
/// cache, and this one cost a change 40 to 50 µs of CPU).
pub fn written(
    mut cells: Vec<(Purpose, Channel, PrefState)>,
    changed: &[(Purpose, Channel, PrefState)],
    version: i64,
    policy_version: String,
) -> CommunicationPreferences {
    for &(purpose, channel, next) in changed {
        match cells
            .iter_mut()
            .find(|(p, c, _)| *p == purpose && *c == channel)
        {
            Some(cell) => cell.2 = next,
            None => cells.push((purpose, channel, next)),
        }
    }
    view(&cells, version, policy_version)
}

/// Turn off what `decide` picks from the current matrix (no opt-ins, no
/// mail), retrying when another change lands first. Nothing to change
/// writes nothing, so repeating it is harmless.
pub async fn apply(
    state: &AppState,
    user_id: Uuid,
    origin: &Origin,
    decide: impl Fn(&[(Purpose, Channel, PrefState)]) -> Vec<PrefChange>,
) -> ApiResult<CommunicationPreferences> {
    for _ in 0..5 {
        let (cells, version) = state.store.comm_prefs(user_id).await?;
        let plan = plan(&cells, &decide(&cells), origin).map_err(ApiError::Validation)?;
        if plan.cells.is_empty() {
            return load(state, user_id).await;
        }
        let changed = plan.cells.clone();
        let outcome = state
            .store
            .write_comms(CommsWrite {
                user_id,
                expected_version: version,
                cells: plan.cells,
                receipts: plan.receipts,
                new_optins: plan.optins,
                confirm_optin: None,
                mail: Vec::new(),
                now: origin.now,
            })
            .await?;
        if let CommsOutcome::Written {
            version,
            policy_version,
        } = outcome
        {
            return Ok(written(cells, &changed, version, policy_version));
        }
    }
    Err(ApiError::Unavailable(
        "Your preferences are being changed elsewhere; try again.".into(),
    ))
}

/// The mail asking the recipient to confirm their promotional opt-ins.
pub fn confirmation_mail(
    to: &str,
    base: &str,
    links: &[(Purpose, String)],
    language: Language,
) -> Option<Mail> {
    if links.is_empty() {
        return None;
    }
    let words = |english: &str| locale::word(english, language).into_owned();
    let mut body =
        words("You asked to receive the following by e-mail. Nothing is sent until you confirm:");
    body.push_str("\n\n");
    for (purpose, token) in links {
        body.push_str(&format!(
            "- {}: {base}/communications/confirm/{token}\n",
            words(purpose.label())
        ));
    }
    body.push('\n');
    body.push_str(&words(&format!(
        "The links work for {OPT_IN_DAYS} days. If you did not ask for this, ignore this message: nothing changes."
    )));
    body.push('\n');
    Some(Mail {
        to: to.into(),
        subject: words("Confirm your subscription"),
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use steward_types::profile::ActorKind;

    fn origin() -> Origin {
        Origin {
            actor: Actor {
                user_id: None,
                name: "Pat".into(),
                kind: ActorKind::Member,
            },
            reason: None,
            source: ReceiptSource::Console,
            now: Utc
                .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
                .single()
                .expect("t"),
        }
    }

    fn change(purpose: Purpose, channel: Channel, on: bool) -> PrefChange {
        PrefChange {
            purpose,
            channel,
            on,
        }
    }

    #[test]
    fn promotional_purposes_start_off_and_maintenance_mail_is_locked_on() {
        let v = view(&[], 0, "privacy-policy-2013".into());
        for p in &v.purposes {
            if p.promotional {
                assert!(
                    p.channels.iter().all(|c| c.state == PrefState::Off),
                    "{:?}",
                    p.purpose
                );
            }
        }
        let locked: Vec<_> = v
            .purposes
            .iter()
            .flat_map(|p| {
                p.channels
                    .iter()
                    .filter(|c| c.locked)
                    .map(move |c| (p.purpose, c.channel, c.state))
            })
            .collect();
        assert_eq!(
            locked,
            vec![(Purpose::SupportMaintenance, Channel::Email, PrefState::On)]
        );
    }

    #[test]
    fn promotional_email_waits_for_confirmation_other_channels_do_not() {
        let p = plan(
            &[],
            &[
                change(Purpose::Newsletters, Channel::Email, true),
                change(Purpose::Newsletters, Channel::InApp, true),
            ],
            &origin(),
        )
        .expect("plan");
        assert_eq!(
            p.cells,
            vec![
                (Purpose::Newsletters, Channel::Email, PrefState::Pending),
                (Purpose::Newsletters, Channel::InApp, PrefState::On),
            ]
        );
        assert_eq!(p.optins.len(), 1);
        assert_eq!(p.receipts.len(), 2, "a receipt per changed cell");
        assert_eq!(p.receipts[0].subject, "newsletters/email");
    }

    #[test]
    fn asking_again_while_pending_sends_a_new_link_and_changes_nothing_else() {
        let cells = [(Purpose::Newsletters, Channel::Email, PrefState::Pending)];
        let p = plan(
            &cells,
            &[change(Purpose::Newsletters, Channel::Email, true)],
            &origin(),
        )
        .expect("plan");
        assert_eq!(p.optins.len(), 1, "a fresh link");
        assert!(
            p.cells.is_empty() && p.receipts.is_empty(),
            "still pending: no receipt"
        );
    }

    #[test]
    fn unchanged_cells_leave_no_receipt_and_locked_or_repeated_cells_are_refused() {
        let p = plan(
            &[],
            &[change(Purpose::StatusInformation, Channel::Email, true)],
            &origin(),
        )
        .expect("plan");
        assert!(p.cells.is_empty() && p.receipts.is_empty());
        let e = plan(
            &[],
            &[
                change(Purpose::SupportMaintenance, Channel::Email, false),
                change(Purpose::Newsletters, Channel::Postal, true),
                change(Purpose::Newsletters, Channel::Postal, false),
            ],
            &origin(),
        )
        .expect_err("refused");
        let rules: Vec<_> = e
            .iter()
            .map(|e| (e.field.as_str(), e.rule.as_str()))
            .collect();
        assert_eq!(
            rules,
            vec![("changes[0]", "locked"), ("changes[2]", "duplicate")]
        );
    }

    #[test]
    fn unsubscribe_all_turns_off_every_promotional_cell_that_is_on_or_pending() {
        let cells = [
            (Purpose::Newsletters, Channel::Email, PrefState::Pending),
            (Purpose::ProductTesting, Channel::Telephone, PrefState::On),
            (Purpose::StatusInformation, Channel::Postal, PrefState::On),
        ];
        let off = promotional_off(&cells);
        assert_eq!(
            off,
            vec![
                change(Purpose::Newsletters, Channel::Email, false),
                change(Purpose::ProductTesting, Channel::Telephone, false),
            ]
        );
    }
}

//! The staff side of the demo (issue 6): two-factor for the agent and the
//! administrator, a support PIN for Priya, tickets in the queue, a staff
//! pseudonym, a little history on Priya's "Staff access" page, and the
//! search index for every demo account.

use chrono::{DateTime, Duration, Utc};
use steward_types::staff::{AuditAction, TicketStatus};
use uuid::Uuid;

use crate::demo::{DEMO_ADMIN_EMAIL, DEMO_AGENT_EMAIL, DEMO_STAFF_TOTP_SECRET};
use crate::store::{MessageRow, NewAudit, Store, TicketRow};

/// Priya's support PIN, for trying caller verification.
pub const DEMO_SUPPORT_PIN: &str = "402719";

async fn ticket(
    store: &dyn Store,
    account: Uuid,
    opener: (Uuid, &str),
    subject: &str,
    messages: &[(&str, &str, bool, i64)],
    status: TicketStatus,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let id = Uuid::now_v7();
    let first_at = now - Duration::hours(messages.first().map_or(1, |m| m.3));
    let row = TicketRow {
        id,
        number: 0,
        account_id: account,
        account_name: String::new(),
        subject: subject.into(),
        status: TicketStatus::Open.as_str().into(),
        opened_by: Some(opener.0),
        opened_by_name: opener.1.into(),
        created_at: first_at,
        updated_at: first_at,
    };
    let mut rows = messages
        .iter()
        .map(|(author, body, staff, hours)| MessageRow {
            id: Uuid::now_v7(),
            ticket_id: id,
            author_user_id: None,
            author_name: (*author).into(),
            author_kind: if *staff { "staff" } else { "customer" }.into(),
            body: (*body).into(),
            internal: *staff && body.starts_with("Note:"),
            at: now - Duration::hours(*hours),
        });
    let Some(first) = rows.next() else {
        return Ok(());
    };
    store.create_ticket(&row, &first).await?;
    for m in rows {
        store.add_ticket_message(&m, None).await?;
    }
    store
        .set_ticket_status(id, status.as_str(), now - Duration::minutes(30))
        .await?;
    Ok(())
}

pub async fn seed(
    store: &dyn Store,
    seal: &crate::sealed::SealKey,
    now: DateTime<Utc>,
    company: Uuid,
    ids: &[Uuid],
) -> anyhow::Result<()> {
    for email in [DEMO_AGENT_EMAIL, DEMO_ADMIN_EMAIL] {
        if let Some(u) = store.user_by_email(email).await? {
            crate::users::enrol_two_factor(store, seal, u.id, DEMO_STAFF_TOTP_SECRET, now).await?;
        }
    }
    let agent = store
        .user_by_email(DEMO_AGENT_EMAIL)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo agent missing"))?;
    store
        .update_staff(agent.id, None, Some(Some("Morgan (Support)")), None, false)
        .await?;
    let pin = DEMO_SUPPORT_PIN.to_owned();
    let hash = crate::hasher::hash_password(pin).await?;
    store
        .set_support_pin(ids[0], Some(&hash), now - Duration::days(40))
        .await?;
    ticket(
        store,
        company,
        (ids[0], "Priya Shah"),
        "Invoices go to an old address",
        &[
            ("Priya Shah", "Hello, our invoices still go to accounts@northwind.example, which we closed. \
              Please send them to billing@northwind.example. You can reach me on +44 20 7946 0321.", false, 20),
            ("Morgan (Support)", "Note: billing contact change needs the owner's confirmation; asked on the phone.", true, 19),
            ("Morgan (Support)", "Thank you, Priya. I have updated the billing contact; the next invoice will go to the new address.", true, 18),
        ],
        TicketStatus::Pending,
        now,
    )
    .await?;
    ticket(
        store,
        company,
        (ids[1], "Tom Becker"),
        "Uploads from our office are rejected",
        &[(
            "Tom Becker",
            "Since this morning, uploads from our office network 198.51.100.23 fail with \
             'blocked'. Is our range on a block list? Our domain is northwind.example.",
            false,
            3,
        )],
        TicketStatus::Open,
        now,
    )
    .await?;
    // One earlier call, so Priya's "Staff access" page shows what it records.
    for (action, what, reason, hours) in [
        (
            AuditAction::ViewCustomer,
            "the account's masked summary",
            None,
            19,
        ),
        (
            AuditAction::CallerCheck,
            "support PIN for Priya Shah: passed",
            None,
            19,
        ),
        (
            AuditAction::Reveal,
            "contact e-mail addresses",
            Some("Caller asked which address invoices go to"),
            19,
        ),
    ] {
        store
            .append_audit(&NewAudit {
                at: now - Duration::hours(hours),
                staff_user_id: agent.id,
                staff_name: agent.display_name.clone(),
                shown_as: "Morgan (Support)".into(),
                staff_role: "agent".into(),
                account_id: Some(company),
                action: action.as_str().into(),
                what: what.into(),
                reason: reason.map(str::to_owned),
                ticket: reason.map(|_| "T-000001".to_owned()),
                ip: Some("127.0.0.1".into()),
            })
            .await?;
    }
    crate::staff::search::reindex_all(store).await?;
    Ok(())
}

//! The demo data set: believable accounts for trying Steward (and for the
//! desktop's "Try the demo"). Seeding is idempotent.

use chrono::{DateTime, Duration, Utc};
use steward_types::profile::{
    Actor, ActorKind, Company, ContactEmail, ContactPurpose, PostalAddress, Profile,
};
use steward_types::security::ActivityKind;
use steward_types::verification::VerificationItem;
use steward_types::{validate, AccountKind, MemberRole, UserRole};
use uuid::Uuid;

use crate::store::{NewActivity, NewCorrectionRow, NewInvitationRow, NewVerification, Store};
use crate::users::add_user;

pub use crate::demo_billing::large_invoices;

/// Every demo user's password. The demo runs on loopback only.
pub const DEMO_PASSWORD: &str = "steward-demo-2013";
/// The customer persona: owner of a company account with a team.
pub const DEMO_CUSTOMER_EMAIL: &str = "priya.shah@northwind.example";
/// The support-agent persona.
pub const DEMO_AGENT_EMAIL: &str = "morgan.lee@support.steward.example";
/// The administrator persona.
pub const DEMO_ADMIN_EMAIL: &str = "ines.duarte@support.steward.example";
/// Demo staff sign in with two-factor like all staff; this is their
/// authenticator secret (base32), so the console's "Try the demo" can
/// compute the code. Loopback demo only.
pub const DEMO_STAFF_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

const SEEDED_KEY: &str = "demo_seeded";

struct Person {
    email: &'static str,
    name: &'static str,
    role: UserRole,
}

const PEOPLE: &[Person] = &[
    Person {
        email: DEMO_CUSTOMER_EMAIL,
        name: "Priya Shah",
        role: UserRole::Customer,
    },
    Person {
        email: "tom.becker@northwind.example",
        name: "Tom Becker",
        role: UserRole::Customer,
    },
    Person {
        email: "lena.ortiz@northwind.example",
        name: "Lena Ortiz",
        role: UserRole::Customer,
    },
    Person {
        email: "alex.rivera@example.com",
        name: "Alex Rivera",
        role: UserRole::Customer,
    },
    Person {
        email: "samira.haddad@example.org",
        name: "Samira Haddad",
        role: UserRole::Customer,
    },
    Person {
        email: DEMO_AGENT_EMAIL,
        name: "Morgan Lee",
        role: UserRole::Agent,
    },
    Person {
        email: DEMO_ADMIN_EMAIL,
        name: "Inês Duarte",
        role: UserRole::Admin,
    },
];

/// Seed the demo data unless already seeded. Returns whether it seeded now.
pub async fn seed(
    store: &dyn Store,
    seal: &crate::sealed::SealKey,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    if store.meta_get(SEEDED_KEY).await?.is_some() {
        return Ok(false);
    }
    let mut ids = Vec::new();
    for p in PEOPLE {
        let user = match store.user_by_email(p.email).await? {
            Some(u) => u,
            None => add_user(store, now, p.email, p.name, p.role, DEMO_PASSWORD).await?,
        };
        ids.push(user.id);
    }
    // Northwind Studios: a company account run by Priya, with a team (PR-12).
    let company = store
        .create_account("Northwind Studios Ltd", AccountKind::Company, now)
        .await?;
    store
        .add_member(company, ids[0], MemberRole::Owner, now)
        .await?;
    store
        .add_member(company, ids[1], MemberRole::BillingManager, now)
        .await?;
    store
        .add_member(company, ids[2], MemberRole::Viewer, now)
        .await?;
    seed_account_holder(store, now, company, &ids).await?;
    crate::demo_billing::seed(store, now, company).await?;
    crate::demo_comms::seed(store, now, ids[0], PEOPLE[0].name).await?;
    crate::demo_comms::seed_sharing(store, now, company, ids[0], PEOPLE[0].name).await?;
    crate::demo_comms::seed_notice(store, now).await?;
    crate::demo_staff::seed(store, seal, now, company, &ids).await?;
    store.meta_set(SEEDED_KEY, &now.to_rfc3339()).await?;
    tracing::info!(users = PEOPLE.len(), "demo data seeded");
    Ok(true)
}

/// Something in every section of issue 3: a full company profile, an
/// invoiced account (so the tax id is correction-only), an open correction,
/// a pending verification request, a pending invitation, and sign-in history.
async fn seed_account_holder(
    store: &dyn Store,
    now: DateTime<Utc>,
    company: Uuid,
    ids: &[Uuid],
) -> anyhow::Result<()> {
    let profile = Profile {
        legal_name: "Priya Shah".into(),
        display_name: "Northwind Studios".into(),
        company: Some(Company {
            name: "Northwind Studios Ltd".into(),
            registration_number: Some("09876543".into()),
            tax_id: Some("GB123456789".into()),
            industry: Some("Film and video production".into()),
            website: Some("https://northwind.example".into()),
        }),
        emails: vec![
            ContactEmail {
                address: DEMO_CUSTOMER_EMAIL.into(),
                purpose: ContactPurpose::General,
            },
            ContactEmail {
                address: "accounts@northwind.example".into(),
                purpose: ContactPurpose::Billing,
            },
            ContactEmail {
                address: "noc@northwind.example".into(),
                purpose: ContactPurpose::Technical,
            },
        ],
        postal_address: Some(PostalAddress {
            country: "GB".into(),
            line1: "14 Canal Street".into(),
            line2: Some("Unit 3".into()),
            locality: "Manchester".into(),
            region: None,
            postal_code: Some("M1 3HE".into()),
        }),
        phone: Some("+44 161 496 0000".into()),
        fax: None,
        ip_ranges: vec!["203.0.113.0/24".into(), "2001:db8:4e57::/48".into()],
        domains: vec!["northwind.example".into(), "media.northwind.example".into()],
    };
    let profile = validate::profile(&profile, AccountKind::Company)
        .map_err(|errors| anyhow::anyhow!("demo profile is invalid: {errors:?}"))?;
    store
        .init_profile(company, &serde_json::to_string(&profile)?, now)
        .await?;
    store
        .set_invoiced(company, now - Duration::days(40))
        .await?;

    let priya = Actor {
        user_id: ids.first().copied(),
        name: "Priya Shah".into(),
        kind: ActorKind::Member,
    };
    store
        .create_correction(NewCorrectionRow {
            account_id: company,
            field: "company.name".into(),
            current_value: Some("Northwind Studios Ltd".into()),
            requested_value: "Northwind Studios Limited".into(),
            reason: "Our registered name changed at Companies House in March.".into(),
            actor: priya,
            now: now - Duration::days(2),
        })
        .await?;
    store
        .create_verification(NewVerification {
            account_id: company,
            source: "staff",
            actor: Actor {
                user_id: ids.last().copied(),
                name: "Morgan Lee".into(),
                kind: ActorKind::Staff,
            },
            reason: "Annual check before your licence renewal: please confirm your billing address and company details.".into(),
            created_at: now - Duration::days(1),
            due_at: now + Duration::days(13),
            items: vec![
                VerificationItem::BillingAddress,
                VerificationItem::CompanyInformation,
                VerificationItem::ContactDetails,
            ],
        })
        .await?;
    store
        .create_invitation(NewInvitationRow {
            account_id: company,
            email: "sam.okafor@northwind.example".into(),
            role: MemberRole::Viewer,
            code_hash: crate::crypto::token_hash(&crate::crypto::new_token(
                crate::crypto::TokenKind::Invitation,
            )),
            invited_by: "Priya Shah".into(),
            now: now - Duration::days(3),
            expires_at: now + Duration::days(11),
        })
        .await?;
    if let Some(owner) = ids.first().copied() {
        for (days, kind, ip, ua, detail) in [
            (
                6,
                ActivityKind::SignIn,
                "198.51.100.23",
                "Firefox 131 on Windows",
                "steward-console",
            ),
            (
                4,
                ActivityKind::SignInFailed,
                "192.0.2.77",
                "curl/8.5",
                "wrong password",
            ),
            (
                4,
                ActivityKind::SignInFailed,
                "192.0.2.77",
                "curl/8.5",
                "wrong password",
            ),
            (
                1,
                ActivityKind::SignIn,
                "198.51.100.23",
                "Steward console 0.1 on Linux",
                "steward-console",
            ),
        ] {
            store
                .record_activity(NewActivity {
                    user_id: owner,
                    kind,
                    at: now - Duration::days(days),
                    ip_address: Some(ip.into()),
                    user_agent: Some(ua.into()),
                    detail: Some(detail.into()),
                })
                .await?;
        }
    }
    Ok(())
}

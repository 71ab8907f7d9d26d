//! The demo data set: believable accounts for trying Steward (and for the
//! desktop's "Try the demo"). Seeding is idempotent.

use chrono::{DateTime, Utc};
use steward_types::{AccountKind, MemberRole, UserRole};

use crate::store::Store;
use crate::users::add_user;

/// Every demo user's password. The demo runs on loopback only.
pub const DEMO_PASSWORD: &str = "steward-demo-2013";
/// The customer persona: owner of a company account with a team.
pub const DEMO_CUSTOMER_EMAIL: &str = "priya.shah@northwind.example";
/// The support-agent persona.
pub const DEMO_AGENT_EMAIL: &str = "morgan.lee@support.steward.example";

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
];

/// Seed the demo data unless already seeded. Returns whether it seeded now.
pub async fn seed(store: &dyn Store, now: DateTime<Utc>) -> anyhow::Result<bool> {
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
    store.meta_set(SEEDED_KEY, &now.to_rfc3339()).await?;
    tracing::info!(users = PEOPLE.len(), "demo data seeded");
    Ok(true)
}

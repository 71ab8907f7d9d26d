//! Creating users: shared by `steward-server user add`, the demo seed and tests.

use chrono::{DateTime, Utc};
use steward_types::{AccountKind, MemberRole, UserRole};

use crate::store::{NewUser, Store, User};

/// ASVS V2.1: at least 12 characters, at most 128, no composition rules.
pub fn check_password(password: &str, email: &str) -> Result<(), String> {
    let len = password.chars().count();
    if len < 12 {
        return Err("password: must be at least 12 characters".into());
    }
    if len > 128 {
        return Err("password: must be at most 128 characters".into());
    }
    if password.eq_ignore_ascii_case(email) {
        return Err("password: must not be the e-mail address".into());
    }
    Ok(())
}

/// A deliberately modest check; full address validation arrives with profiles.
pub fn normalise_email(email: &str) -> Result<String, String> {
    let e = email.trim().to_lowercase();
    let valid = e.len() <= 254
        && e.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
        && !e.chars().any(char::is_whitespace)
        && e.matches('@').count() == 1;
    if valid {
        Ok(e)
    } else {
        Err(format!("email: {email:?} is not an e-mail address"))
    }
}

/// Add a user; customers also get a personal account they own.
pub async fn add_user(
    store: &dyn Store,
    now: DateTime<Utc>,
    email: &str,
    display_name: &str,
    role: UserRole,
    password: &str,
) -> anyhow::Result<User> {
    let email = normalise_email(email).map_err(anyhow::Error::msg)?;
    let name = display_name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        anyhow::bail!("name: must be 1 to 200 characters");
    }
    check_password(password, &email).map_err(anyhow::Error::msg)?;
    if store.user_by_email(&email).await?.is_some() {
        anyhow::bail!("email: a user with {email} already exists");
    }
    let password = password.to_string();
    let hash = crate::hasher::hash_password(password).await?;
    let user = store
        .create_user(
            NewUser {
                email,
                display_name: name.to_string(),
                password_hash: hash,
                roles: vec![role],
            },
            now,
        )
        .await?;
    if role == UserRole::Customer {
        let account = store
            .create_account(name, AccountKind::Personal, now)
            .await?;
        store
            .add_member(account, user.id, MemberRole::Owner, now)
            .await?;
        crate::staff::search::reindex(store, account).await?;
    }
    Ok(user)
}

/// Turn two-factor on with a known secret (base32): for demo and test staff,
/// whose codes the demo and the tests compute. Real staff enrol in the
/// console. The enrolment step is in the past so the next code signs in.
pub async fn enrol_two_factor(
    store: &dyn Store,
    seal: &crate::sealed::SealKey,
    user_id: uuid::Uuid,
    secret_b32: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    store
        .put_totp_pending(user_id, &seal.seal(user_id, secret_b32)?, now)
        .await?;
    let step = crate::totp::step_at(now.timestamp()) - 2 * crate::totp::DRIFT_STEPS;
    if !store.confirm_totp(user_id, step, &[], now).await? {
        anyhow::bail!("two-factor was already on for {user_id}");
    }
    Ok(())
}

/// The code for a base32 secret at a time step (what an authenticator shows).
pub fn totp_code(secret_b32: &str, step: i64) -> Option<String> {
    let secret = crate::totp::base32_decode(secret_b32)?;
    Some(crate::totp::hotp(
        &secret,
        u64::try_from(step).ok()?,
        crate::totp::DIGITS,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_rules_name_the_field_and_the_rule() {
        assert!(check_password("short", "a@b.c")
            .expect_err("short")
            .contains("at least 12"));
        assert!(check_password(&"x".repeat(129), "a@b.c")
            .expect_err("long")
            .contains("at most 128"));
        assert!(check_password("alex@example.com", "alex@example.com").is_err());
        assert!(check_password("a perfectly fine passphrase", "a@b.c").is_ok());
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            normalise_email("  Alex@Example.COM ").expect("ok"),
            "alex@example.com"
        );
        for bad in ["", "no-at", "a@b", "a@@b.c", "a b@c.d", "@b.c", "a@.b.c"] {
            assert!(normalise_email(bad).is_err(), "{bad:?}");
        }
    }
}

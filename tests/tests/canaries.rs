//! Secrets never leak (issue 7, PR-16): canary secrets are planted through
//! the paths that carry them (a password set and used to sign in, access
//! and refresh tokens issued and rotated, a two-factor seed enrolled and
//! used, a card-number-shaped string sent to the account API), then the
//! logs, the database's files and a backup are scanned: none may appear.
//! Both stores. (Card numbers typed on the payment vault's page are
//! scanned for in `vault.rs`; the desktop side, in the end-to-end suite.)

use serde_json::json;
use steward_server::clock::Clock;
use steward_tests::api::{company, Caller};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer, PASSWORD};

const CANARY_PASSWORD: &str = "canary passphrase 7f3a9c e1d2";
const CANARY_CARD: &str = "4000056655665556";
/// A seed stored in plain text before sealing existed.
const LEGACY_SEED: &str = "LEGACYSEEDJBSWY3DPEHPK3PXPLEGACY";

async fn canaries_appear_nowhere(backend: Backend) {
    steward_tests::logs::capture();
    let s = TestServer::start(backend).await;
    let c = company(&s).await;

    // A password: set, then used to sign in.
    let owner = Caller::sign_in(&s, c.owner).await;
    let r = owner
        .post(
            "/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": CANARY_PASSWORD}),
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.body);
    let (access, refresh) = steward_tests::oauth::sign_in(&s, c.owner, CANARY_PASSWORD).await;
    // Tokens: issued, used, rotated.
    let (status, _) = steward_tests::oauth::me(&s, &access).await;
    assert_eq!(status, 200);
    let (status, rotated) = steward_tests::oauth::refresh(&s, &refresh).await;
    assert_eq!(status, 200, "{rotated}");
    let new_access = rotated["access_token"]
        .as_str()
        .expect("access")
        .to_string();
    let new_refresh = rotated["refresh_token"]
        .as_str()
        .expect("refresh")
        .to_string();
    let me = Caller::with_tokens(&s, new_access.clone(), new_refresh.clone());

    // A two-factor seed: enrolled, confirmed, used.
    let enrol = me.post("/v1/me/two-factor", json!({})).await;
    assert_eq!(enrol.status, 201, "{}", enrol.body);
    let seed: String = enrol.body["secret"]
        .as_str()
        .expect("secret")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let now_step = steward_server::totp::step_at(s.clock.now().timestamp());
    let code = steward_server::users::totp_code(&seed, now_step).expect("code");
    let r = me
        .post("/v1/me/two-factor/confirm", json!({"code": code}))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    // A card number sent where it does not belong: refused, not kept.
    let r = me
        .post(
            &format!("/v1/accounts/{}/corrections", c.account_id),
            json!({"field": "legal_name", "proposed": CANARY_CARD, "reason": "card"}),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(!r.body.to_string().contains(CANARY_CARD));

    // A seed stored before sealing: the next server to start seals it. (Its
    // old bytes can stay in free pages, the WAL or dead rows until the
    // database rewrites them: docs/operations.md says to vacuum after the
    // upgrade, so it is not among the canaries scanned for below.)
    let viewer = s
        .store
        .user_by_email(c.viewer)
        .await
        .expect("db")
        .expect("viewer");
    s.store
        .put_totp_pending(viewer.id, LEGACY_SEED, s.clock.now())
        .await
        .expect("plant");
    let restarted = s.second_instance().await;
    let stored_seed = s
        .store
        .totp(viewer.id)
        .await
        .expect("db")
        .expect("seed")
        .secret;
    assert_ne!(stored_seed, LEGACY_SEED);
    assert_eq!(
        s.seal().open(viewer.id, &stored_seed).expect("opens"),
        LEGACY_SEED
    );
    restarted.shutdown().await;

    let canaries = [
        ("password", CANARY_PASSWORD.to_string()),
        ("access token", access),
        ("refresh token", refresh),
        ("rotated access token", new_access),
        ("rotated refresh token", new_refresh),
        ("two-factor seed", seed),
        ("card number", CANARY_CARD.to_string()),
    ];
    let logs = steward_tests::logs::text();
    assert!(
        logs.len() > 1000,
        "the logs were captured ({} bytes)",
        logs.len()
    );
    let stored = String::from_utf8_lossy(&s.stored_bytes().await).into_owned();
    assert!(stored.len() > 10_000, "the database was read");
    let mut places = vec![("logs", logs), ("database files", stored)];
    if backend == Backend::Sqlite {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("backup");
        steward_server::backup::backup(&s.database_url, &file)
            .await
            .expect("backup");
        places.push((
            "backup",
            String::from_utf8_lossy(&std::fs::read(&file).expect("read")).into_owned(),
        ));
    }
    for (place, text) in &places {
        for (what, canary) in &canaries {
            assert!(
                !text.contains(canary.as_str()),
                "the {what} is in the {place}"
            );
        }
    }
    s.shutdown().await;
}

on_both_stores!(canaries_appear_nowhere);

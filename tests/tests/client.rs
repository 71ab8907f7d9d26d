//! `steward-client` against the real server on loopback, with credentials in
//! the real OS keyring (gnome-keyring on a private D-Bus session bus).
//! PR-16: credentials only in the OS keyring; a locked keyring is never
//! mistaken for "signed out".

use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use steward_client::{
    ClientError, CredentialKey, FormFillingBrowser, KeyringError, KeyringStore, ManualClock,
    SecretStore, StewardClient,
};
use steward_tests::keyring_session::KeyringSession;
use steward_tests::oauth;
use steward_tests::server::{Backend, TestServer, PASSWORD};
use steward_types::desktop::CommandErrorCode;
use steward_types::UserRole;

const EMAIL: &str = "grace@example.com";

struct Fixture {
    server: TestServer,
    store: Arc<KeyringStore>,
    clock: Arc<ManualClock>,
    // Dropped last: the keyring must outlive the clients using it.
    keyring: KeyringSession,
}

impl Fixture {
    async fn new() -> Self {
        let keyring = KeyringSession::start();
        let server = TestServer::start(Backend::Sqlite).await;
        server
            .add_user(EMAIL, "Grace Hopper", UserRole::Customer)
            .await;
        // The client's clock follows the server's (both start at the same instant).
        let clock = ManualClock::new(
            Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
                .single()
                .expect("date"),
        );
        Self {
            server,
            store: Arc::new(KeyringStore::new()),
            clock: Arc::new(clock),
            keyring,
        }
    }

    fn client(&self) -> StewardClient {
        StewardClient::new(
            self.server.base.clone(),
            self.store.clone(),
            self.clock.clone(),
        )
        .expect("client")
    }

    async fn signed_in(&self) -> (StewardClient, CredentialKey) {
        let client = self.client();
        let me = client
            .sign_in(&FormFillingBrowser::new(EMAIL, PASSWORD), "test-server")
            .await
            .expect("sign in");
        assert_eq!(me.email, EMAIL);
        let key = client.credential_key().expect("key");
        (client, key)
    }

    fn advance(&self, by: Duration) {
        self.server.clock.advance(by);
        self.clock.advance(by);
    }

    async fn refresh_rows(&self) -> i64 {
        let db = self.server.sqlite_path().expect("sqlite");
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display()))
            .await
            .expect("open");
        sqlx::query_scalar("SELECT COUNT(*) FROM refresh_tokens")
            .fetch_one(&pool)
            .await
            .expect("count")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sign_in_stores_the_refresh_token_in_the_keyring_only() {
    let f = Fixture::new().await;
    let (client, key) = f.signed_in().await;
    assert_eq!(
        key,
        CredentialKey::new(
            "test-server",
            client.me().await.expect("me").user_id.to_string()
        )
    );
    let stored = f.store.get(&key).expect("keyring read").expect("an entry");
    assert!(stored.expose().starts_with("stw_rt_"));
    // A second, independent connection to the Secret Service reads it: it is
    // in the OS keyring, not in this process.
    let other = KeyringStore::new()
        .get(&key)
        .expect("second connection")
        .expect("entry");
    assert_eq!(other.expose(), stored.expose());
    // And no file under HOME holds it in plain text (the keyring file is encrypted).
    let plain = walk(f.keyring.home()).into_iter().find(|p| {
        std::fs::read(p)
            .map(|b| contains(&b, stored.expose().as_bytes()))
            .unwrap_or(false)
    });
    assert!(plain.is_none(), "refresh token in plain text at {plain:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_password_is_refused_and_nothing_is_stored() {
    let f = Fixture::new().await;
    let client = f.client();
    let err = client
        .sign_in(
            &FormFillingBrowser::new(EMAIL, "not the password"),
            "test-server",
        )
        .await
        .expect_err("refused");
    assert!(
        matches!(err, ClientError::SignInRefused { status: 401, .. }),
        "{err:?}"
    );
    assert!(client.credential_key().is_none());
    assert_eq!(f.refresh_rows().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_calls_across_an_expiry_cause_exactly_one_refresh() {
    let f = Fixture::new().await;
    let (client, key) = f.signed_in().await;
    let before = f.store.get(&key).expect("read").expect("entry");
    assert_eq!(f.refresh_rows().await, 1);
    f.advance(Duration::seconds(16 * 60));
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.me().await })
        })
        .collect();
    for call in calls {
        let me = call.await.expect("task").expect("every call succeeds");
        assert_eq!(me.email, EMAIL);
    }
    assert_eq!(client.refresh_count(), 1, "client side: one refresh");
    assert_eq!(f.refresh_rows().await, 2, "server side: one rotation");
    let after = f.store.get(&key).expect("read").expect("entry");
    assert_ne!(
        before.expose(),
        after.expose(),
        "the rotated token is in the keyring"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_restarted_client_resumes_from_the_keyring() {
    let f = Fixture::new().await;
    let (_, key) = f.signed_in().await;
    let fresh = f.client();
    let me = fresh.resume(key.clone()).await.expect("resume");
    assert_eq!(me.email, EMAIL);
    // Resuming rotated the token; the keyring holds the new one.
    assert_eq!(f.refresh_rows().await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sign_out_revokes_on_the_server_and_deletes_the_entry() {
    let f = Fixture::new().await;
    let (client, key) = f.signed_in().await;
    let rt = f.store.get(&key).expect("read").expect("entry");
    client.sign_out().await.expect("sign out");
    assert!(
        f.store.get(&key).expect("read").is_none(),
        "keyring entry deleted"
    );
    let (status, body) = oauth::refresh(&f.server, rt.expose()).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_grant")),
        "revoked on the server"
    );
    let err = f.client().resume(key).await.expect_err("nothing to resume");
    assert!(matches!(err, ClientError::NotSignedIn), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_revoked_session_is_reported_as_expired() {
    let f = Fixture::new().await;
    let (_, key) = f.signed_in().await;
    let rt = f.store.get(&key).expect("read").expect("entry");
    // Revoked elsewhere (another device, an administrator).
    let resp = f
        .server
        .http
        .post(f.server.url("/oauth/revoke"))
        .form(&[("token", rt.expose().as_str())])
        .send()
        .await
        .expect("revoke");
    assert_eq!(resp.status(), 200);
    let err = f.client().resume(key).await.expect_err("revoked");
    assert!(matches!(err, ClientError::SessionExpired { .. }), "{err:?}");
    assert_eq!(
        err.to_command_error().code,
        CommandErrorCode::SessionExpired
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_locked_keyring_is_its_own_error_never_signed_out() {
    let mut f = Fixture::new().await;
    let (_, key) = f.signed_in().await;
    f.keyring.lock();
    let err = f.client().resume(key.clone()).await.expect_err("locked");
    assert!(
        matches!(err, ClientError::Keyring(KeyringError::Locked)),
        "{err:?}"
    );
    let shown = err.to_command_error();
    assert_eq!(shown.code, CommandErrorCode::KeyringLocked);
    assert!(shown
        .advice
        .unwrap_or_default()
        .to_lowercase()
        .contains("unlock"));
    // Nothing was deleted or replaced: after unlocking, the session resumes.
    f.keyring.unlock();
    let me = f.client().resume(key).await.expect("resumes after unlock");
    assert_eq!(me.email, EMAIL);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_secret_service_is_reported_as_unavailable() {
    let mut f = Fixture::new().await;
    f.keyring.stop_service();
    let err = f
        .client()
        .sign_in(&FormFillingBrowser::new(EMAIL, PASSWORD), "test-server")
        .await
        .expect_err("nowhere to keep the credential");
    assert!(
        matches!(err, ClientError::Keyring(KeyringError::Unavailable(_))),
        "{err:?}"
    );
    assert_eq!(
        err.to_command_error().code,
        CommandErrorCode::KeyringUnavailable
    );
    // No file fallback anywhere under HOME.
    let leaked = walk(f.keyring.home()).into_iter().find(|p| {
        std::fs::read_to_string(p)
            .map(|t| t.contains("stw_rt_"))
            .unwrap_or(false)
    });
    assert!(leaked.is_none(), "refresh token written to {leaked:?}");
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn plain_http_is_refused_except_to_loopback() {
    let store: Arc<dyn SecretStore> = Arc::new(KeyringStore::new());
    let clock = Arc::new(ManualClock::new(Utc::now()));
    for bad in [
        "http://accounts.example.com",
        "ftp://127.0.0.1",
        "http://user:pw@127.0.0.1:1",
    ] {
        let url = url::Url::parse(bad).expect("url");
        assert!(
            StewardClient::new(url, store.clone(), clock.clone()).is_err(),
            "{bad}"
        );
    }
    for good in [
        "https://accounts.example.com",
        "http://127.0.0.1:8080",
        "http://[::1]:8080",
        "http://localhost:1",
    ] {
        let url = url::Url::parse(good).expect("url");
        assert!(
            StewardClient::new(url, store.clone(), clock.clone()).is_ok(),
            "{good}"
        );
    }
}

/// PR-1: a save based on an old version comes back as a conflict carrying
/// the other side's version (never an error, never a silent overwrite), and
/// saving the merge with that version's ETag works.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_profile_save_returns_the_current_version_to_merge() {
    use steward_types::desktop::SaveOutcome;
    let f = Fixture::new().await;
    let (a, _) = f.signed_in().await;
    let b = f.client();
    b.sign_in(&FormFillingBrowser::new(EMAIL, PASSWORD), "test-server-b")
        .await
        .expect("second client");
    let account = a.me().await.expect("me").accounts[0].account_id;
    let base = a.profile(account).await.expect("profile");
    let theirs_base = b.profile(account).await.expect("profile");
    assert_eq!(base.etag, theirs_base.etag);

    let mut theirs = theirs_base.view.profile.clone();
    theirs.phone = Some("+1 415 555 0100".into());
    theirs.postal_address = Some(steward_types::profile::PostalAddress {
        country: "US".into(),
        line1: "1 Market St".into(),
        locality: "San Francisco".into(),
        region: Some("CA".into()),
        postal_code: Some("94105".into()),
        line2: None,
    });
    let saved = b
        .save_profile(account, &theirs, &theirs_base.etag)
        .await
        .expect("save");
    assert!(matches!(saved, SaveOutcome::Saved { .. }), "{saved:?}");

    let mut mine = base.view.profile.clone();
    mine.display_name = "Grace H.".into();
    let outcome = a
        .save_profile(account, &mine, &base.etag)
        .await
        .expect("no error");
    let SaveOutcome::Conflict { current } = outcome else {
        panic!("expected a conflict, got {outcome:?}");
    };
    assert_eq!(current.view.profile.phone.as_deref(), Some("+14155550100"));
    assert_ne!(current.etag, base.etag);

    // The merge: their phone and address, my display name.
    let mut merged = current.view.profile.clone();
    merged.display_name = mine.display_name.clone();
    let SaveOutcome::Saved { state } = a
        .save_profile(account, &merged, &current.etag)
        .await
        .expect("save")
    else {
        panic!("the merge should save");
    };
    assert_eq!(state.view.profile.display_name, "Grace H.");
    assert_eq!(state.view.profile.phone.as_deref(), Some("+14155550100"));

    // Validation failures arrive as field errors, ready for the form.
    let mut bad = state.view.profile.clone();
    bad.fax = Some("12345".into());
    let err = a
        .save_profile(account, &bad, &state.etag)
        .await
        .expect_err("invalid");
    let cmd = err.to_command_error();
    assert_eq!(cmd.code, CommandErrorCode::InvalidInput);
    assert!(
        cmd.fields
            .iter()
            .any(|f| f.field == "fax" && f.rule == "e164"),
        "{:?}",
        cmd.fields
    );
}

/// Step-up: a fresh sign-in replaces the session (the old refresh token is
/// revoked) and sensitive changes go through again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reauthenticate_renews_the_session_for_sensitive_changes() {
    let f = Fixture::new().await;
    let (client, key) = f.signed_in().await;
    let old_refresh = f.store.get(&key).expect("get").expect("stored");
    f.advance(Duration::minutes(11));
    let err = client.start_two_factor().await.expect_err("step-up needed");
    assert_eq!(
        err.to_command_error().code,
        CommandErrorCode::StepUpRequired
    );

    client
        .reauthenticate(&FormFillingBrowser::new(EMAIL, PASSWORD), "test-server")
        .await
        .expect("reauthenticate");
    client
        .start_two_factor()
        .await
        .expect("allowed after a fresh sign-in");
    let new_refresh = f.store.get(&key).expect("get").expect("stored");
    assert_ne!(
        new_refresh.expose(),
        old_refresh.expose(),
        "the keyring holds the new session"
    );
    let (status, _) = oauth::refresh(&f.server, old_refresh.expose()).await;
    assert_eq!(status, 400, "the old session is revoked");

    // Signing in as someone else is refused and keeps the original session.
    f.server
        .add_user("mallory@example.com", "Mallory", UserRole::Customer)
        .await;
    let err = client
        .reauthenticate(
            &FormFillingBrowser::new("mallory@example.com", PASSWORD),
            "test-server",
        )
        .await
        .expect_err("wrong user");
    assert!(matches!(err, ClientError::WrongUser), "{err:?}");
    assert_eq!(client.me().await.expect("still signed in").email, EMAIL);
}

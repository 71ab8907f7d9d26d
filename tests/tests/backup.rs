//! The backup drill (issue 7): back up the SQLite store while customers and
//! staff write to it, restore the backup elsewhere, and check that the copy
//! passes SQLite's integrity check, its audit chain verifies, and every write
//! acknowledged before the backup began is in it. A damaged backup is
//! refused and nothing is replaced.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::Method;
use steward_server::backup;
use steward_server::store::AccountStore;
use steward_tests::api::{company, valid_company_profile, Caller};
use steward_tests::server::{Backend, TestServer};

type Acks = Arc<Mutex<Vec<(Instant, i64)>>>;

#[tokio::test]
async fn a_backup_taken_under_load_restores_every_acknowledged_write() {
    steward_tests::logs::capture();
    let s = TestServer::start(Backend::Sqlite).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let agent = Caller::sign_in(&s, c.agent).await;
    let stop = Arc::new(AtomicBool::new(false));
    let saves: Acks = Arc::default();
    let views: Acks = Arc::default();

    // Profile saves: each acknowledged version, with when it was answered.
    let profile = format!("/v1/accounts/{}/profile", c.account_id);
    let writer = {
        let (stop, saves, owner, profile) =
            (stop.clone(), saves.clone(), owner.clone(), profile.clone());
        tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let tag = owner.get(&profile).await.etag.expect("etag");
                let body = valid_company_profile(&format!("Acme {i}"));
                let r = owner
                    .send(Method::PUT, &profile, Some(body), Some(&tag))
                    .await;
                if r.status == 500 {
                    let logs = steward_tests::logs::text();
                    let errors: Vec<&str> = logs.lines().filter(|l| l.contains("ERROR")).collect();
                    panic!("{}", errors.join("\n"));
                }
                if r.status == 503 {
                    continue; // busy: the client retries, as the console does
                }
                assert_eq!(r.status, 200, "{}", r.body);
                let v: i64 = r
                    .etag
                    .expect("etag")
                    .trim_matches('"')
                    .parse()
                    .expect("version");
                saves.lock().expect("lock").push((Instant::now(), v));
            }
        })
    };
    // Staff reads, each an audit entry written before the answer.
    let customer = format!("/v1/staff/customers/{}", c.account_id);
    let reader = {
        let (stop, views, agent) = (stop.clone(), views.clone(), agent.clone());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let r = agent.get(&customer).await;
                assert_eq!(r.status, 200, "{}", r.body);
                n += 1;
                views.lock().expect("lock").push((Instant::now(), n));
            }
        })
    };
    tokio::time::sleep(Duration::from_millis(400)).await;

    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("steward.backup");
    let began = Instant::now();
    let report = backup::backup(&s.database_url, &file)
        .await
        .expect("backup");
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::Relaxed);
    writer.await.expect("writer");
    reader.await.expect("reader");
    assert!(report.checked.bytes > 0);

    let acked_before = |acks: &Acks| {
        acks.lock()
            .expect("lock")
            .iter()
            .filter(|(at, _)| *at < began)
            .map(|(_, v)| *v)
            .max()
            .unwrap_or(0)
    };
    let saved = acked_before(&saves);
    let viewed = acked_before(&views);
    assert!(
        saved > 0 && viewed > 0,
        "load ran before the backup ({saved}, {viewed})"
    );
    let after_all = saves.lock().expect("lock").len();
    assert!(
        after_all > saved as usize / 2,
        "writes went on during the backup"
    );

    assert!(
        backup::backup(&s.database_url, &file).await.is_err(),
        "never overwrites a backup"
    );

    // Restore into a new place and read it back.
    let url = format!("sqlite://{}", dir.path().join("restored.sqlite").display());
    let restored = backup::restore(&file, &url, false).await.expect("restore");
    assert!(restored.checked.audit_entries >= viewed, "{restored:?}");
    let store = steward_server::store::SqliteStore::open(&url, 1)
        .await
        .expect("open");
    let account = c.account_id.parse().expect("uuid");
    let row = store.profile(account).await.expect("db").expect("profile");
    assert!(
        row.version >= saved,
        "version {} restored, {saved} acknowledged before the backup",
        row.version
    );
    let audit = steward_server::audit::verify(&store).await.expect("verify");
    assert!(audit.first_break.is_none());
    assert!(
        audit.checked >= viewed,
        "{} entries, {viewed} acknowledged",
        audit.checked
    );
    store.close().await;

    // Over an existing database only with --force; a damaged backup never.
    assert!(backup::restore(&file, &url, false).await.is_err());
    let mut bytes = std::fs::read(&file).expect("read");
    let len = bytes.len();
    bytes.truncate(len / 2);
    let damaged = dir.path().join("damaged.backup");
    std::fs::write(&damaged, &bytes).expect("write");
    let err = backup::restore(&damaged, &url, true)
        .await
        .expect_err("damaged");
    assert!(
        format!("{err:#}").contains("nothing was restored"),
        "{err:#}"
    );
    let store = steward_server::store::SqliteStore::open(&url, 1)
        .await
        .expect("open");
    assert_eq!(
        store
            .profile(account)
            .await
            .expect("db")
            .expect("profile")
            .version,
        row.version,
        "the database is untouched"
    );
    store.close().await;
    s.shutdown().await;
}

#[tokio::test]
async fn postgres_urls_point_to_pg_dump() {
    let err = backup::backup("postgres://db/steward", std::path::Path::new("/tmp/x"))
        .await
        .expect_err("refused");
    assert!(err.to_string().contains("pg_dump"), "{err}");
}

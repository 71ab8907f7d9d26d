//! Self-tests: the harnesses really start, isolate and clean up.
//! Run with `cargo nextest run -p steward-tests` (one process per test).

use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use steward_tests::keyring_session::KeyringSession;
use steward_tests::pg::PgCluster;

fn port_open(port: u16) -> bool {
    TcpStream::connect_timeout(
        &SocketAddr::from(([127, 0, 0, 1], port)),
        Duration::from_millis(500),
    )
    .is_ok()
}

fn process_alive(pid: u32) -> bool {
    // /proc/PID disappears once the (reaped) process is gone; a zombie shows state Z.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat.split_whitespace().nth(2).is_none_or(|s| s != "Z"),
        Err(_) => false,
    }
}

#[test]
fn pg_cluster_runs_sql() {
    let Some(pg) = PgCluster::start_or_skip("pg_cluster_runs_sql") else {
        return;
    };
    let out = pg.psql("postgres", "select 1").expect("psql select 1");
    assert_eq!(out.trim(), "1");
    assert_eq!(
        pg.url("x"),
        format!("postgres://postgres@127.0.0.1:{}/x", pg.port())
    );
    // Fresh cluster settings we rely on.
    let enc = pg.psql("postgres", "show server_encoding").expect("psql");
    assert_eq!(enc.trim(), "UTF8");
    let fsync = pg.psql("postgres", "show fsync").expect("psql");
    assert_eq!(fsync.trim(), "off");
}

#[tokio::test]
async fn pg_create_database_gives_unique_usable_urls() {
    let Some(pg) = PgCluster::start_or_skip("pg_create_database_gives_unique_usable_urls") else {
        return;
    };
    let a = pg.create_database("Accounts-Test").await;
    let b = pg.create_database("Accounts-Test").await;
    assert_ne!(a, b);
    let name_a = a.rsplit('/').next().expect("db name");
    assert!(name_a.starts_with("accounts_test_"), "{a}");
    let out = pg
        .psql(
            name_a,
            "create table t (x int); insert into t values (41); select x + 1 from t",
        )
        .expect("psql on the created db");
    assert_eq!(out.trim(), "42");
}

#[test]
fn pg_two_clusters_get_different_ports_and_drop_stops_postgres() {
    let Some(a) = PgCluster::start_or_skip("pg_two_clusters") else {
        return;
    };
    let b = PgCluster::start();
    assert_ne!(a.port(), b.port());
    assert_ne!(a.dir(), b.dir());
    for c in [&a, &b] {
        assert_eq!(c.psql("postgres", "select 1").expect("psql").trim(), "1");
    }
    let (port, pid, dir) = (a.port(), a.pid(), a.dir().to_path_buf());
    assert!(port_open(port));
    drop(a);
    assert!(
        !process_alive(pid),
        "postmaster {pid} still alive after drop"
    );
    assert!(
        !port_open(port),
        "port {port} still accepts connections after drop"
    );
    assert!(!dir.exists(), "{} not removed", dir.display());
    // The other cluster is unaffected.
    assert_eq!(b.psql("postgres", "select 2").expect("psql").trim(), "2");
}

#[test]
fn pg_drop_is_fast_even_with_a_connected_client() {
    let Some(pg) = PgCluster::start_or_skip("pg_drop_fast") else {
        return;
    };
    // A client that never disconnects: smart shutdown (SIGTERM) would wait for it.
    let mut client = std::process::Command::new("psql")
        .args([
            "-X",
            "-h",
            "127.0.0.1",
            "-p",
            &pg.port().to_string(),
            "-U",
            "postgres",
            "-c",
            "select pg_sleep(60)",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn psql");
    std::thread::sleep(Duration::from_millis(300));
    let t = Instant::now();
    drop(pg);
    let took = t.elapsed();
    let _ = client.kill();
    let _ = client.wait();
    assert!(took < Duration::from_secs(5), "drop took {took:?}");
}

#[test]
fn keyring_stores_and_reads_a_secret() {
    let kr = KeyringSession::start();
    assert!(kr.service_running());
    assert_eq!(
        std::env::var("DBUS_SESSION_BUS_ADDRESS").as_deref(),
        Ok(kr.bus_address())
    );
    assert_eq!(
        std::env::var_os("HOME").as_deref(),
        Some(kr.home().as_os_str())
    );
    assert!(!kr.is_locked().expect("is_locked"));
    kr.secret_tool_store("steward-test", "k1", "s3cret")
        .expect("store");
    assert_eq!(
        kr.secret_tool_lookup("steward-test", "k1")
            .expect("lookup")
            .as_deref(),
        Some("s3cret")
    );
    assert_eq!(
        kr.secret_tool_lookup("steward-test", "missing")
            .expect("lookup"),
        None
    );
    // Children of this process see the session through the environment alone.
    let out = std::process::Command::new("secret-tool")
        .args(["lookup", "steward-test", "k1"])
        .output()
        .expect("secret-tool");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "s3cret");
    // The keyring file lives in the scratch HOME.
    assert!(kr
        .home()
        .join(".local/share/keyrings/login.keyring")
        .exists());
}

#[test]
fn keyring_lock_makes_reads_fail_and_unlock_restores() {
    let mut kr = KeyringSession::start();
    kr.secret_tool_store("steward-test", "k2", "v2")
        .expect("store");
    kr.lock();
    assert!(kr.is_locked().expect("is_locked"));
    let t = Instant::now();
    // Locked + no prompter: the unlock prompt is dismissed, no secret comes back.
    match kr.secret_tool_lookup("steward-test", "k2") {
        Ok(None) | Err(_) => {}
        Ok(Some(s)) => panic!("lookup returned {s:?} while locked"),
    }
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "locked lookup took {:?} (prompt?)",
        t.elapsed()
    );
    assert!(
        kr.is_locked().expect("is_locked"),
        "a read must not unlock it"
    );
    assert!(
        kr.secret_tool_store("steward-test", "k3", "v3").is_err(),
        "store must fail while locked"
    );
    kr.unlock();
    assert!(!kr.is_locked().expect("is_locked"));
    assert_eq!(
        kr.secret_tool_lookup("steward-test", "k2")
            .expect("lookup")
            .as_deref(),
        Some("v2")
    );
}

#[test]
fn keyring_stop_service_makes_it_unknown_and_nothing_reactivates_it() {
    let mut kr = KeyringSession::start();
    kr.secret_tool_store("steward-test", "k4", "v4")
        .expect("store");
    kr.stop_service();
    assert!(!kr.service_running());
    let err = kr
        .secret_tool_lookup("steward-test", "k4")
        .expect_err("lookup must fail without a service");
    assert!(
        err.to_string().contains("ServiceUnknown") || err.to_string().contains("not provided"),
        "{err:#}"
    );
    // The failed call did not D-Bus-activate a new keyring daemon.
    assert!(!kr.service_running());
    kr.unlock();
    assert_eq!(
        kr.secret_tool_lookup("steward-test", "k4")
            .expect("lookup")
            .as_deref(),
        Some("v4")
    );
}

#[test]
fn keyring_drop_stops_everything_and_restores_env() {
    let before = std::env::var_os("DBUS_SESSION_BUS_ADDRESS");
    let kr = KeyringSession::start();
    let home = kr.home().to_path_buf();
    let address = kr.bus_address().to_owned();
    let socket = address
        .strip_prefix("unix:path=")
        .and_then(|s| s.split(',').next())
        .map(ToOwned::to_owned)
        .expect("unix:path address");
    assert!(Path::new(&socket).exists());
    drop(kr);
    assert_eq!(std::env::var_os("DBUS_SESSION_BUS_ADDRESS"), before);
    assert!(!home.exists(), "{} not removed", home.display());
    assert!(
        !Path::new(&socket).exists(),
        "bus socket {socket} still there"
    );
}

#[test]
#[allow(clippy::print_stderr)] // timings for the test log
fn startup_timings() {
    let t = Instant::now();
    let kr = KeyringSession::start();
    let keyring = t.elapsed();
    drop(kr);
    let Some(_) = PgCluster::start_or_skip("startup_timings").map(drop) else {
        return;
    };
    let t = Instant::now();
    let pg = PgCluster::start();
    let cluster = t.elapsed();
    let t = Instant::now();
    drop(pg);
    let stop = t.elapsed();
    eprintln!("keyring session start: {keyring:?}; pg cluster start (template warm): {cluster:?}; pg stop: {stop:?}");
}

//! Transport (issue 7): off this machine, Steward speaks HTTPS only. The
//! server refuses to listen beyond loopback unless its public address (the
//! TLS proxy in front of it) is https; the client refuses plain http to
//! anything but loopback (`steward-client`'s `url_rules`).

use std::sync::Arc;

use steward_server::Config;
use steward_tests::server::{Backend, TestServer};

#[tokio::test]
async fn the_server_listens_beyond_loopback_only_behind_https() {
    let s = TestServer::start(Backend::Sqlite).await;
    let config = |public_url: &str| Config {
        database_url: s.database_url.clone(),
        listen: std::net::SocketAddr::from(([0, 0, 0, 0], 0)),
        public_url: public_url.into(),
        secret_key_file: Some(s.secret_key_file()),
        ..Config::default()
    };
    let clock = Arc::new(s.clock.clone());
    let err = steward_server::start_with_store(config(""), s.store.clone(), clock.clone())
        .await
        .expect_err("plain http on every interface");
    assert!(err.to_string().contains("TLS proxy"), "{err}");
    let err = steward_server::start_with_store(
        config("http://accounts.example"),
        s.store.clone(),
        clock.clone(),
    )
    .await
    .expect_err("an http issuer");
    assert!(err.to_string().contains("https://"), "{err}");
    let ok = steward_server::start_with_store(
        config("https://accounts.example"),
        s.store.clone(),
        clock,
    )
    .await
    .expect("behind a TLS proxy");
    assert_eq!(ok.base_url.as_str(), "https://accounts.example/");
    ok.shutdown().await;
}

#[test]
fn the_client_refuses_plain_http_beyond_loopback() {
    use steward_client::check_server_url;
    let parse = |u: &str| url::Url::parse(u).expect("url");
    assert!(check_server_url(&parse("http://accounts.example/")).is_err());
    assert!(check_server_url(&parse("http://192.0.2.10:8080/")).is_err());
    assert!(check_server_url(&parse("https://accounts.example/")).is_ok());
    assert!(check_server_url(&parse("http://127.0.0.1:8080/")).is_ok());
    assert!(check_server_url(&parse("http://[::1]:8080/")).is_ok());
}

//! Brute force across two server instances sharing one database (issue 7,
//! PR-16): wrong passwords, wrong two-factor codes and guessed secret links
//! are counted in the store, so a client that alternates between instances
//! behind a load balancer meets the same limits as one that does not.

use steward_server::config::Config;
use steward_tests::api::company;
use steward_tests::oauth::{authorize_params, VERIFIER};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer};

async fn sign_in(
    s: &TestServer,
    base: &str,
    email: &str,
    password: &str,
    otp: Option<&str>,
) -> u16 {
    let mut form = authorize_params(&steward_server::crypto::s256_challenge(VERIFIER));
    form.push(("username", email.into()));
    form.push(("password", password.into()));
    if let Some(otp) = otp {
        form.push(("otp", otp.into()));
    }
    s.http
        .post(format!("{base}/oauth/authorize"))
        .form(&form)
        .send()
        .await
        .expect("post")
        .status()
        .as_u16()
}

async fn limits_hold_across_instances(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let other = s.second_instance().await;
    let bases = [
        s.url("").trim_end_matches('/').to_string(),
        other.base_url.as_str().trim_end_matches('/').to_string(),
    ];
    let per_account = Config::default().throttle.per_account;
    let per_address = Config::default().throttle.per_address;

    // Wrong passwords, alternating: the limit is the same one.
    for i in 0..per_account {
        let status = sign_in(
            &s,
            &bases[i as usize % 2],
            c.owner,
            "wrong password 1",
            None,
        )
        .await;
        assert_eq!(status, 401, "attempt {i}");
    }
    for base in &bases {
        assert_eq!(
            sign_in(&s, base, c.owner, steward_tests::server::PASSWORD, None).await,
            429,
            "{base}: even the right password waits"
        );
    }

    // Wrong two-factor codes for a member of staff, alternating.
    for i in 0..per_account {
        let status = sign_in(
            &s,
            &bases[i as usize % 2],
            c.agent,
            steward_tests::server::PASSWORD,
            Some("000000"),
        )
        .await;
        assert_ne!(status, 303, "attempt {i}: a wrong code never signs in");
        assert_ne!(status, 429, "attempt {i}: not yet throttled");
    }
    let otp = s.next_totp(c.agent).await.expect("code");
    for base in &bases {
        assert_eq!(
            sign_in(
                &s,
                base,
                c.agent,
                steward_tests::server::PASSWORD,
                Some(&otp)
            )
            .await,
            429,
            "{base}: the right code waits too"
        );
    }

    // Guessed secret links (unsubscribe, password reset), alternating.
    for i in 0..per_address {
        let base = &bases[i as usize % 2];
        let path = if i % 2 == 0 {
            "unsubscribe"
        } else {
            "password-reset"
        };
        let r = s
            .http
            .get(format!("{base}/{path}/guess{i}"))
            .send()
            .await
            .expect("get");
        assert_eq!(r.status(), 404, "guess {i}");
    }
    for base in &bases {
        let r = s
            .http
            .get(format!("{base}/unsubscribe/one-more-guess"))
            .send()
            .await
            .expect("get");
        assert_eq!(r.status(), 429, "{base}");
        assert!(r.headers().contains_key("retry-after"));
    }
    // The window passes; links answer again.
    s.clock.advance(chrono::Duration::seconds(
        i64::try_from(Config::default().throttle.window_secs).unwrap_or(900) + 1,
    ));
    let r = s
        .http
        .get(format!("{}/unsubscribe/after-the-wait", bases[1]))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 404);
    other.shutdown().await;
}

on_both_stores!(limits_hold_across_instances);

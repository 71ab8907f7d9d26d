//! The payment vault's card page over real HTTP on both stores (PR-2): who
//! may open one, the checks (brand, length, Luhn, expiry, security code,
//! billing address), single use and expiry, and proof that the number
//! exists nowhere afterwards: not in the database files, not in the logs,
//! not in any answer of the account API.

use chrono::Duration;
use reqwest::Method;
use serde_json::Value;
use steward_server::card_guard::contains_card_number;
use steward_tests::api::{company, Caller, Company};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer};

const PAN: &str = "4000056655665556";

fn path(c: &Company, rest: &str) -> String {
    format!("/v1/accounts/{}{rest}", c.account_id)
}

fn card(number: &str) -> Vec<(&'static str, String)> {
    vec![
        ("number", number.to_string()),
        ("exp_month", "09".into()),
        ("exp_year", "2031".into()),
        ("cvc", "737".into()),
        ("country", "GB".into()),
        ("line1", "1 Long Lane".into()),
        ("locality", "London".into()),
        ("postal_code", "ec1a 1bb".into()),
    ]
}

fn with(
    mut form: Vec<(&'static str, String)>,
    key: &str,
    value: &str,
) -> Vec<(&'static str, String)> {
    for f in &mut form {
        if f.0 == key {
            f.1 = value.to_string();
        }
    }
    form
}

/// Status, headers and the page's HTML.
async fn page(
    s: &TestServer,
    method: Method,
    url: &str,
    form: Option<&[(&str, String)]>,
) -> (u16, reqwest::header::HeaderMap, String) {
    let mut rb = s.http.request(method, url);
    if let Some(f) = form {
        rb = rb.form(f);
    }
    let r = rb.send().await.expect("card page");
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    (status, headers, r.text().await.expect("html"))
}

async fn open_entry(caller: &Caller, c: &Company) -> (Value, String) {
    let r = caller.post(&path(c, "/card-entries"), Value::Null).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let url = r.body["url"].as_str().expect("url").to_string();
    (r.body["entry"].clone(), url)
}

/// PR-2, PR-12: owners and billing managers open card pages; viewers may
/// not; strangers and staff do not learn the account exists.
async fn who_may_open_a_card_page(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    for (who, status) in [
        (c.owner, 201),
        (c.billing, 201),
        (c.viewer, 403),
        (c.stranger, 404),
        (c.agent, 404),
    ] {
        let caller = Caller::sign_in(&s, who).await;
        let r = caller.post(&path(&c, "/card-entries"), Value::Null).await;
        assert_eq!(r.status, status, "{who}: {}", r.body);
    }
    s.shutdown().await;
}

/// PR-2: the card page checks the card, keeps brand, last four, expiry and
/// billing address, works once, and leaves no number anywhere.
async fn the_card_page_adds_a_card_and_keeps_no_number(backend: Backend) {
    steward_tests::logs::capture();
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let (entry, url) = open_entry(&owner, &c).await;
    assert_eq!(entry["status"], "pending");
    assert!(
        url.starts_with(&s.url("/vault/cards/stw_ce_")),
        "a page of this server's vault: {url}"
    );

    let (status, headers, html) = page(&s, Method::GET, &url, None).await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"number\"") && html.contains("autocomplete=\"cc-number\""));
    assert_eq!(headers["cache-control"], "no-store");
    let csp = headers["content-security-policy"].to_str().expect("csp");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("form-action 'self'"),
        "{csp}"
    );

    // Each refusal names the field and the rule, keeps the address, and
    // never echoes the number or the security code.
    for (form, field, says) in [
        (card("4000056655665557"), "number", "not valid"),
        (card("1234 5678 9012 3456"), "number", "We accept"),
        (card("400005665566555"), "number", "16 or 19 digits"),
        (with(card(PAN), "exp_year", "2025"), "exp_year", "expired"),
        (
            with(card(PAN), "exp_month", "13"),
            "exp_month",
            "expiry month",
        ),
        (with(card(PAN), "cvc", "12"), "cvc", "security code"),
        (
            with(card(PAN), "postal_code", "12345"),
            "postal_code",
            "postcode",
        ),
    ] {
        let (status, _, html) = page(&s, Method::POST, &url, Some(&form)).await;
        assert_eq!(status, 422, "{field}: {html}");
        assert!(
            html.contains(&format!("id=\"{field}\" name=\"{field}\" value="))
                && html.contains(&format!("id=\"{field}-error\"")),
            "{field} marked invalid"
        );
        assert!(
            html.to_lowercase().contains(&says.to_lowercase()),
            "{field}: expected {says:?} in {html}"
        );
        assert!(
            !html.contains("5566555") && !html.contains("737"),
            "number and code never echoed"
        );
        assert!(
            html.contains("1 Long Lane"),
            "the address is kept for the next try"
        );
    }
    let r = owner
        .get(&path(
            &c,
            &format!("/card-entries/{}", entry["id"].as_str().expect("id")),
        ))
        .await;
    assert_eq!(
        r.body["status"], "pending",
        "refusals do not use the page up"
    );

    let spaced = "4000 0566 5566 5556";
    let (status, _, html) = page(&s, Method::POST, &url, Some(&card(spaced))).await;
    assert_eq!(status, 201, "{html}");
    assert!(html.contains("Visa ending 5556, expires 09/2031"), "{html}");

    let r = owner
        .get(&path(
            &c,
            &format!("/card-entries/{}", entry["id"].as_str().expect("id")),
        ))
        .await;
    assert_eq!(r.body["status"], "completed");
    let added = r.body["payment_method_id"]
        .as_str()
        .expect("card id")
        .to_string();
    let cards = owner.get(&path(&c, "/payment-methods")).await.body;
    let cards = cards.as_array().expect("cards");
    assert_eq!(cards.len(), 1);
    let pm = &cards[0];
    assert_eq!(pm["id"], added.as_str());
    assert_eq!(
        (
            pm["brand"].as_str(),
            pm["last4"].as_str(),
            pm["exp_month"].as_u64(),
            pm["exp_year"].as_u64()
        ),
        (Some("visa"), Some("5556"), Some(9), Some(2031))
    );
    assert_eq!(
        pm["is_default"], true,
        "an account's first card is its default"
    );
    assert_eq!(
        pm["billing_address"]["postal_code"], "EC1A 1BB",
        "normalised like any address"
    );

    // Single use: the page is gone, and a second post stores nothing.
    let (status, _, html) = page(&s, Method::POST, &url, Some(&card("4242424242424242"))).await;
    assert_eq!(status, 410, "{html}");
    assert_eq!(page(&s, Method::GET, &url, None).await.0, 410);
    assert_eq!(
        owner
            .get(&path(&c, "/payment-methods"))
            .await
            .body
            .as_array()
            .map(Vec::len),
        Some(1)
    );

    // Short-lived: an unused page expires.
    let (late, late_url) = open_entry(&owner, &c).await;
    s.clock.advance(Duration::minutes(16));
    // The access token has lapsed too: sign in again, as the console would refresh.
    let owner = Caller::sign_in(&s, c.owner).await;
    assert_eq!(page(&s, Method::GET, &late_url, None).await.0, 410);
    let (status, _, _) = page(&s, Method::POST, &late_url, Some(&card("4242424242424242"))).await;
    assert_eq!(status, 410, "an expired page stores nothing");
    let r = owner
        .get(&path(
            &c,
            &format!("/card-entries/{}", late["id"].as_str().expect("id")),
        ))
        .await;
    assert_eq!(r.body["status"], "expired");
    // A guessed or truncated address is not a page.
    let bogus = format!("{}x", url.trim_end_matches(|ch: char| ch != '_'));
    assert_eq!(page(&s, Method::GET, &bogus, None).await.0, 404);

    // No card number anywhere: every read of the account API...
    let doc: Value = serde_json::from_str(&steward_server::openapi::document()).expect("openapi");
    let mut answers = String::new();
    let mut reads = 0;
    for (p, item) in doc["paths"].as_object().expect("paths") {
        if item.get("get").is_none() || !p.starts_with("/v1/") || p.starts_with("/v1/staff/") {
            continue;
        }
        let concrete = p
            .replace("{account_id}", &c.account_id)
            .replace("{entry_id}", entry["id"].as_str().expect("id"))
            .replace("{payment_method_id}", &added);
        if concrete.contains('{') {
            continue;
        }
        let r = s
            .http
            .get(s.url(&concrete))
            .bearer_auth(&owner.access)
            .send()
            .await
            .expect("get");
        assert_eq!(r.status(), 200, "GET {concrete}");
        reads += 1;
        answers.push_str(&r.text().await.expect("body"));
    }
    assert!(reads >= 15, "only {reads} reads were made");
    assert!(
        !answers.contains(PAN) && !contains_card_number(&answers),
        "an API answer carries a card number"
    );
    // ...the database's files...
    let stored = s.stored_bytes().await;
    let stored = String::from_utf8_lossy(&stored);
    assert!(
        stored.contains("EC1A 1BB"),
        "the scan sees the stored card's row"
    );
    for needle in [PAN, spaced, "4242424242424242", "4000056655665557"] {
        assert!(
            !stored.contains(needle),
            "{needle} is in the database files"
        );
    }
    // ...and the logs, which did record the card being added.
    let logs = steward_tests::logs::text();
    assert!(
        logs.contains("card added"),
        "logs captured: {} bytes",
        logs.len()
    );
    let leaks: Vec<&str> = logs
        .lines()
        .filter(|l| l.contains(PAN) || contains_card_number(l))
        .collect();
    assert!(
        leaks.is_empty(),
        "log lines carry a card number: {leaks:#?}"
    );
    assert!(
        !logs.contains("stw_ce_"),
        "a log line carries a card page's token"
    );
    s.shutdown().await;
}

on_both_stores!(
    who_may_open_a_card_page,
    the_card_page_adds_a_card_and_keeps_no_number
);

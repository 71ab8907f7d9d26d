//! Partner sharing over real HTTP on both stores (PR-6): the partners and
//! the switch, per-partner choices for optional partners only, receipts,
//! and the export gate: after an opt-out no further export can happen,
//! including exports racing the opt-out. Cookie consent (PR-14).

use std::sync::Arc;

use reqwest::Method;
use serde_json::{json, Value};
use steward_server::clock::Clock;
use steward_server::sharing::{export, ExportRefused};
use steward_tests::api::{company, Caller, Company};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer};

fn path(c: &Company, rest: &str) -> String {
    format!("/v1/accounts/{}/sharing{rest}", c.account_id)
}

fn account(c: &Company) -> uuid::Uuid {
    c.account_id.parse().expect("uuid")
}

async fn put(caller: &Caller, c: &Company, body: Value) -> steward_tests::api::Resp {
    let tag = caller.get(&path(c, "")).await.etag.expect("etag");
    caller
        .send(Method::PUT, &path(c, ""), Some(body), Some(&tag))
        .await
}

fn partner<'a>(view: &'a Value, id: &str) -> &'a Value {
    view["partners"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["id"] == id))
        .expect("partner")
}

/// PR-6, PR-12: everyone on the account sees the partners; only owners
/// change the choice; optional partners one by one, the rest only all at once.
async fn partners_switch_and_receipts(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let r = owner.get(&path(&c, "")).await;
    assert_eq!((r.status, r.etag.as_deref()), (200, Some("\"0\"")));
    assert_eq!(r.body["share_none"], false);
    let partners = r.body["partners"].as_array().expect("partners");
    assert!(partners.len() >= 4);
    for p in partners {
        assert_eq!(p["shared"], true, "shared until you choose otherwise");
        assert!(p["privacy_url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://")));
        assert!(!p["categories"].as_array().expect("categories").is_empty());
        assert!(
            !p["curtails"].as_str().unwrap_or_default().is_empty(),
            "PR-20"
        );
    }

    for (who, read, write) in [
        (c.billing, 200, 403),
        (c.viewer, 200, 403),
        (c.stranger, 404, 404),
        (c.agent, 404, 404),
    ] {
        let caller = Caller::sign_in(&s, who).await;
        assert_eq!(caller.get(&path(&c, "")).await.status, read, "{who}");
        let r = caller
            .send(
                Method::PUT,
                &path(&c, ""),
                Some(json!({"share_none": true})),
                Some("\"0\""),
            )
            .await;
        assert_eq!(r.status, write, "{who}: {}", r.body);
    }

    assert_eq!(
        owner
            .send(
                Method::PUT,
                &path(&c, ""),
                Some(json!({"share_none": true})),
                None
            )
            .await
            .status,
        428
    );
    let r = put(
        &owner,
        &c,
        json!({"share_none": false, "opted_out": ["ledgerline-payments", "nobody"]}),
    )
    .await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.field_rules(),
        vec![
            ("opted_out[0]".to_string(), "not_optional".to_string()),
            ("opted_out[1]".to_string(), "unknown_partner".to_string())
        ]
    );

    let r = put(
        &owner,
        &c,
        json!({"share_none": false, "opted_out": ["tally-insights"]}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(partner(&r.body, "tally-insights")["shared"], false);
    assert_eq!(partner(&r.body, "northbeam-cdn")["shared"], true);
    let r = put(
        &owner,
        &c,
        json!({"share_none": true, "opted_out": ["tally-insights"]}),
    )
    .await;
    assert!(r.body["partners"]
        .as_array()
        .expect("p")
        .iter()
        .all(|p| p["shared"] == false));

    let receipts = owner.get("/v1/me/consent-receipts").await.body["items"].clone();
    let subjects: Vec<(&str, &str)> = receipts
        .as_array()
        .expect("items")
        .iter()
        .map(|r| {
            (
                r["subject"].as_str().unwrap_or(""),
                r["new_state"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        subjects,
        vec![
            ("sharing/all", "do_not_share"),
            ("sharing/tally-insights", "do_not_share")
        ]
    );
    s.shutdown().await;
}

/// PR-6: every export goes through the gate and lands in the ledger; after
/// an opt-out nothing more is exported, whoever asks and however fast.
async fn no_export_after_an_opt_out_even_when_racing(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let owner = Caller::sign_in(&s, c.owner).await;
    let store = s.store.clone();
    let now = s.clock.now();
    let id = export(
        store.as_ref(),
        account(&c),
        "tally-insights",
        &["usage records"],
        "Monthly statistics",
        now,
    )
    .await
    .expect("store")
    .expect("shared before any choice");
    let ledger = owner.get(&path(&c, "/ledger")).await.body;
    assert_eq!(ledger[0]["id"], id.to_string());
    assert_eq!(ledger[0]["partner_name"], "Tally Insights");
    assert_eq!(ledger[0]["categories"], json!(["usage records"]));

    // A partner receives only the categories the customer was shown.
    let r = export(
        store.as_ref(),
        account(&c),
        "tally-insights",
        &["card token"],
        "x",
        now,
    )
    .await
    .expect("store");
    assert!(matches!(r, Err(ExportRefused::NotListed { .. })), "{r:?}");

    // Opting out of one optional partner stops that partner only.
    put(
        &owner,
        &c,
        json!({"share_none": false, "opted_out": ["tally-insights"]}),
    )
    .await;
    let refused = export(
        store.as_ref(),
        account(&c),
        "tally-insights",
        &["usage records"],
        "x",
        now,
    )
    .await
    .expect("store");
    assert_eq!(
        refused,
        Err(ExportRefused::OptedOut("Tally Insights".into()))
    );
    assert!(export(
        store.as_ref(),
        account(&c),
        "northbeam-cdn",
        &["download logs"],
        "x",
        now
    )
    .await
    .expect("store")
    .is_ok());

    // Exporters running flat out while the owner opts out: each export is
    // recorded or refused, nothing else; every exporter ends refused; and
    // none is recorded once the opt-out has answered.
    let exporters: Vec<_> = (0..8)
        .map(|_| {
            let store = Arc::clone(&store);
            let account = account(&c);
            tokio::spawn(async move {
                let mut recorded = 0usize;
                loop {
                    match export(
                        store.as_ref(),
                        account,
                        "northbeam-cdn",
                        &["download logs"],
                        "race",
                        now,
                    )
                    .await
                    .expect("store never fails")
                    {
                        Ok(_) => recorded += 1,
                        Err(_) => return recorded,
                    }
                }
            })
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    let r = put(
        &owner,
        &c,
        json!({"share_none": true, "opted_out": ["tally-insights"]}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let count = || async {
        s.store
            .ledger(account(&c), i64::MAX)
            .await
            .expect("ledger")
            .len()
    };
    let after_opt_out = count().await;
    let mut recorded = 0;
    for t in exporters {
        recorded += t.await.expect("every exporter stops at the opt-out");
    }
    assert!(recorded > 0, "the exporters ran before the opt-out");
    #[allow(
        clippy::print_stdout,
        reason = "how much the race overlapped, for the reader"
    )]
    {
        println!("{backend:?}: {recorded} racing exports recorded before the opt-out");
    }
    let entries = count().await;
    assert_eq!(
        entries,
        2 + recorded,
        "every recorded export is in the ledger, and only those"
    );
    assert_eq!(
        entries, after_opt_out,
        "nothing recorded after the opt-out answered"
    );
    for p in store.partners().await.expect("partners") {
        let partner = p.id.as_str();
        let categories: Vec<&str> = p.categories.iter().map(String::as_str).collect();
        let r = export(
            store.as_ref(),
            account(&c),
            partner,
            &categories,
            "after",
            now,
        )
        .await
        .expect("store");
        assert!(
            matches!(r, Err(ExportRefused::OptedOut(_))),
            "{partner}: {r:?}"
        );
    }
    assert_eq!(count().await, entries);
    s.shutdown().await;
}

/// PR-14: cookie consent, read by the web properties with the person's own
/// sign-in; refused until chosen; every choice leaves a receipt.
async fn cookie_consent_with_receipts(backend: Backend) {
    let s = TestServer::start(backend).await;
    let c = company(&s).await;
    let me = Caller::sign_in(&s, c.viewer).await;
    let r = me.get("/v1/me/cookies").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.body,
        json!({"version": 0, "necessary": true, "preferences": false, "analytics": false})
    );
    let choice = json!({"preferences": true, "analytics": false});
    assert_eq!(
        me.send(Method::PUT, "/v1/me/cookies", Some(choice.clone()), None)
            .await
            .status,
        428
    );
    let r = me
        .send(
            Method::PUT,
            "/v1/me/cookies",
            Some(choice.clone()),
            Some("\"0\""),
        )
        .await;
    assert_eq!(
        (r.status, r.body["version"].as_i64()),
        (200, Some(1)),
        "{}",
        r.body
    );
    assert!(r.body["decided_at"].is_string());
    // The same choice again changes nothing and records nothing.
    let again = me
        .send(Method::PUT, "/v1/me/cookies", Some(choice), Some("\"1\""))
        .await;
    assert_eq!(again.body["version"], 1);
    let r = me
        .send(
            Method::PUT,
            "/v1/me/cookies",
            Some(json!({"preferences": true, "analytics": true})),
            Some("\"1\""),
        )
        .await;
    assert_eq!(r.status, 200);
    let stale = me
        .send(
            Method::PUT,
            "/v1/me/cookies",
            Some(json!({"preferences": false, "analytics": false})),
            Some("\"1\""),
        )
        .await;
    assert_eq!(stale.status, 412, "no silent last-write-wins");

    // A web property asks with the person's token.
    let site = s
        .http
        .get(s.url("/v1/me/cookies"))
        .bearer_auth(&me.access)
        .send()
        .await
        .expect("get");
    assert_eq!(site.headers()["cache-control"], "private, no-cache");
    let consent: Value = site.json().await.expect("json");
    assert_eq!(
        (
            consent["preferences"].as_bool(),
            consent["analytics"].as_bool()
        ),
        (Some(true), Some(true))
    );

    let receipts = me.get("/v1/me/consent-receipts").await.body["items"].clone();
    let got: Vec<(&str, &str, &str)> = receipts
        .as_array()
        .expect("items")
        .iter()
        .map(|r| {
            (
                r["subject"].as_str().unwrap_or(""),
                r["old_state"].as_str().unwrap_or(""),
                r["new_state"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let mut want = vec![
        ("cookies/analytics", "refused", "accepted"),
        ("cookies/analytics", "not_chosen", "refused"),
        ("cookies/preferences", "not_chosen", "accepted"),
    ];
    // The first choice's two receipts share an instant: compare as sets there.
    let mut got_sorted = got.clone();
    got_sorted[1..].sort_unstable();
    want[1..].sort_unstable();
    assert_eq!(got_sorted, want);
    s.shutdown().await;
}

on_both_stores!(
    partners_switch_and_receipts,
    no_export_after_an_opt_out_even_when_racing,
    cookie_consent_with_receipts,
);

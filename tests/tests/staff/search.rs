//! Staff search (PR-16): every field finds its customer, hits are masked,
//! and each kind of query is served by an index on both stores.

use super::*;

/// Search by name, e-mail, company, telephone, domain, account id and
/// invoice number; prefix and substring; ranked; masked.
async fn search_finds_every_field_and_masks(backend: Backend) {
    let s = TestServer::start(backend).await;
    let (c, _) = acme(&s).await;
    steward_server::demo::seed(s.store.as_ref(), s.seal(), s.clock.now())
        .await
        .expect("demo");
    let agent = Caller::sign_in(&s, c.agent).await;
    let find = |q: &str| {
        let agent = agent.clone();
        let q = q.to_owned();
        async move {
            let r = agent
                .get(&format!("/v1/staff/customers?q={}", urlencode(&q)))
                .await;
            assert_eq!(r.status, 200, "{q}: {}", r.body);
            r.body
        }
    };
    for (q, field, kind) in [
        ("Olive Owner", "name", "exact"),
        ("oliv", "name", "prefix"),
        ("owner@acme", "email", "prefix"),
        ("media lt", "company", "word_prefix"),
        ("edia lt", "company", "substring"),
        ("7946 0321", "phone", "substring"),
        ("acme-media.example", "domain", "exact"),
    ] {
        let body = find(q).await;
        // The owner's personal account may match as well as the company.
        let hit = body["items"]
            .as_array()
            .and_then(|items| {
                items
                    .iter()
                    .find(|i| i["account_id"] == c.account_id.as_str())
            })
            .unwrap_or_else(|| panic!("{q}: not found in {body}"));
        assert_eq!(hit["matched"], field, "{q}: {body}");
        assert_eq!(hit["match_kind"], kind, "{q}: {body}");
        assert_eq!(
            body["items"][0]["match_kind"], kind,
            "{q}: ranked first: {body}"
        );
        // Results are masked: no whole e-mail or telephone number.
        let items = &body["items"];
        assert!(!has_text(items, "owner@acme.example"), "{q}: {body}");
        assert!(!has_text(items, PHONE), "{q}: {body}");
        assert!(!has_text(items, "7946"), "{q}: {body}");
    }
    let by_id = find(&c.account_id).await;
    assert_eq!(by_id["items"][0]["matched"], "account_id");
    // An invoice of the demo company, by a prefix of its number.
    let invoice: String = steward_server::store::invoice_number(by_demo_company(&s).await, 1);
    let body = find(&invoice[..12]).await;
    assert_eq!(body["items"][0]["matched"], "invoice", "{body}");
    assert_eq!(body["items"][0]["account_name"], "Northwind Studios Ltd");
    // Too short a query names the field and the rule.
    let r = agent.get("/v1/staff/customers?q=a").await;
    assert_eq!(r.status, 422);
    assert_eq!(r.body["errors"][0]["field"], "q");
    assert_eq!(r.body["errors"][0]["rule"], "too_short");
    // Nothing to find is an empty list, not an error.
    let none = find("zzqqxx").await;
    assert_eq!(none["items"].as_array().map(Vec::len), Some(0));
}

async fn by_demo_company(s: &TestServer) -> uuid::Uuid {
    let (access, refresh) = steward_tests::oauth::sign_in(
        s,
        steward_server::demo::DEMO_CUSTOMER_EMAIL,
        steward_server::demo::DEMO_PASSWORD,
    )
    .await;
    let priya = Caller::with_tokens(s, access, refresh);
    priya.account_of_kind("company").await.parse().expect("id")
}

fn urlencode(q: &str) -> String {
    url::form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

/// The queries are served by indexes on both stores: B-tree ranges for
/// prefixes, the trigram index for substrings.
async fn search_query_plans_use_indexes(backend: Backend) {
    let s = TestServer::start(backend).await;
    steward_server::generate::generate(s.store.as_ref(), 3000, 7, s.clock.now(), |_, _| {})
        .await
        .expect("generate");
    let plans = s.store.search_plans("smith").await.expect("plans");
    let plan = |name: &str| -> String {
        plans
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, l)| l.join("\n"))
            .unwrap_or_default()
    };
    for name in ["prefix", "substring", "invoice"] {
        let p = plan(name);
        assert!(!p.is_empty(), "{name}: no plan");
        assert!(!p.contains("Seq Scan"), "{name} scans:\n{p}");
        assert!(
            !p.lines()
                .any(|l| l.trim_start().starts_with("SCAN search_terms")
                    || l.trim_start().starts_with("SCAN invoices")),
            "{name} scans:\n{p}"
        );
    }
    match backend {
        Backend::Sqlite => {
            assert!(
                plan("prefix").contains("INDEX search_terms_value"),
                "{}",
                plan("prefix")
            );
            assert!(
                plan("substring").contains("VIRTUAL TABLE INDEX"),
                "{}",
                plan("substring")
            );
            assert!(
                plan("invoice").contains("INDEX invoices_number"),
                "{}",
                plan("invoice")
            );
        }
        Backend::Postgres => {
            assert!(
                plan("prefix").contains("search_terms_value"),
                "{}",
                plan("prefix")
            );
            assert!(
                plan("substring").contains("search_terms_trgm"),
                "{}",
                plan("substring")
            );
            assert!(
                plan("invoice").contains("invoices_number"),
                "{}",
                plan("invoice")
            );
        }
    }
}

on_both_stores!(
    search_finds_every_field_and_masks,
    search_query_plans_use_indexes,
);

//! The staff workspace over real HTTP on both stores (PR-10, PR-11, PR-16,
//! PR-17): staff sign-in needs two-factor; the role matrix; search finds by
//! every field and masks; reveals need a reason and are recorded; callers
//! are verified by PIN or e-mailed code; acting on a customer's behalf
//! needs a verified caller and shows in the customer's history; a customer
//! can require approval; tickets keep internal notes from the customer; the
//! case summary is anonymous; the customer's staff-access page shows it all.

use serde_json::{json, Value};
use steward_server::clock::Clock;
use steward_tests::api::{company, Caller, Company};
use steward_tests::on_both_stores;
use steward_tests::server::{Backend, TestServer, PASSWORD};
use steward_types::UserRole;

const ADMIN: &str = "admin@support.example";
const PHONE: &str = "+442079460321";
const CONTACT: &str = "accounts@acme-media.example";

fn customer(c: &Company) -> String {
    format!("/v1/staff/customers/{}", c.account_id)
}

/// A company whose owner filled in the profile (which re-indexes it).
async fn acme(s: &TestServer) -> (Company, Caller) {
    let c = company(s).await;
    let owner = Caller::sign_in(s, c.owner).await;
    let path = format!("/v1/accounts/{}/profile", c.account_id);
    let current = owner.get(&path).await;
    assert_eq!(current.status, 200, "{}", current.body);
    let mut profile = current.body["profile"].clone();
    profile["legal_name"] = json!("Olive Owner");
    profile["company"] = json!({"name": "Acme Media Ltd", "website": "https://acme-media.example"});
    profile["emails"] = json!([{"address": CONTACT, "purpose": "billing"}]);
    profile["phone"] = json!(PHONE);
    profile["postal_address"] = json!({"country": "GB", "line1": "12 Wharf Road",
        "locality": "London", "postal_code": "N1 7GR"});
    let etag = current.etag.clone().expect("etag");
    let saved = owner
        .send_with(
            reqwest::Method::PUT,
            &path,
            Some(profile),
            &[("If-Match", Some(&etag))],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    (c, owner)
}

fn has_text(v: &Value, needle: &str) -> bool {
    v.to_string().contains(needle)
}

mod access;
mod acting;
mod records;
mod search;

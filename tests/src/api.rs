//! A signed-in caller of the real API over HTTP, for resource tests: status,
//! ETag and JSON body of every answer, nothing hidden.

use reqwest::Method;
use serde_json::Value;
use steward_server::clock::Clock;

use crate::oauth;
use crate::server::{TestServer, PASSWORD};

#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub etag: Option<String>,
    pub body: Value,
}

impl Resp {
    /// The rules broken per field, as `(field, rule)` pairs.
    pub fn field_rules(&self) -> Vec<(String, String)> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| {
                        (
                            e["field"].as_str().unwrap_or_default().to_string(),
                            e["rule"].as_str().unwrap_or_default().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or_default()
    }
}

/// Owns what it needs (no borrow of the server), so racing tests can move
/// clones into spawned tasks.
#[derive(Debug, Clone)]
pub struct Caller {
    http: reqwest::Client,
    base: String,
    pub access: String,
    pub refresh: String,
}

impl Caller {
    /// Sign in through the real OAuth endpoints with the test password.
    /// Staff (who have two-factor) sign in with their current code.
    pub async fn sign_in(s: &TestServer, email: &str) -> Self {
        if let Some(otp) = s.next_totp(email).await {
            return Self::sign_in_with_otp(s, email, &otp).await;
        }
        let (access, refresh) = oauth::sign_in(s, email, PASSWORD).await;
        Self::with_tokens(s, access, refresh)
    }

    /// Sign in with another password than the test one.
    pub async fn sign_in_with(s: &TestServer, email: &str, password: &str) -> Self {
        let (access, refresh) = oauth::sign_in(s, email, password).await;
        Self::with_tokens(s, access, refresh)
    }

    /// Sign in with a two-factor code as well.
    pub async fn sign_in_with_otp(s: &TestServer, email: &str, otp: &str) -> Self {
        let resp = oauth::post_sign_in_with_otp(s, email, PASSWORD, otp).await;
        let (access, refresh) = oauth::tokens_from(s, resp).await;
        Self::with_tokens(s, access, refresh)
    }

    pub fn with_tokens(s: &TestServer, access: String, refresh: String) -> Self {
        Self {
            http: s.http.clone(),
            base: s.url(""),
            access,
            refresh,
        }
    }

    /// The same tokens against another server (instance) at `base`.
    pub fn at(&self, base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').to_string(),
            ..self.clone()
        }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(Method::GET, path, None, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.send(Method::POST, path, Some(body), None).await
    }

    pub async fn delete(&self, path: &str) -> Resp {
        self.send(Method::DELETE, path, None, None).await
    }

    /// `send` with extra headers (a `None` value leaves the header out).
    pub async fn send_with(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, Option<&str>)],
    ) -> Resp {
        let mut rb = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.access);
        for (name, value) in headers {
            if let Some(v) = value {
                rb = rb.header(*name, *v);
            }
        }
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        Self::read(rb).await
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        if_match: Option<&str>,
    ) -> Resp {
        let mut rb = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.access);
        if let Some(tag) = if_match {
            rb = rb.header("if-match", tag);
        }
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        Self::read(rb).await
    }

    async fn read(rb: reqwest::RequestBuilder) -> Resp {
        let resp = rb.send().await.expect("request");
        let status = resp.status().as_u16();
        let etag = resp
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let text = resp.text().await.expect("body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Resp { status, etag, body }
    }

    /// The account id of the first account this caller has, of a kind.
    pub async fn account_of_kind(&self, kind: &str) -> String {
        let me = self.get("/v1/me").await;
        me.body["accounts"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["kind"] == kind))
            .and_then(|x| x["account_id"].as_str())
            .unwrap_or_else(|| panic!("no {kind} account in {}", me.body))
            .to_string()
    }

    /// Messages the server "sent" to this caller (the outbox).
    pub async fn mail(&self) -> Vec<Value> {
        let r = self.get("/v1/me/outbox").await;
        assert_eq!(r.status, 200, "{}", r.body);
        r.body.as_array().cloned().unwrap_or_default()
    }
}

/// The first `XXXX-XXXX` or `stw_..._...` code in a message body.
pub fn code_in(body: &str) -> Option<String> {
    body.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '-'))
        .find(|w| {
            w.starts_with("stw_")
                || (w.len() == 9
                    && w.as_bytes()[4] == b'-'
                    && w.chars()
                        .all(|c| c == '-' || c.is_ascii_uppercase() || c.is_ascii_digit()))
        })
        .map(str::to_string)
}

/// A company account with one member per role, a stranger (a customer of
/// another account) and a support agent (PR-12 role tests).
#[derive(Debug, Clone)]
pub struct Company {
    pub account_id: String,
    pub owner: &'static str,
    pub billing: &'static str,
    pub viewer: &'static str,
    pub stranger: &'static str,
    pub agent: &'static str,
}

pub async fn company(s: &TestServer) -> Company {
    use steward_types::{AccountKind, MemberRole, UserRole};
    let c = Company {
        account_id: String::new(),
        owner: "owner@acme.example",
        billing: "billing@acme.example",
        viewer: "viewer@acme.example",
        stranger: "stranger@elsewhere.example",
        agent: "agent@support.example",
    };
    let now = s.clock.now();
    let owner = s.add_user(c.owner, "Olive Owner", UserRole::Customer).await;
    let billing = s
        .add_user(c.billing, "Bill Manager", UserRole::Customer)
        .await;
    let viewer = s.add_user(c.viewer, "Vic Viewer", UserRole::Customer).await;
    s.add_user(c.stranger, "Stan Stranger", UserRole::Customer)
        .await;
    s.add_user(c.agent, "Aga Agent", UserRole::Agent).await;
    let account = s
        .store
        .create_account("Acme Media Ltd", AccountKind::Company, now)
        .await
        .expect("account");
    for (user, role) in [
        (owner.id, MemberRole::Owner),
        (billing.id, MemberRole::BillingManager),
        (viewer.id, MemberRole::Viewer),
    ] {
        s.store
            .add_member(account, user, role, now)
            .await
            .expect("member");
    }
    steward_server::staff::search::reindex(s.store.as_ref(), account)
        .await
        .expect("search index");
    Company {
        account_id: account.to_string(),
        ..c
    }
}

/// A valid company profile to PUT (PR-1 fields, international address).
pub fn valid_company_profile(display_name: &str) -> Value {
    serde_json::json!({
        "legal_name": "Olive Owner",
        "display_name": display_name,
        "company": {
            "name": "Acme Media Ltd",
            "registration_number": "12345678",
            "tax_id": "GB987654321",
            "industry": "Broadcasting",
            "website": "https://acme.example"
        },
        "emails": [
            {"address": "owner@acme.example", "purpose": "general"},
            {"address": "invoices@acme.example", "purpose": "billing"}
        ],
        "postal_address": {
            "country": "GB", "line1": "1 High Street", "locality": "London", "postal_code": "SW1A 1AA"
        },
        "phone": "+44 20 7946 0958",
        "ip_ranges": ["192.0.2.0/24", "2001:db8::/32"],
        "domains": ["acme.example", "bücher.example"]
    })
}

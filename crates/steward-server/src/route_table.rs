//! The route table: every route of the API with who may call it (its
//! `Policy`). `app.rs` wraps it in the middleware and serves it.

use axum::http::Method;

use crate::policy::{ApiRouter, Policy};
use crate::state::AppState;
use crate::{oauth, routes};
use steward_types::Capability;

/// Every route, with who may call it. Adding a route means choosing a policy.
pub fn api(state: AppState) -> ApiRouter {
    ApiRouter::new(state)
        .route(
            Method::GET,
            "/healthz",
            Policy::Public,
            routes::health::healthz,
        )
        .route(
            Method::GET,
            "/readyz",
            Policy::Public,
            routes::health::readyz,
        )
        .route(Method::GET, "/openapi.json", Policy::Public, openapi_json)
        .route(
            Method::GET,
            "/.well-known/oauth-authorization-server",
            Policy::Public,
            oauth::metadata,
        )
        .route(
            Method::GET,
            "/oauth/authorize",
            Policy::Public,
            oauth::authorize::show,
        )
        .route(
            Method::POST,
            "/oauth/authorize",
            Policy::Public,
            oauth::authorize::submit,
        )
        .route(
            Method::POST,
            "/oauth/token",
            Policy::Public,
            oauth::token::token,
        )
        .route(
            Method::POST,
            "/oauth/revoke",
            Policy::Public,
            oauth::revoke::revoke,
        )
        // The payment vault's card page: the token in the path is its only
        // credential (single use, short-lived); see `vault/`.
        .route(
            Method::GET,
            "/vault/cards/{token}",
            Policy::Public,
            crate::vault::show,
        )
        .route(
            Method::POST,
            "/vault/cards/{token}",
            Policy::Public,
            crate::vault::submit,
        )
        // Links in our e-mail: the signed or single-use token is the
        // credential; see `comms/pages.rs`.
        .route(
            Method::GET,
            "/unsubscribe/{token}",
            Policy::Public,
            crate::comms::pages::unsubscribe_show,
        )
        .route(
            Method::POST,
            "/unsubscribe/{token}",
            Policy::Public,
            crate::comms::pages::unsubscribe_submit,
        )
        .route(
            Method::GET,
            "/communications/confirm/{token}",
            Policy::Public,
            crate::comms::pages::confirm_show,
        )
        .route(
            Method::POST,
            "/communications/confirm/{token}",
            Policy::Public,
            crate::comms::pages::confirm_submit,
        )
        .route(Method::GET, "/v1/me", Policy::Authenticated, routes::me::me)
        .route(
            Method::PUT,
            "/v1/me/preferences",
            Policy::Authenticated,
            routes::me::put_preferences,
        )
        .merge_into(account_routes)
        .merge_into(security_routes)
        .merge_into(billing_routes)
        .merge_into(routes::staff::table)
}

/// Billing (PR-2, PR-3): owners and billing managers change it, viewers read it.
fn billing_routes(r: ApiRouter) -> ApiRouter {
    use routes::{billing, cards, invoices};
    const READ: Policy = Policy::Account(Capability::BillingRead);
    const WRITE: Policy = Policy::Account(Capability::BillingWrite);
    r.route(
        Method::GET,
        "/v1/accounts/{account_id}/subscription",
        READ,
        billing::get,
    )
    .route(
        Method::POST,
        "/v1/accounts/{account_id}/subscription/preview",
        READ,
        billing::preview,
    )
    .route(
        Method::POST,
        "/v1/accounts/{account_id}/subscription/change",
        WRITE,
        billing::change,
    )
    .route(
        Method::POST,
        "/v1/accounts/{account_id}/subscription/cancel",
        WRITE,
        billing::cancel,
    )
    .route(
        Method::POST,
        "/v1/accounts/{account_id}/subscription/resume",
        WRITE,
        billing::resume,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/payment-methods",
        READ,
        cards::payment_methods,
    )
    .route(
        Method::POST,
        "/v1/accounts/{account_id}/payment-methods/{payment_method_id}/default",
        WRITE,
        cards::set_default,
    )
    .route(
        Method::DELETE,
        "/v1/accounts/{account_id}/payment-methods/{payment_method_id}",
        WRITE,
        cards::remove_card,
    )
    .route(
        Method::POST,
        "/v1/accounts/{account_id}/card-entries",
        WRITE,
        cards::start_entry,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/card-entries/{entry_id}",
        WRITE,
        cards::entry,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/licenses",
        READ,
        billing::licenses,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/usage",
        READ,
        billing::usage,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/invoices",
        READ,
        invoices::list,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/invoices.csv",
        READ,
        invoices::csv,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/invoices/{invoice_id}",
        READ,
        invoices::get,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/invoices/{invoice_id}/pdf",
        READ,
        invoices::pdf,
    )
}

/// `/v1/accounts/{account_id}/...`: each route names the capability it needs
/// (PR-12); `Policy::Account` turns strangers away with 404.
fn account_routes(r: ApiRouter) -> ApiRouter {
    use routes::{deletion, exports, profile, sharing, team, verification};
    use Capability::*;
    r.route(
        Method::GET,
        "/v1/accounts/{account_id}/deletion",
        Policy::Account(AccountData),
        deletion::get,
    )
    .route(
        Method::POST,
        "/v1/accounts/{account_id}/deletion",
        Policy::Account(AccountData),
        deletion::request,
    )
    .route(
        Method::DELETE,
        "/v1/accounts/{account_id}/deletion",
        Policy::Account(AccountData),
        deletion::cancel,
    )
    .route(
        Method::GET,
        "/v1/staff/deletion-requests",
        Policy::Staff,
        deletion::staff_pending,
    )
    .route(
        Method::POST,
        "/v1/staff/deletion-requests/{request_id}/complete",
        Policy::Admin,
        deletion::staff_complete,
    )
    .route(
        Method::PUT,
        "/v1/staff/accounts/{account_id}/legal-hold",
        Policy::Admin,
        deletion::staff_place_hold,
    )
    .route(
        Method::DELETE,
        "/v1/staff/accounts/{account_id}/legal-hold",
        Policy::Admin,
        deletion::staff_lift_hold,
    )
    .route(
        Method::POST,
        "/v1/accounts/{account_id}/exports",
        Policy::Account(AccountData),
        exports::start,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/exports",
        Policy::Account(AccountData),
        exports::list,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/exports/{export_id}",
        Policy::Account(AccountData),
        exports::get,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/exports/{export_id}/archive",
        Policy::Account(AccountData),
        exports::archive,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/sharing",
        Policy::Account(ProfileRead),
        sharing::get,
    )
    .route(
        Method::PUT,
        "/v1/accounts/{account_id}/sharing",
        Policy::Account(ProfileWrite),
        sharing::put,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/sharing/ledger",
        Policy::Account(ProfileRead),
        sharing::ledger,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/profile",
        Policy::Account(ProfileRead),
        profile::get,
    )
    .route(
        Method::PUT,
        "/v1/accounts/{account_id}/profile",
        Policy::Account(ProfileWrite),
        profile::put,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/profile/history",
        Policy::Account(ProfileRead),
        profile::history,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/verifications",
        Policy::Account(ProfileRead),
        verification::list,
    )
    .route(
        Method::POST,
        "/v1/accounts/{account_id}/verifications/{request_id}/items/{item}/confirm",
        Policy::Account(ProfileWrite),
        verification::confirm,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/corrections",
        Policy::Account(ProfileRead),
        verification::corrections,
    )
    .route(
        Method::POST,
        "/v1/accounts/{account_id}/corrections",
        Policy::Account(ProfileWrite),
        verification::request_correction,
    )
    .route(
        Method::GET,
        "/v1/accounts/{account_id}/team",
        Policy::Account(TeamRead),
        team::get,
    )
    .route(
        Method::POST,
        "/v1/accounts/{account_id}/invitations",
        Policy::Account(TeamWrite),
        team::invite,
    )
    .route(
        Method::POST,
        "/v1/accounts/{account_id}/invitations/{invitation_id}/resend",
        Policy::Account(TeamWrite),
        team::resend,
    )
    .route(
        Method::DELETE,
        "/v1/accounts/{account_id}/invitations/{invitation_id}",
        Policy::Account(TeamWrite),
        team::cancel,
    )
    .route(
        Method::PATCH,
        "/v1/accounts/{account_id}/members/{user_id}",
        Policy::Account(TeamWrite),
        team::set_role,
    )
    .route(
        Method::DELETE,
        "/v1/accounts/{account_id}/members/{user_id}",
        Policy::Account(TeamWrite),
        team::remove,
    )
    .route(
        Method::POST,
        "/v1/invitations/accept",
        Policy::Authenticated,
        team::accept,
    )
    .route(
        Method::POST,
        "/v1/staff/accounts/{account_id}/verifications",
        Policy::Staff,
        verification::staff_request_verification,
    )
    .route(
        Method::GET,
        "/v1/staff/corrections",
        Policy::Staff,
        verification::staff_corrections,
    )
    .route(
        Method::PATCH,
        "/v1/staff/corrections/{correction_id}",
        Policy::Staff,
        verification::staff_decide_correction,
    )
}

/// `/v1/me/...`: the signed-in user's own security (PR-13).
fn security_routes(r: ApiRouter) -> ApiRouter {
    use routes::{comms, security, sessions};
    const AUTH: Policy = Policy::Authenticated;
    r.route(Method::GET, "/v1/me/security", AUTH, security::get)
        .route(Method::POST, "/v1/me/two-factor", AUTH, security::enrol)
        .route(
            Method::POST,
            "/v1/me/two-factor/disable",
            AUTH,
            security::disable,
        )
        .route(
            Method::POST,
            "/v1/me/two-factor/confirm",
            AUTH,
            security::confirm,
        )
        .route(
            Method::POST,
            "/v1/me/two-factor/recovery-codes",
            AUTH,
            security::regenerate,
        )
        .route(
            Method::POST,
            "/v1/me/password",
            AUTH,
            security::change_password,
        )
        .route(Method::POST, "/v1/me/email", AUTH, security::change_email)
        .route(
            Method::POST,
            "/v1/me/email/confirm",
            AUTH,
            security::confirm_email,
        )
        .route(
            Method::DELETE,
            "/v1/me/email/pending",
            AUTH,
            security::cancel_email,
        )
        .route(Method::GET, "/v1/me/outbox", AUTH, security::outbox)
        .route(Method::GET, "/v1/me/sessions", AUTH, sessions::list)
        .route(
            Method::DELETE,
            "/v1/me/sessions/{session_id}",
            AUTH,
            sessions::revoke,
        )
        .route(
            Method::POST,
            "/v1/me/sessions/revoke-others",
            AUTH,
            sessions::revoke_others,
        )
        .route(Method::GET, "/v1/me/activity", AUTH, sessions::activity)
        .route(Method::GET, "/v1/me/communications", AUTH, comms::get)
        .route(Method::PUT, "/v1/me/communications", AUTH, comms::put)
        .route(
            Method::POST,
            "/v1/me/communications/unsubscribe-promotional",
            AUTH,
            comms::unsubscribe_promotional,
        )
        .route(
            Method::GET,
            "/v1/me/consent-receipts",
            AUTH,
            comms::receipts,
        )
        .route(Method::GET, "/v1/me/cookies", AUTH, routes::cookies::get)
        .route(Method::PUT, "/v1/me/cookies", AUTH, routes::cookies::put)
        .merge_into(notice_routes)
}

/// Policy versions and notices (PR-7).
fn notice_routes(r: ApiRouter) -> ApiRouter {
    use routes::notices;
    const AUTH: Policy = Policy::Authenticated;
    r.route(Method::GET, "/v1/policy-versions", AUTH, notices::versions)
        .route(
            Method::POST,
            "/v1/staff/policy-versions",
            Policy::Admin,
            notices::publish,
        )
        .route(Method::GET, "/v1/me/notices", AUTH, notices::list)
        .route(
            Method::POST,
            "/v1/me/notices/{version}/read",
            AUTH,
            notices::read,
        )
        .route(
            Method::POST,
            "/v1/me/notices/{version}/acknowledge",
            AUTH,
            notices::acknowledge,
        )
}

async fn openapi_json() -> impl axum::response::IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        crate::openapi::document(),
    )
}

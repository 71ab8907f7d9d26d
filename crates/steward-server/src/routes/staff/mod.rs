//! The staff workspace's handlers (issue 6); its rules are in `crate::staff`.

pub mod acting;
pub mod admin;
pub mod customers;
pub mod members;
pub mod partners;
pub mod password_reset;
pub mod tickets;

use axum::http::Method;
use steward_types::Capability;

use crate::policy::{ApiRouter, Policy};
use crate::routes::support;

/// The staff workspace's routes, and the customer's side of it (support
/// PIN, tickets, staff access). Merged into the table in `route_table.rs`.
pub fn table(r: ApiRouter) -> ApiRouter {
    const STAFF: Policy = Policy::Staff;
    const ADMIN: Policy = Policy::Admin;
    const AUTH: Policy = Policy::Authenticated;
    // Every member may open and read the account's tickets and see who at the
    // company accessed it; only owners decide whether staff need approval.
    const MEMBER: Policy = Policy::Account(Capability::ProfileRead);
    const OWNER: Policy = Policy::Account(Capability::TeamWrite);
    r.route(Method::GET, "/v1/staff/customers", STAFF, customers::search)
        .route(
            Method::GET,
            "/v1/staff/customers/{account_id}",
            STAFF,
            customers::view,
        )
        .route(
            Method::POST,
            "/v1/staff/customers/{account_id}/reveal",
            STAFF,
            customers::reveal,
        )
        .route(
            Method::POST,
            "/v1/staff/customers/{account_id}/caller-checks/code",
            STAFF,
            acting::send_code,
        )
        .route(
            Method::POST,
            "/v1/staff/customers/{account_id}/caller-checks",
            STAFF,
            acting::check,
        )
        .route(
            Method::POST,
            "/v1/staff/customers/{account_id}/acting",
            STAFF,
            acting::start,
        )
        .route(
            Method::DELETE,
            "/v1/staff/customers/{account_id}/acting",
            STAFF,
            acting::stop,
        )
        .route(
            Method::GET,
            "/v1/staff/customers/{account_id}/profile",
            STAFF,
            acting::get_profile,
        )
        .route(
            Method::PUT,
            "/v1/staff/customers/{account_id}/profile",
            STAFF,
            acting::put_profile,
        )
        .route(
            Method::GET,
            "/v1/staff/customers/{account_id}/users/{user_id}/communications",
            STAFF,
            acting::get_comms,
        )
        .route(
            Method::PUT,
            "/v1/staff/customers/{account_id}/users/{user_id}/communications",
            STAFF,
            acting::put_comms,
        )
        .route(
            Method::POST,
            "/v1/staff/customers/{account_id}/users/{user_id}/password-reset",
            STAFF,
            password_reset::start,
        )
        .route(
            Method::GET,
            "/password-reset/{token}",
            Policy::Public,
            password_reset::show,
        )
        .route(
            Method::POST,
            "/password-reset/{token}",
            Policy::Public,
            password_reset::submit,
        )
        .route(Method::GET, "/v1/staff/tickets", STAFF, tickets::queue)
        .route(
            Method::GET,
            "/v1/staff/tickets/{ticket_id}",
            STAFF,
            tickets::staff_get,
        )
        .route(
            Method::POST,
            "/v1/staff/tickets/{ticket_id}/messages",
            STAFF,
            tickets::staff_reply,
        )
        .route(
            Method::PUT,
            "/v1/staff/tickets/{ticket_id}/status",
            STAFF,
            tickets::set_status,
        )
        .route(
            Method::GET,
            "/v1/staff/tickets/{ticket_id}/summary",
            STAFF,
            tickets::case_summary,
        )
        .route(Method::GET, "/v1/staff/audit", ADMIN, admin::audit_log)
        .route(Method::GET, "/v1/staff/members", ADMIN, members::list)
        .route(Method::POST, "/v1/staff/members", ADMIN, members::add)
        .route(
            Method::PATCH,
            "/v1/staff/members/{user_id}",
            ADMIN,
            members::update,
        )
        .route(Method::GET, "/v1/staff/partners", ADMIN, partners::list)
        .route(Method::POST, "/v1/staff/partners", ADMIN, partners::add)
        .route(
            Method::PUT,
            "/v1/staff/partners/{partner_id}",
            ADMIN,
            partners::update,
        )
        .route(
            Method::DELETE,
            "/v1/staff/partners/{partner_id}",
            ADMIN,
            partners::retire,
        )
        .route(Method::GET, "/v1/me/support-pin", AUTH, support::get_pin)
        .route(Method::PUT, "/v1/me/support-pin", AUTH, support::put_pin)
        .route(
            Method::DELETE,
            "/v1/me/support-pin",
            AUTH,
            support::delete_pin,
        )
        .route(
            Method::GET,
            "/v1/accounts/{account_id}/tickets",
            MEMBER,
            tickets::list,
        )
        .route(
            Method::POST,
            "/v1/accounts/{account_id}/tickets",
            MEMBER,
            tickets::open,
        )
        .route(
            Method::GET,
            "/v1/accounts/{account_id}/tickets/{ticket_id}",
            MEMBER,
            tickets::get,
        )
        .route(
            Method::POST,
            "/v1/accounts/{account_id}/tickets/{ticket_id}/messages",
            MEMBER,
            tickets::reply,
        )
        .route(
            Method::GET,
            "/v1/accounts/{account_id}/staff-access",
            MEMBER,
            support::access_log,
        )
        .route(
            Method::PUT,
            "/v1/accounts/{account_id}/staff-access/settings",
            OWNER,
            support::put_settings,
        )
        .route(
            Method::POST,
            "/v1/accounts/{account_id}/staff-access/grant",
            OWNER,
            support::grant,
        )
        .route(
            Method::DELETE,
            "/v1/accounts/{account_id}/staff-access/grant",
            OWNER,
            support::revoke,
        )
}

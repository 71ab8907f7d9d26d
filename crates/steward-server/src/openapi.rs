//! The OpenAPI 3.1 document, generated from the handlers' annotations.
//! `steward-server openapi` prints it; `docs/openapi.json` is the committed
//! copy and CI fails when the two differ.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::{oauth, routes};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Steward account API",
        description = "Accounts, billing and privacy choices for the customers of a media-hosting service, and the support staff who help them.",
        license(name = "Apache-2.0")
    ),
    paths(
        oauth::metadata,
        oauth::authorize::show,
        oauth::authorize::submit,
        oauth::token::token,
        oauth::revoke::revoke,
        routes::me::me,
        routes::me::put_preferences,
        routes::health::healthz,
        routes::health::readyz,
        routes::profile::get,
        routes::profile::put,
        routes::profile::history,
        routes::verification::list,
        routes::verification::confirm,
        routes::verification::corrections,
        routes::verification::request_correction,
        routes::verification::staff_request_verification,
        routes::verification::staff_corrections,
        routes::verification::staff_decide_correction,
        routes::security::get,
        routes::security::enrol,
        routes::security::confirm,
        routes::security::disable,
        routes::security::regenerate,
        routes::security::change_password,
        routes::security::change_email,
        routes::security::confirm_email,
        routes::security::cancel_email,
        routes::security::outbox,
        routes::sessions::list,
        routes::sessions::revoke,
        routes::sessions::revoke_others,
        routes::sessions::activity,
        routes::team::get,
        routes::team::invite,
        routes::team::resend,
        routes::team::cancel,
        routes::team::set_role,
        routes::team::remove,
        routes::team::accept,
        routes::billing::get,
        routes::billing::preview,
        routes::billing::change,
        routes::billing::cancel,
        routes::billing::resume,
        routes::cards::payment_methods,
        routes::cards::set_default,
        routes::cards::remove_card,
        routes::cards::start_entry,
        routes::cards::entry,
        routes::cookies::get,
        routes::cookies::put,
        routes::sharing::get,
        routes::sharing::put,
        routes::sharing::ledger,
        routes::comms::get,
        routes::comms::put,
        routes::comms::unsubscribe_promotional,
        routes::comms::receipts,
        crate::comms::pages::unsubscribe_show,
        crate::comms::pages::unsubscribe_submit,
        crate::comms::pages::confirm_show,
        crate::comms::pages::confirm_submit,
        crate::vault::show,
        crate::vault::submit,
        routes::billing::licenses,
        routes::billing::usage,
        routes::invoices::list,
        routes::invoices::get,
        routes::invoices::csv,
        routes::invoices::pdf,
        routes::deletion::get,
        routes::deletion::request,
        routes::deletion::cancel,
        routes::deletion::staff_pending,
        routes::deletion::staff_complete,
        routes::deletion::staff_place_hold,
        routes::deletion::staff_lift_hold,
        routes::staff::customers::search,
        routes::staff::customers::view,
        routes::staff::customers::reveal,
        routes::staff::acting::send_code,
        routes::staff::acting::check,
        routes::staff::acting::start,
        routes::staff::acting::stop,
        routes::staff::acting::get_profile,
        routes::staff::acting::put_profile,
        routes::staff::acting::get_comms,
        routes::staff::acting::put_comms,
        routes::staff::password_reset::start,
        routes::staff::password_reset::show,
        routes::staff::password_reset::submit,
        routes::staff::tickets::list,
        routes::staff::tickets::open,
        routes::staff::tickets::get,
        routes::staff::tickets::reply,
        routes::staff::tickets::queue,
        routes::staff::tickets::staff_get,
        routes::staff::tickets::staff_reply,
        routes::staff::tickets::set_status,
        routes::staff::tickets::case_summary,
        routes::staff::admin::audit_log,
        routes::staff::members::list,
        routes::staff::members::add,
        routes::staff::members::update,
        routes::staff::partners::list,
        routes::staff::partners::add,
        routes::staff::partners::update,
        routes::staff::partners::retire,
        routes::support::get_pin,
        routes::support::put_pin,
        routes::support::delete_pin,
        routes::support::access_log,
        routes::support::put_settings,
        routes::support::grant,
        routes::support::revoke,
        routes::exports::start,
        routes::exports::list,
        routes::exports::get,
        routes::exports::archive,
        routes::notices::versions,
        routes::notices::publish,
        routes::notices::list,
        routes::notices::read,
        routes::notices::acknowledge,
    ),
    components(schemas(steward_types::Problem, steward_types::ErrorCode, steward_types::problem::FieldError)),
    modifiers(&BearerAuth, &ProblemDefault),
    tags(
        (name = "oauth", description = "Sign-in: OAuth 2.0 for native apps with PKCE"),
        (name = "account", description = "The signed-in user's accounts"),
        (name = "profile", description = "The account profile and its history (PR-1, PR-18)"),
        (name = "verification", description = "Verification and correction requests (PR-8, PR-9)"),
        (name = "security", description = "Two-factor sign-in, password, e-mail, sessions and activity (PR-13)"),
        (name = "team", description = "Members and invitations (PR-12)"),
        (name = "billing", description = "Plans, payment methods, invoices, licenses and usage (PR-2, PR-3)"),
        (name = "communications", description = "Communication preferences, unsubscribe links and consent receipts (PR-4, PR-5)"),
        (name = "privacy", description = "Sharing with service partners and its ledger (PR-6), cookie consent (PR-14), data export (PR-15), account deletion (PR-19, PR-20)"),
        (name = "notices", description = "Policy versions, notices and acknowledgements (PR-7)"),
        (name = "vault", description = "The payment vault's card-entry page: the only place a card number is typed (PR-2)"),
        (name = "staff", description = "Support staff tools"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
#[derive(Debug)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every operation may answer an error its entry does not list (401 when
/// signed out, 404 for an account that is not yours, 429, 503 when busy, a
/// 422 naming the field): all of them are RFC 9457 problems. Declaring
/// that as each operation's `default` keeps the document true for every
/// status (the fuzzing suite checks it).
struct ProblemDefault;

impl Modify for ProblemDefault {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let problem = ResponseBuilder::new()
            .description("Any other outcome: an RFC 9457 problem with a machine-readable `code`")
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build();
        for item in openapi.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                op.responses
                    .responses
                    .entry("default".to_string())
                    .or_insert_with(|| problem.clone().into());
            }
        }
    }
}

/// The document as committed: pretty JSON with a trailing newline.
pub fn document() -> String {
    let mut json = ApiDoc::openapi().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}

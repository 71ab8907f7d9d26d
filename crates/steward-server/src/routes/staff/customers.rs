//! Finding and looking at a customer (PR-10, PR-11): search, the masked
//! view, and reveals with a reason, each recorded in the audit log.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::Json;
use steward_types::problem::FieldError;
use steward_types::profile::Profile;
use steward_types::staff::{
    ActingSession, AuditAction, CallerCheck, CallerCheckMethod, CustomerMember,
    CustomerSearchResult, CustomerView, MemberEmail, RevealField, RevealRequest, Revealed,
    SearchQuery, StaffAccessSettings,
};
use steward_types::AccountKind;
use uuid::Uuid;

use crate::audit;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::policy::Principal;
use crate::staff::{self, mask, search};
use crate::state::AppState;
use crate::store::{ActingRow, CallerCheckRow};

/// Search by name, e-mail, company, telephone, domain, account id or
/// invoice number, whole or part. Results are masked.
#[utoipa::path(get, path = "/v1/staff/customers", tag = "staff",
    security(("bearer" = [])),
    params(("q" = String, Query, description = "What to look for (at least 2 characters)")),
    responses((status = 200, body = CustomerSearchResult)))]
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> ApiResult<Json<CustomerSearchResult>> {
    let items = search::search(state.store.as_ref(), &query.q).await?;
    Ok(Json(CustomerSearchResult {
        query: query.q,
        items,
    }))
}

pub(crate) fn profile_of(doc: Option<&str>) -> Option<Profile> {
    doc.and_then(|d| serde_json::from_str(d).ok())
}

pub(crate) fn caller_check_view(row: CallerCheckRow, attempts_left: u32) -> CallerCheck {
    CallerCheck {
        id: row.id,
        user_id: row.user_id,
        user_name: row.user_name,
        method: CallerCheckMethod::parse(&row.method).unwrap_or(CallerCheckMethod::SupportPin),
        passed: row.passed,
        checked_at: row.checked_at,
        valid_until: row.valid_until,
        attempts_left,
    }
}

pub(crate) fn acting_view(row: ActingRow, account_name: String) -> ActingSession {
    ActingSession {
        id: row.id,
        account_id: row.account_id,
        account_name,
        reason: row.reason,
        ticket: row.ticket,
        started_at: row.started_at,
        expires_at: row.expires_at,
    }
}

/// The customer with personal data masked. Opening it is recorded: the
/// customer sees that staff looked at their account.
#[utoipa::path(get, path = "/v1/staff/customers/{account_id}", tag = "staff",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The customer's account")),
    responses((status = 200, body = CustomerView)))]
pub async fn view(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(account_id): Path<Uuid>,
) -> ApiResult<Json<CustomerView>> {
    let card = staff::customer(&state, account_id).await?;
    let now = state.clock.now();
    let profile = profile_of(card.profile_doc.as_deref()).unwrap_or_default();
    let mut members = Vec::new();
    for m in state.store.members(account_id).await? {
        members.push(CustomerMember {
            has_support_pin: state.store.support_pin(m.user_id).await?.is_some(),
            user_id: m.user_id,
            name: m.display_name,
            email_masked: mask::email(&m.email),
            role: m.role,
        });
    }
    let settings = state.store.access_settings(account_id).await?;
    let caller_check = state.store.valid_caller_check(account_id, now).await?;
    let caller_check = match caller_check {
        Some(c) => {
            let left = super::acting::attempts_left(&state, c.user_id).await?;
            Some(caller_check_view(c, left))
        }
        None => None,
    };
    let acting = state
        .store
        .active_acting(who.user.id, account_id, now)
        .await?
        .map(|a| acting_view(a, card.name.clone()));
    let open_tickets = state.store.open_ticket_count(account_id).await?;
    audit::record(
        &state,
        &who,
        Some(peer),
        Some(account_id),
        AuditAction::ViewCustomer,
        "the account's masked summary",
        None,
    )
    .await?;
    Ok(Json(CustomerView {
        account_id,
        account_name: card.name.clone(),
        kind: AccountKind::parse(&card.kind).unwrap_or(AccountKind::Personal),
        created_at: card.created_at,
        legal_name: profile.legal_name.clone(),
        display_name: profile.display_name.clone(),
        company_name: profile.company.as_ref().map(|c| c.name.clone()),
        emails_masked: profile
            .emails
            .iter()
            .map(|e| mask::email(&e.address))
            .collect(),
        phone_masked: profile.phone.as_deref().map(mask::phone),
        address_masked: profile.postal_address.as_ref().map(mask::address),
        members,
        caller_check,
        acting,
        access: StaffAccessSettings {
            require_approval: settings.require_approval,
            granted_until: settings.granted_until.filter(|u| *u > now),
        },
        open_tickets: u32::try_from(open_tickets).unwrap_or(u32::MAX),
        legal_hold: state.store.legal_hold(account_id).await?.map(|h| {
            steward_types::deletion::LegalHold {
                explanation: h.explanation,
                since: h.placed_at,
            }
        }),
    }))
}

/// Unmask fields, with a reason the customer will see. The audit entry is
/// written before anything is returned.
#[utoipa::path(post, path = "/v1/staff/customers/{account_id}/reveal", tag = "staff",
    security(("bearer" = [])),
    params(("account_id" = Uuid, Path, description = "The customer's account")),
    request_body = RevealRequest,
    responses((status = 200, body = Revealed)))]
pub async fn reveal(
    State(state): State<AppState>,
    who: Principal,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(account_id): Path<Uuid>,
    ApiJson(body): ApiJson<RevealRequest>,
) -> ApiResult<Json<Revealed>> {
    let (why, mut errors) = match body.why.validate() {
        Ok(why) => (Some(why), Vec::new()),
        Err(e) => (None, e),
    };
    if body.fields.is_empty() {
        errors.push(FieldError::new(
            "fields",
            "required",
            "Choose at least one field to reveal.",
        ));
    }
    let Some(why) = why.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let card = staff::customer(&state, account_id).await?;
    staff::may_touch(&state, &who, &card).await?;
    let mut fields = body.fields.clone();
    fields.sort_by_key(|f| f.as_str());
    fields.dedup();
    let what = fields
        .iter()
        .map(|f| f.label())
        .collect::<Vec<_>>()
        .join(", ");
    audit::record(
        &state,
        &who,
        Some(peer),
        Some(account_id),
        AuditAction::Reveal,
        what,
        Some(&why),
    )
    .await?;
    let profile = profile_of(card.profile_doc.as_deref()).unwrap_or_default();
    let mut out = Revealed::default();
    for f in fields {
        match f {
            RevealField::ContactEmails => out.contact_emails = Some(profile.emails.clone()),
            RevealField::Phone => {
                out.phones = Some(
                    [&profile.phone, &profile.fax]
                        .into_iter()
                        .flatten()
                        .cloned()
                        .collect(),
                );
            }
            RevealField::PostalAddress => out.postal_address = profile.postal_address.clone(),
            RevealField::MemberEmails => {
                out.member_emails = Some(
                    state
                        .store
                        .members(account_id)
                        .await?
                        .into_iter()
                        .map(|m| MemberEmail {
                            user_id: m.user_id,
                            email: m.email,
                        })
                        .collect(),
                );
            }
        }
    }
    Ok(Json(out))
}

//! `/v1/accounts/{account_id}/profile`: read and change the profile with
//! optimistic concurrency, and its change history (PR-1, PR-18).

use std::borrow::Cow;
use std::sync::LazyLock;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use steward_types::problem::FieldError;
use steward_types::profile::{
    Company, ContactEmail, ContactPurpose, Editability, FieldSpec, Profile, ProfileChange,
    ProfileView,
};
use steward_types::{validate, AccountKind, Language};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::locale::word;

use crate::policy::{AccountScope, Principal};
use crate::state::AppState;
use crate::store::{AccountRow, FieldChange};

const PROBLEM: &str = "application/problem+json";

/// The strong ETag of a profile version.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// A JSON answer carrying the strong `ETag` of `version`, for every
/// resource changed under `If-Match`.
pub fn json_with_etag(version: i64, body: impl serde::Serialize) -> Response {
    let mut response = Json(body).into_response();
    if let Ok(v) = HeaderValue::from_str(&etag(version)) {
        response.headers_mut().insert(header::ETAG, v);
    }
    response
}

/// The version an `If-Match` header names. Missing (or `*`, which would
/// overwrite whatever is there) is 428; a weak or malformed tag never matches.
pub fn if_match(headers: &HeaderMap) -> ApiResult<i64> {
    let value = headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty() && *v != "*")
        .ok_or(ApiError::PreconditionRequired)?;
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or(ApiError::PreconditionFailed)
}

/// The field table for an account of `kind`, in `language`:
/// `company.tax_id` becomes correction-only once the account has been
/// invoiced (PR-9). Labels and notes are worded; field paths stay.
fn specs(kind: AccountKind, invoiced: bool, language: Language) -> Vec<FieldSpec> {
    let mut fields = validate::field_specs(kind);
    if invoiced {
        for f in fields.iter_mut().filter(|f| f.field == "company.tax_id") {
            f.editable = Editability::CorrectionOnly;
            f.note = Some(
                "Invoices have been issued with this tax id: request a correction to change it."
                    .into(),
            );
        }
    }
    let worded = |text: &mut String| {
        if let Cow::Owned(w) = word(text, language) {
            *text = w;
        }
    };
    for f in &mut fields {
        worded(&mut f.label);
        worded(&mut f.needed_for);
        if let Some(note) = &mut f.note {
            worded(note);
        }
    }
    fields
}

/// `specs` as JSON, serialised once per kind, invoicing state and language:
/// the table is the same for every account that shares them, and building
/// and serialising its strings was a tenth of a profile read's time under
/// `make bench` (issue 8). Constant data, so one copy per process is safe.
fn specs_json(kind: AccountKind, invoiced: bool, language: Language) -> &'static RawValue {
    type Key = (AccountKind, bool, Language);
    static TABLES: LazyLock<Vec<(Key, Box<RawValue>)>> = LazyLock::new(|| {
        let mut tables = Vec::new();
        for kind in [AccountKind::Personal, AccountKind::Company] {
            for invoiced in [false, true] {
                for language in Language::ALL {
                    let json = serde_json::value::to_raw_value(&specs(kind, invoiced, language))
                        .unwrap_or_else(|e| panic!("a field table serialises: {e}"));
                    tables.push(((kind, invoiced, language), json));
                }
            }
        }
        tables
    });
    TABLES
        .iter()
        .find(|(key, _)| *key == (kind, invoiced, language))
        .map_or_else(
            || unreachable!("every key is built"),
            |(_, json)| json.as_ref(),
        )
}

/// A first profile for an account that has none yet, from what we know.
fn initial(account: &AccountRow, owner_email: Option<&str>) -> Profile {
    Profile {
        legal_name: if account.kind == AccountKind::Personal {
            account.name.clone()
        } else {
            String::new()
        },
        display_name: account.name.clone(),
        company: (account.kind == AccountKind::Company).then(|| Company {
            name: account.name.clone(),
            ..Company::default()
        }),
        emails: owner_email
            .map(|e| {
                vec![ContactEmail {
                    address: e.to_string(),
                    purpose: ContactPurpose::General,
                }]
            })
            .unwrap_or_default(),
        ..Profile::default()
    }
}

/// A stored profile, decoded, with its version.
#[derive(Debug)]
struct Stored {
    profile: Profile,
    version: i64,
    updated_at: DateTime<Utc>,
}

/// The account and its profile, creating the profile's first version if
/// needed.
async fn read(state: &AppState, scope: &AccountScope) -> ApiResult<(Stored, AccountRow)> {
    let (account, row) = state
        .store
        .account_profile(scope.account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let row = match row {
        Some(row) => row,
        None => {
            let members = state.store.members(scope.account_id).await?;
            let owner = members
                .iter()
                .find(|m| m.role == steward_types::MemberRole::Owner)
                .map(|m| m.email.as_str());
            let doc = serde_json::to_string(&initial(&account, owner))
                .map_err(|e| ApiError::Internal(e.into()))?;
            state
                .store
                .init_profile(scope.account_id, &doc, state.clock.now())
                .await?;
            state
                .store
                .profile(scope.account_id)
                .await?
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("profile vanished after init")))?
        }
    };
    let profile: Profile = serde_json::from_str(&row.doc)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored profile does not decode: {e}")))?;
    let stored = Stored {
        profile,
        version: row.version,
        updated_at: row.updated_at,
    };
    Ok((stored, account))
}

/// The account's profile as a `ProfileView`, creating its first version if
/// needed.
pub async fn load(state: &AppState, scope: &AccountScope) -> ApiResult<(ProfileView, AccountRow)> {
    let (stored, account) = read(state, scope).await?;
    let view = ProfileView {
        account_id: account.id,
        kind: account.kind,
        profile: stored.profile,
        version: stored.version,
        updated_at: stored.updated_at,
        fields: specs(
            account.kind,
            account.invoiced_at.is_some(),
            crate::locale::current(),
        ),
    };
    Ok((view, account))
}

/// A `ProfileView`'s JSON with the field table from `specs_json`: the same
/// bytes as serialising the view (a test compares them for every table).
#[derive(Serialize)]
struct ViewJson<'a> {
    account_id: Uuid,
    kind: AccountKind,
    profile: &'a Profile,
    version: i64,
    updated_at: DateTime<Utc>,
    fields: &'a RawValue,
}

impl<'a> ViewJson<'a> {
    fn new(stored: &'a Stored, account: &AccountRow, language: Language) -> Self {
        Self {
            account_id: account.id,
            kind: account.kind,
            profile: &stored.profile,
            version: stored.version,
            updated_at: stored.updated_at,
            fields: specs_json(account.kind, account.invoiced_at.is_some(), language),
        }
    }
}

/// The profile answer: JSON with the version's strong `ETag`, never cached.
fn answer(version: i64, body: impl serde::Serialize) -> Response {
    let mut response = json_with_etag(version, body);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A `ProfileView` as the profile answer (after a change, or for callers
/// that needed the view itself).
pub(crate) fn with_etag(view: ProfileView) -> Response {
    answer(view.version, view)
}

/// The account profile. The `ETag` header is the version a change must name.
#[utoipa::path(
    get,
    path = "/v1/accounts/{account_id}/profile",
    tag = "profile",
    security(("bearer" = [])),
    params(("account_id" = uuid::Uuid, Path, description = "The account")),
    responses(
        (status = 200, body = ProfileView, headers(("ETag" = String, description = "Strong ETag of this version"))),
        (status = 404, body = steward_types::Problem, content_type = PROBLEM),
    )
)]
pub async fn get(State(state): State<AppState>, scope: AccountScope) -> ApiResult<Response> {
    read_answer(&state, &scope).await
}

/// The GET answer, for the customer's route and for staff acting for them.
pub(crate) async fn read_answer(state: &AppState, scope: &AccountScope) -> ApiResult<Response> {
    let (stored, account) = read(state, scope).await?;
    let json = ViewJson::new(&stored, &account, crate::locale::current());
    Ok(answer(stored.version, json))
}

/// Replace the profile. Needs `If-Match` with the version it was based on:
/// 428 without it, 412 when someone else saved since. Correction-only
/// fields must come back unchanged.
#[utoipa::path(
    put,
    path = "/v1/accounts/{account_id}/profile",
    tag = "profile",
    security(("bearer" = [])),
    params(
        ("account_id" = uuid::Uuid, Path, description = "The account"),
        ("If-Match" = String, Header, description = "The ETag this change is based on"),
    ),
    request_body = Profile,
    responses(
        (status = 200, body = ProfileView, headers(("ETag" = String, description = "The new version"))),
        (status = 403, body = steward_types::Problem, content_type = PROBLEM),
        (status = 412, body = steward_types::Problem, content_type = PROBLEM),
        (status = 422, body = steward_types::Problem, content_type = PROBLEM),
        (status = 428, body = steward_types::Problem, content_type = PROBLEM),
    )
)]
pub async fn put(
    State(state): State<AppState>,
    scope: AccountScope,
    principal: Principal,
    headers: HeaderMap,
    ApiJson(input): ApiJson<Profile>,
) -> ApiResult<Response> {
    let expected = if_match(&headers)?;
    let (view, changes) = save(&state, &scope, &principal.actor(), expected, &input).await?;
    if !changes.is_empty() {
        crate::staff::search::reindex(state.store.as_ref(), scope.account_id)
            .await
            .map_err(ApiError::Internal)?;
    }
    Ok(with_etag(view))
}

/// Replace the profile as `actor` (a member, or staff acting for the
/// customer), based on version `expected`.
pub async fn save(
    state: &AppState,
    scope: &AccountScope,
    actor: &steward_types::profile::Actor,
    expected: i64,
    input: &Profile,
) -> ApiResult<(ProfileView, Vec<FieldChange>)> {
    let (current, account) = load(state, scope).await?;
    if current.version != expected {
        return Err(ApiError::PreconditionFailed);
    }
    let next = validate::profile(input, account.kind).map_err(ApiError::Validation)?;
    let read_only = validate::correction_only_fields(account.kind, account.invoiced_at.is_some());
    let locked: Vec<FieldError> = read_only
        .iter()
        .filter(|f| validate::value_of(&next, f) != validate::value_of(&current.profile, f))
        .map(|f| FieldError {
            field: (*f).to_string(),
            rule: "correction_only".into(),
            message: "This field can only be changed through a correction request.".into(),
        })
        .collect();
    if !locked.is_empty() {
        return Err(ApiError::Validation(locked));
    }
    let changes = diff(&current.profile, &next);
    if changes.is_empty() {
        return Ok((current, changes));
    }
    let doc = serde_json::to_string(&next).map_err(|e| ApiError::Internal(e.into()))?;
    let now = state.clock.now();
    let version = state
        .store
        .update_profile(scope.account_id, expected, &doc, &changes, actor, now)
        .await?
        .ok_or(ApiError::PreconditionFailed)?;
    tracing::info!(account_id = %scope.account_id, version, fields = changes.len(), "profile changed");
    Ok((
        ProfileView {
            profile: next,
            version,
            updated_at: now,
            ..current
        },
        changes,
    ))
}

/// Field-by-field differences, for the change history.
pub fn diff(old: &Profile, new: &Profile) -> Vec<FieldChange> {
    validate::flatten(old)
        .into_iter()
        .zip(validate::flatten(new))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, old_value), (_, new_value))| FieldChange {
            field: field.to_string(),
            old_value,
            new_value,
        })
        .collect()
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct HistoryParams {
    /// At most this many changes (1 to 500, default 100).
    pub limit: Option<i64>,
}

/// Who changed which field, when, from what to what.
#[utoipa::path(
    get,
    path = "/v1/accounts/{account_id}/profile/history",
    tag = "profile",
    security(("bearer" = [])),
    params(("account_id" = uuid::Uuid, Path, description = "The account"), HistoryParams),
    responses((status = 200, body = Vec<ProfileChange>))
)]
pub async fn history(
    State(state): State<AppState>,
    scope: AccountScope,
    ApiQuery(params): ApiQuery<HistoryParams>,
) -> ApiResult<Json<Vec<ProfileChange>>> {
    let limit = params.limit.unwrap_or(100).clamp(1, 500);
    Ok(Json(
        state.store.profile_changes(scope.account_id, limit).await?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The GET answer, with its field table serialised once, is byte for
    /// byte what serialising the `ProfileView` gives, for every table.
    #[test]
    fn the_answer_is_the_views_json_for_every_field_table() {
        let at = DateTime::from_timestamp(1_790_000_000, 0).expect("a time");
        for kind in [AccountKind::Personal, AccountKind::Company] {
            for invoiced in [false, true] {
                let account = AccountRow {
                    id: Uuid::from_u128(7),
                    name: "Acme \"Media\"".into(),
                    kind,
                    created_at: at,
                    invoiced_at: invoiced.then_some(at),
                };
                let stored = Stored {
                    profile: initial(&account, Some("ola@example.com")),
                    version: 3,
                    updated_at: at,
                };
                let mut tables = Vec::new();
                for language in Language::ALL {
                    let view = ProfileView {
                        account_id: account.id,
                        kind,
                        profile: stored.profile.clone(),
                        version: stored.version,
                        updated_at: stored.updated_at,
                        fields: specs(kind, invoiced, language),
                    };
                    let answer = serde_json::to_string(&ViewJson::new(&stored, &account, language))
                        .expect("serialises");
                    assert_eq!(answer, serde_json::to_string(&view).expect("serialises"));
                    tables.push(specs_json(kind, invoiced, language).get().to_string());
                }
                assert_ne!(tables[0], tables[1], "each language has its own words");
            }
        }
    }
}

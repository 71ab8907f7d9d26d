//! Authorisation is declared per route, and a route cannot be added without
//! one: `ApiRouter::route` is the only way in, and it takes a `Policy`.
//! The policy's middleware authenticates the caller and puts a `Principal`
//! in the request; handlers that need a user extract it.

use axum::extract::{FromRequestParts, Request, State};
use axum::handler::Handler;
use axum::http::request::Parts;
use axum::http::{header, Method};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{on, MethodFilter};
use axum::Router;
use uuid::Uuid;

use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::User;
use steward_types::{AccountAccess, AccountKind, Capability, MemberRole, UserRole};

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Anyone, signed in or not (OAuth endpoints, health, metadata).
    Public,
    /// Any signed-in user; the handler scopes what it returns to that user.
    Authenticated,
    /// Support agents and administrators only (`/v1/staff/...`).
    Staff,
    /// Administrators only (policy versions, staff accounts): agents get 403.
    Admin,
    /// Members of the `{account_id}` in the path whose role grants the
    /// capability (PR-12). Non-members get 404, as if the account did not
    /// exist; members without the capability get 403.
    Account(Capability),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: Method,
    pub path: &'static str,
    pub policy: Policy,
}

/// The signed-in caller, as established by the route's policy.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: User,
    /// The sign-in session (refresh-token family) the token belongs to.
    pub session_id: Uuid,
    /// When that session signed in: sensitive changes need it to be recent.
    pub signed_in_at: chrono::DateTime<chrono::Utc>,
    /// The accounts the caller is a member of, read with the token: the
    /// membership check and `GET /v1/me` need no further query.
    pub accounts: Vec<AccountAccess>,
    /// When the caller's two-factor was confirmed, if it is on.
    pub two_factor_since: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug)]
pub struct ApiRouter {
    state: AppState,
    router: Router<AppState>,
    routes: Vec<RouteInfo>,
}

impl ApiRouter {
    pub fn new(state: AppState) -> Self {
        Self {
            state,
            router: Router::new(),
            routes: Vec::new(),
        }
    }

    pub fn route<H, T>(
        mut self,
        method: Method,
        path: &'static str,
        policy: Policy,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = match method {
            Method::GET => MethodFilter::GET,
            Method::POST => MethodFilter::POST,
            Method::PUT => MethodFilter::PUT,
            Method::PATCH => MethodFilter::PATCH,
            Method::DELETE => MethodFilter::DELETE,
            ref other => panic!("unsupported method {other} for {path}"),
        };
        let method_router = on(filter, handler);
        let method_router = match policy {
            Policy::Public => method_router,
            Policy::Authenticated => method_router.route_layer(middleware::from_fn_with_state(
                self.state.clone(),
                require_user,
            )),
            Policy::Staff => method_router.route_layer(middleware::from_fn_with_state(
                (self.state.clone(), false),
                require_staff,
            )),
            Policy::Admin => method_router.route_layer(middleware::from_fn_with_state(
                (self.state.clone(), true),
                require_staff,
            )),
            Policy::Account(cap) => {
                assert!(
                    path.contains("{account_id}"),
                    "{path}: an account policy needs an {{account_id}} segment"
                );
                method_router.route_layer(middleware::from_fn_with_state(
                    (self.state.clone(), cap),
                    require_member,
                ))
            }
        };
        self.router = self.router.route(path, method_router);
        self.routes.push(RouteInfo {
            method,
            path,
            policy,
        });
        self
    }

    /// Add a group of routes defined in a function (keeps `route_table.rs` readable).
    pub fn merge_into(self, group: impl FnOnce(Self) -> Self) -> Self {
        group(self)
    }

    pub fn into_parts(self) -> (Router<AppState>, Vec<RouteInfo>) {
        (self.router, self.routes)
    }
}

/// The bearer token of a request, if it has one.
fn bearer(request: &Request) -> Option<String> {
    request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, rest) = v.split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then(|| rest.trim().to_string())
        })
        .filter(|t| !t.is_empty())
}

async fn authenticate(state: &AppState, token: Option<String>) -> ApiResult<Principal> {
    let token = token.ok_or(ApiError::Unauthorized)?;
    let now = state.clock.now();
    let grant = state
        .store
        .access_grant(&crypto::token_hash(&token), now)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    // From here on, words follow the caller's profile language.
    crate::locale::follow_user(grant.user.language);
    Ok(Principal {
        user: grant.user,
        session_id: grant.family_id,
        signed_in_at: grant.signed_in_at,
        accounts: grant.accounts,
        two_factor_since: grant.two_factor_since,
    })
}

async fn require_user(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let token = bearer(&request);
    match authenticate(&state, token).await {
        Ok(principal) => {
            request.extensions_mut().insert(principal);
            next.run(request).await
        }
        Err(err) => axum::response::IntoResponse::into_response(err),
    }
}

async fn require_staff(
    State((state, admin_only)): State<(AppState, bool)>,
    mut request: Request,
    next: Next,
) -> Response {
    let token = bearer(&request);
    match authenticate(&state, token).await {
        Ok(principal) if principal.user.roles.iter().any(|r| r.is_staff()) => {
            if admin_only && !principal.user.roles.contains(&UserRole::Admin) {
                return axum::response::IntoResponse::into_response(ApiError::Forbidden);
            }
            if let Err(e) = require_staff_two_factor(&principal) {
                return axum::response::IntoResponse::into_response(e);
            }
            request.extensions_mut().insert(principal);
            next.run(request).await
        }
        // Customers get 404, not 403: staff routes do not exist for them.
        Ok(_) => axum::response::IntoResponse::into_response(ApiError::NotFound),
        Err(err) => axum::response::IntoResponse::into_response(err),
    }
}

/// Staff sign-in requires two-factor: the staff account has it on, and this
/// session signed in after it was turned on (so the sign-in asked for it).
fn require_staff_two_factor(principal: &Principal) -> ApiResult<()> {
    if principal
        .two_factor_since
        .is_some_and(|on| principal.signed_in_at >= on)
    {
        Ok(())
    } else {
        Err(ApiError::StaffTwoFactorRequired)
    }
}

/// The account a request under `/v1/accounts/{account_id}` acts on, and the
/// caller's role there, as checked by `Policy::Account`.
#[derive(Debug, Clone)]
pub struct AccountScope {
    pub account_id: Uuid,
    pub kind: AccountKind,
    pub role: MemberRole,
}

async fn require_member(
    State((state, cap)): State<(AppState, Capability)>,
    request: Request,
    next: Next,
) -> Response {
    match member_scope(&state, cap, request).await {
        Ok(request) => next.run(request).await,
        Err(err) => axum::response::IntoResponse::into_response(err),
    }
}

async fn member_scope(state: &AppState, cap: Capability, request: Request) -> ApiResult<Request> {
    let token = bearer(&request);
    let principal = authenticate(state, token).await?;
    let (mut parts, body) = request.into_parts();
    let params = axum::extract::RawPathParams::from_request_parts(&mut parts, state)
        .await
        .map_err(|_| ApiError::NotFound)?;
    let account_id = params
        .iter()
        .find(|(k, _)| *k == "account_id")
        .and_then(|(_, v)| Uuid::parse_str(v).ok())
        .ok_or(ApiError::NotFound)?;
    let membership = principal
        .accounts
        .iter()
        .find(|a| a.account_id == account_id)
        .ok_or(ApiError::NotFound)?;
    if !membership.role.can(cap) {
        return Err(ApiError::Forbidden);
    }
    parts.extensions.insert(AccountScope {
        account_id,
        kind: membership.kind,
        role: membership.role,
    });
    parts.extensions.insert(principal);
    Ok(Request::from_parts(parts, body))
}

impl<S: Send + Sync> FromRequestParts<S> for AccountScope {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<AccountScope>()
            .cloned()
            .ok_or_else(|| {
                ApiError::Internal(anyhow::anyhow!(
                    "route needs an AccountScope but its policy is not Policy::Account"
                ))
            })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Principal>().cloned().ok_or_else(|| {
            // Only reachable if a handler that needs a user sits on a Public route.
            ApiError::Internal(anyhow::anyhow!(
                "route needs a Principal but its policy is Public"
            ))
        })
    }
}

impl Principal {
    /// The caller as the author of a change (PR-1 history, PR-8 checks).
    pub fn actor(&self) -> steward_types::profile::Actor {
        steward_types::profile::Actor {
            user_id: Some(self.user.id),
            name: self.user.display_name.clone(),
            kind: if self.user.roles.iter().any(|r| r.is_staff()) {
                steward_types::profile::ActorKind::Staff
            } else {
                steward_types::profile::ActorKind::Member
            },
        }
    }

    /// Sensitive changes (e-mail, password, two-factor) need a sign-in within
    /// the step-up window; older sessions must sign in again first.
    pub fn require_recent_sign_in(&self, state: &AppState) -> ApiResult<()> {
        let window = chrono::Duration::seconds(
            i64::try_from(state.config.step_up_window_secs).unwrap_or(600),
        );
        if state.clock.now() - self.signed_in_at <= window {
            Ok(())
        } else {
            Err(ApiError::StepUpRequired)
        }
    }
}

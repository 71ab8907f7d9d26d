//! Failed sign-in throttling, per account and per client address. Counted in
//! the store, so the limits hold across server instances.
//!
//! Unknown accounts are throttled exactly like known ones: the limit must not
//! reveal which e-mail addresses exist.

use std::net::IpAddr;

use chrono::Duration;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

pub fn account_key(email: &str) -> String {
    format!("acct:{email}")
}

pub fn address_key(ip: IpAddr) -> String {
    // IPv6 clients usually own a /64: throttle the prefix, not one address.
    match ip {
        IpAddr::V4(v4) => format!("ip:{v4}"),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("ip:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

/// Refuse with 429 and Retry-After when either key is over its limit.
pub async fn check(state: &AppState, account: &str, address: &str) -> ApiResult<()> {
    let t = &state.config.throttle;
    let now = state.clock.now();
    let window = Duration::seconds(i64::try_from(t.window_secs).unwrap_or(i64::MAX));
    let since = now - window;
    let mut wait = 0i64;
    for (key, limit) in [(account, t.per_account), (address, t.per_address)] {
        let (count, oldest) = state.store.failures_since(key, since).await?;
        if count >= limit {
            let free_at = oldest.unwrap_or(now) + window;
            wait = wait.max((free_at - now).num_seconds().max(1));
        }
    }
    if wait > 0 {
        tracing::warn!(retry_after = wait, "sign-in throttled");
        return Err(ApiError::RateLimited {
            retry_after: u64::try_from(wait).unwrap_or(1),
        });
    }
    Ok(())
}

pub async fn record_failure(state: &AppState, account: &str, address: &str) -> ApiResult<()> {
    let keys = [account.to_string(), address.to_string()];
    state.store.record_failure(&keys, state.clock.now()).await?;
    Ok(())
}

pub async fn record_success(state: &AppState, account: &str) -> ApiResult<()> {
    state.store.clear_failures(account).await?;
    Ok(())
}

/// The public pages and calls that take a secret link or code: a client
/// that keeps presenting ones that do not exist is guessing.
const LINK_PATHS: &[&str] = &[
    "/vault/cards/",
    "/unsubscribe/",
    "/communications/confirm/",
    "/password-reset/",
    "/v1/invitations/accept",
];

/// Guessing secret links (unsubscribe, opt-in confirmation, password reset,
/// card entry, invitations): each unknown one counts against the client's
/// address, in the store so the limit holds across instances; past the
/// address limit the client waits, whatever link it tries next.
pub async fn guard_links(
    axum::extract::State(state): axum::extract::State<AppState>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let path = request.uri().path();
    if !LINK_PATHS.iter().any(|p| path.starts_with(p)) {
        return next.run(request).await;
    }
    let key = format!("links:{}", address_key(peer.ip()));
    let t = &state.config.throttle;
    let now = state.clock.now();
    let window = Duration::seconds(i64::try_from(t.window_secs).unwrap_or(i64::MAX));
    match state.store.failures_since(&key, now - window).await {
        Ok((count, oldest)) if count >= t.per_address => {
            let wait = ((oldest.unwrap_or(now) + window) - now)
                .num_seconds()
                .max(1);
            tracing::warn!(retry_after = wait, "link guessing throttled");
            return ApiError::RateLimited {
                retry_after: u64::try_from(wait).unwrap_or(1),
            }
            .into_response();
        }
        Ok(_) => {}
        Err(e) => return ApiError::from(e).into_response(),
    }
    let response = next.run(request).await;
    if response.status() == axum::http::StatusCode::NOT_FOUND {
        if let Err(e) = state.store.record_failure(&[key], now).await {
            tracing::warn!(error = %e, "could not count an unknown link");
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_is_throttled_per_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().expect("ip");
        assert_eq!(address_key(a), address_key(b));
        assert_eq!(
            address_key("192.0.2.7".parse().expect("ip")),
            "ip:192.0.2.7"
        );
    }
}

//! A request id on every log line and every error body.
//!
//! tower-http assigns or propagates `x-request-id`; this middleware puts it in
//! a task-local (so `ApiError` can quote it without threading it through every
//! handler) and in a tracing span (so every log line of the request has it).

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

tokio::task_local! {
    static REQUEST_ID: String;
}

pub const HEADER: &str = "x-request-id";

/// The current request's id, if called inside a request.
pub fn current() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// The path as logged: a card-entry page's token is its credential, so it
/// is cut off (tokens never reach logs).
pub fn loggable_path(path: &str) -> &str {
    const SECRET_PATHS: [(&str, &str); 4] = [
        (crate::vault::PAGE_PREFIX, "/vault/cards/(token)"),
        ("/password-reset/", "/password-reset/(token)"),
        ("/unsubscribe/", "/unsubscribe/(token)"),
        (
            "/communications/confirm/",
            "/communications/confirm/(token)",
        ),
    ];
    SECRET_PATHS
        .iter()
        .find(|(prefix, _)| {
            path.strip_prefix(prefix)
                .is_some_and(|rest| !rest.is_empty())
        })
        .map_or(path, |(_, shown)| shown)
}

pub async fn scope(request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string();
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %loggable_path(request.uri().path()),
    );
    REQUEST_ID
        .scope(id, async move {
            let started = std::time::Instant::now();
            let response = next.run(request).await;
            tracing::info!(
                status = response.status().as_u16(),
                elapsed_ms = started.elapsed().as_millis() as u64,
                "request finished"
            );
            response
        })
        .instrument(span)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_page_tokens_are_not_logged() {
        assert_eq!(
            loggable_path("/vault/cards/stw_ce_secret"),
            "/vault/cards/(token)"
        );
        assert_eq!(loggable_path("/unsubscribe/abc"), "/unsubscribe/(token)");
        assert_eq!(
            loggable_path("/communications/confirm/stw_oi_x"),
            "/communications/confirm/(token)"
        );
        assert_eq!(loggable_path("/v1/me"), "/v1/me");
    }
}

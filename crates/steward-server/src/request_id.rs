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
        path = %request.uri().path(),
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

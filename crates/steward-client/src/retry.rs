//! Retrying what is safe to retry (issue 7). A request is retried only when
//! sending it twice cannot do twice what it asks: safe methods (GET, HEAD)
//! and requests carrying an `Idempotency-Key` (the server answers a repeat
//! with the first answer). It is retried when the server could not be
//! reached (refused, reset, timed out) or answered 503 or 429 with a
//! `Retry-After` it honours; waits grow exponentially with full jitter and
//! are capped, so a console never hangs on a server that is down.

use std::time::Duration;

use rand::Rng;
use reqwest::{Method, Request, Response, StatusCode};

use crate::error::retry_after_of;

/// Attempts in all, the first included.
pub const ATTEMPTS: u32 = 4;
const BASE: Duration = Duration::from_millis(200);
const CAP: Duration = Duration::from_secs(2);
/// A `Retry-After` longer than this is the caller's to wait out (the error
/// carries it), not ours.
const LONGEST_WAIT: Duration = Duration::from_secs(5);

/// Whether sending `request` again cannot repeat an effect.
pub fn repeatable(request: &Request) -> bool {
    matches!(*request.method(), Method::GET | Method::HEAD)
        || request.headers().contains_key("idempotency-key")
}

/// How long to wait before attempt `attempt` (1-based retries), given what
/// the last attempt got; `None`: do not retry.
pub fn wait_before(
    attempt: u32,
    outcome: &Result<Response, reqwest::Error>,
    jitter: f64,
) -> Option<Duration> {
    if attempt >= ATTEMPTS {
        return None;
    }
    let backoff = BASE
        .saturating_mul(1 << (attempt - 1).min(10))
        .min(CAP)
        .mul_f64(jitter.clamp(0.0, 1.0));
    match outcome {
        // Any failure to get an answer (refused, reset, timed out, cut off);
        // not a request we could not build or an answer we could not read.
        Err(e) if !e.is_builder() && !e.is_decode() && !e.is_redirect() => Some(backoff),
        Err(_) => None,
        Ok(resp) => match resp.status() {
            StatusCode::SERVICE_UNAVAILABLE | StatusCode::TOO_MANY_REQUESTS => {
                match retry_after_of(resp.headers()).map(Duration::from_secs) {
                    Some(after) if after > LONGEST_WAIT => None,
                    Some(after) => Some(after.max(backoff)),
                    None if resp.status() == StatusCode::SERVICE_UNAVAILABLE => Some(backoff),
                    None => None,
                }
            }
            _ => None,
        },
    }
}

/// Send `build()` until it succeeds, fails for good, or attempts run out.
/// `build` makes a fresh request each time (a body cannot be sent twice).
pub async fn send<F>(http: &reqwest::Client, build: F) -> Result<Response, reqwest::Error>
where
    F: Fn() -> Result<Request, reqwest::Error>,
{
    let mut attempt = 1;
    loop {
        let request = build()?;
        let again = repeatable(&request);
        let path = request.url().path().to_string();
        let outcome = http.execute(request).await;
        if !again {
            return outcome;
        }
        let jitter = rand::thread_rng().gen_range(0.5..=1.0);
        let Some(wait) = wait_before(attempt, &outcome, jitter) else {
            return outcome;
        };
        tracing::debug!(%path, attempt, wait_ms = wait.as_millis() as u64, "retrying");
        drop(outcome);
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: Method, key: bool) -> Request {
        let mut r = Request::new(method, "http://127.0.0.1/x".parse().expect("url"));
        if key {
            r.headers_mut()
                .insert("idempotency-key", "k".parse().expect("header"));
        }
        r
    }

    #[test]
    fn only_safe_or_keyed_requests_repeat() {
        assert!(repeatable(&request(Method::GET, false)));
        assert!(repeatable(&request(Method::POST, true)));
        assert!(!repeatable(&request(Method::POST, false)));
        assert!(!repeatable(&request(Method::PUT, false)));
        assert!(!repeatable(&request(Method::DELETE, false)));
    }

    fn answer(status: u16, retry_after: Option<&str>) -> Result<Response, reqwest::Error> {
        let mut b = http::Response::builder().status(status);
        if let Some(r) = retry_after {
            b = b.header("retry-after", r);
        }
        Ok(Response::from(b.body("").expect("response")))
    }

    #[test]
    fn waits_are_capped_jittered_and_honour_retry_after() {
        let busy = answer(503, None);
        assert_eq!(wait_before(1, &busy, 1.0), Some(Duration::from_millis(200)));
        assert_eq!(wait_before(2, &busy, 1.0), Some(Duration::from_millis(400)));
        assert_eq!(wait_before(3, &busy, 0.5), Some(Duration::from_millis(400)));
        assert_eq!(wait_before(ATTEMPTS, &busy, 1.0), None, "attempts run out");
        assert_eq!(
            wait_before(1, &answer(503, Some("3")), 1.0),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            wait_before(1, &answer(429, Some("60")), 1.0),
            None,
            "too long"
        );
        assert_eq!(wait_before(1, &answer(429, None), 1.0), None);
        assert_eq!(wait_before(1, &answer(500, None), 1.0), None);
        assert_eq!(wait_before(1, &answer(412, None), 1.0), None);
        assert!(wait_before(9, &busy, 1.0).is_none());
    }
}

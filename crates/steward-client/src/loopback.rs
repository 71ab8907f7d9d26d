//! The RFC 8252 loopback redirect: a one-shot HTTP listener on 127.0.0.1 that
//! receives `/callback?code=..&state=..` from the browser.
//!
//! Connections are served concurrently because browsers open speculative
//! connections that never send a request; one of those must not block the real
//! redirect. The first `/callback` request decides the outcome, gets a friendly
//! page, and the listener is dropped.

use std::sync::Arc;
use std::time::Duration;

use steward_types::{Sensitive, CONSOLE_REDIRECT_PATH};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::error::{ClientError, Result};
use crate::html::escape;

/// Longest request head we read; a redirect is a few hundred bytes.
const MAX_HEAD: usize = 8 * 1024;
/// How long one connection may take to send its request head.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once; more are dropped (nothing legitimate needs them).
const MAX_CONNECTIONS: usize = 16;

/// A bound, not yet answered, redirect listener.
#[derive(Debug)]
pub struct LoopbackListener {
    listener: TcpListener,
    port: u16,
}

impl LoopbackListener {
    /// Binds an ephemeral port on 127.0.0.1 (never a wildcard address).
    pub async fn bind() -> Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(ClientError::Loopback)?;
        let port = listener.local_addr().map_err(ClientError::Loopback)?.port();
        Ok(Self { listener, port })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:{port}/callback`, exactly as sent in the authorize request.
    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}{}", self.port, CONSOLE_REDIRECT_PATH)
    }

    /// Waits for the redirect and returns the authorization code.
    ///
    /// Requests for other paths (favicon, probes) get a 404 and waiting goes on.
    /// A wrong `state`, or an `error=` redirect, is answered with an error page and
    /// fails the sign-in.
    pub async fn wait_for_code(
        self,
        expected_state: &str,
        timeout: Duration,
    ) -> Result<Sensitive<String>> {
        let deadline = Instant::now() + timeout;
        let state: Arc<str> = Arc::from(expected_state);
        let mut handlers: JoinSet<Option<Result<Sensitive<String>>>> = JoinSet::new();
        loop {
            tokio::select! {
                accepted = self.listener.accept() => match accepted {
                    Ok((stream, _)) if handlers.len() < MAX_CONNECTIONS => {
                        handlers.spawn(handle(stream, state.clone()));
                    }
                    Ok(_) => tracing::debug!("too many loopback connections; dropping one"),
                    Err(e) => {
                        tracing::debug!(error = %e, "loopback accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                },
                Some(done) = handlers.join_next(), if !handlers.is_empty() => {
                    if let Ok(Some(outcome)) = done {
                        return outcome;
                    }
                }
                () = tokio::time::sleep_until(deadline) => {
                    return Err(ClientError::SignInTimedOut { after: timeout });
                }
            }
        }
    }
}

async fn handle(mut stream: TcpStream, state: Arc<str>) -> Option<Result<Sensitive<String>>> {
    let head = match tokio::time::timeout(CONNECTION_TIMEOUT, read_head(&mut stream)).await {
        Ok(Some(head)) => head,
        _ => return None,
    };
    let outcome = evaluate(&head, &state);
    let (status, title, message) = match &outcome {
        None => (
            "404 Not Found",
            "Not found",
            "This address only receives the Steward sign-in.".to_string(),
        ),
        Some(Ok(_)) => (
            "200 OK",
            "Signed in to Steward",
            "You can close this tab and go back to Steward.".to_string(),
        ),
        Some(Err(e)) => (
            "400 Bad Request",
            "Sign-in did not complete",
            format!("{e}. Go back to Steward to try again."),
        ),
    };
    let body = page(title, &message);
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nX-Content-Type-Options: nosniff\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    // The outcome stands even if the browser went away before reading the page.
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
    outcome
}

/// Reads up to the blank line that ends the request head.
async fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.windows(4).any(|w| w == b"\r\n\r\n") || buf.windows(2).any(|w| w == b"\n\n") {
            return Some(String::from_utf8_lossy(&buf).into_owned());
        }
        if buf.len() > MAX_HEAD {
            return None;
        }
    }
}

/// Decides what a request means: `None` = not the callback (keep waiting).
pub(crate) fn evaluate(head: &str, expected_state: &str) -> Option<Result<Sensitive<String>>> {
    let mut parts = head.lines().next()?.split_whitespace();
    let (method, target) = (parts.next()?, parts.next()?);
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if method != "GET" || path != CONSOLE_REDIRECT_PATH {
        return None;
    }
    let (mut state, mut code, mut error, mut description) = (None, None, None, None);
    for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
        match k.as_ref() {
            "state" => state = Some(v.into_owned()),
            "code" => code = Some(v.into_owned()),
            "error" => error = Some(v.into_owned()),
            "error_description" => description = Some(v.into_owned()),
            _ => {}
        }
    }
    if state.as_deref() != Some(expected_state) {
        return Some(Err(ClientError::StateMismatch));
    }
    if let Some(error) = error {
        return Some(Err(ClientError::Authorization { error, description }));
    }
    match code {
        Some(code) if !code.is_empty() => Some(Ok(Sensitive::new(code))),
        _ => Some(Err(ClientError::invalid_response(
            "the sign-in redirect carried no code",
            None,
        ))),
    }
}

fn page(title: &str, message: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\
         <style>body{{font-family:system-ui,sans-serif;display:grid;place-items:center;height:90vh;\
         color:#1f2937}}main{{text-align:center;max-width:32rem}}</style></head>\
         <body><main><h1>{t}</h1><p>{m}</p></main></body></html>",
        t = escape(title),
        m = escape(message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(target: &str) -> String {
        format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    }

    #[test]
    fn takes_the_code_when_state_matches() {
        let r = evaluate(&req("/callback?code=c%2B1&state=s1"), "s1").expect("callback");
        assert_eq!(r.expect("ok").expose(), "c+1");
    }

    #[test]
    fn rejects_state_mismatch_and_missing_state() {
        assert!(matches!(
            evaluate(&req("/callback?code=c&state=evil"), "s1"),
            Some(Err(ClientError::StateMismatch))
        ));
        assert!(matches!(
            evaluate(&req("/callback?code=c"), "s1"),
            Some(Err(ClientError::StateMismatch))
        ));
    }

    #[test]
    fn reports_oauth_errors_from_the_redirect() {
        match evaluate(
            &req("/callback?error=access_denied&error_description=User+said+no&state=s1"),
            "s1",
        ) {
            Some(Err(ClientError::Authorization { error, description })) => {
                assert_eq!(error, "access_denied");
                assert_eq!(description.as_deref(), Some("User said no"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn ignores_other_paths_and_methods() {
        assert!(evaluate(&req("/favicon.ico"), "s").is_none());
        assert!(evaluate(&req("/callbackx?code=c&state=s"), "s").is_none());
        assert!(evaluate("POST /callback?code=c&state=s HTTP/1.1\r\n\r\n", "s").is_none());
        assert!(evaluate("", "s").is_none());
        assert!(matches!(
            evaluate(&req("/callback?state=s"), "s"),
            Some(Err(ClientError::InvalidResponse { .. }))
        ));
    }

    #[tokio::test]
    async fn serves_404s_then_the_callback_then_stops() {
        let l = LoopbackListener::bind().await.expect("bind");
        let port = l.port();
        assert_eq!(
            l.redirect_uri(),
            format!("http://127.0.0.1:{port}/callback")
        );
        let waiter = tokio::spawn(l.wait_for_code("st", Duration::from_secs(10)));
        // A speculative connection that never speaks must not block the redirect.
        let _idle = TcpStream::connect(("127.0.0.1", port)).await.expect("idle");
        let favicon = raw_get(port, "/favicon.ico").await;
        assert!(favicon.starts_with("HTTP/1.1 404"), "{favicon}");
        let answer = raw_get(port, "/callback?code=the-code&state=st").await;
        assert!(answer.starts_with("HTTP/1.1 200") && answer.contains("Signed in to Steward"));
        let code = waiter.await.expect("join").expect("code");
        assert_eq!(code.expose(), "the-code");
        assert!(
            TcpStream::connect(("127.0.0.1", port)).await.is_err(),
            "listener closed after one answer"
        );
    }

    #[tokio::test]
    async fn times_out() {
        let l = LoopbackListener::bind().await.expect("bind");
        let r = l.wait_for_code("st", Duration::from_millis(50)).await;
        assert!(matches!(r, Err(ClientError::SignInTimedOut { .. })));
    }

    async fn raw_get(port: u16, target: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        s.write_all(req(target).as_bytes()).await.expect("write");
        let mut out = String::new();
        s.read_to_string(&mut out).await.expect("read");
        out
    }
}

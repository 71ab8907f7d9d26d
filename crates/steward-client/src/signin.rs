//! Who shows the authorize page: the user's browser, or a scripted one.
//!
//! Both end the same way, with the browser following the server's redirect to the
//! loopback listener; `StewardClient::sign_in` does not know which one ran.

use std::time::Duration;

use async_trait::async_trait;
use reqwest::header::{HeaderValue, COOKIE, LOCATION, ORIGIN, REFERER, SET_COOKIE};
use reqwest::{redirect, StatusCode};
use steward_types::Sensitive;
use url::Url;

use crate::error::{decode_error_body, retry_after_of, ClientError, Result};
use crate::html;

/// Opens the authorize URL "in a browser". Object safe: the desktop holds a
/// `Box<dyn BrowserOpener>` chosen at run time.
#[async_trait]
pub trait BrowserOpener: Send + Sync {
    /// Returns once the page is handed off. A scripted browser may return only after
    /// the redirect was delivered; either way, the loopback listener gets the answer.
    async fn open(&self, authorize_url: &Url) -> Result<()>;
}

/// The user's default browser (`xdg-open`/`gio` on Linux, `open` on macOS,
/// `ShellExecute`/`start` on Windows, via the `open` crate, which also quotes the
/// URL correctly for `cmd`).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemBrowser;

#[async_trait]
impl BrowserOpener for SystemBrowser {
    async fn open(&self, authorize_url: &Url) -> Result<()> {
        let url = authorize_url.to_string();
        tokio::task::spawn_blocking(move || open::that_detached(url))
            .await
            .map_err(|e| ClientError::BrowserOpen(e.to_string()))?
            .map_err(|e| ClientError::BrowserOpen(e.to_string()))
    }
}

/// A scripted browser for "Try the demo" and tests: it really loads the sign-in
/// page, submits its form with the given credentials and follows the redirect to
/// the loopback callback, over plain HTTP, as a person's browser would.
#[derive(Debug, Clone)]
pub struct FormFillingBrowser {
    pub username: String,
    pub password: Sensitive<String>,
    /// Filled in when the page asks for an `otp` field.
    pub otp: Option<Sensitive<String>>,
}

/// Pages we are willing to submit in one sign-in (credentials, then maybe an OTP step).
const MAX_FORM_STEPS: usize = 3;

impl FormFillingBrowser {
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            username: username.into(),
            password: Sensitive::new(password.into()),
            otp: None,
        }
    }

    pub fn with_otp(mut self, otp: impl Into<String>) -> Self {
        self.otp = Some(Sensitive::new(otp.into()));
        self
    }

    fn http() -> Result<reqwest::Client> {
        reqwest::Client::builder()
            .redirect(redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!(
                "steward-console/",
                env!("CARGO_PKG_VERSION"),
                " (form-filling browser)"
            ))
            .build()
            .map_err(|e| ClientError::BrowserOpen(e.to_string()))
    }
}

#[async_trait]
impl BrowserOpener for FormFillingBrowser {
    async fn open(&self, authorize_url: &Url) -> Result<()> {
        let http = Self::http()?;
        let resp = http
            .get(authorize_url.clone())
            .send()
            .await
            .map_err(|e| ClientError::unreachable(authorize_url, e))?;
        let mut cookies = CookieJar::default();
        cookies.take(resp.headers());
        let mut page_url = authorize_url.clone();
        let mut page = read_page(resp, StatusCode::OK).await?;
        let mut sent_otp = false;
        for _ in 0..MAX_FORM_STEPS {
            let mut form = html::parse_single_form(&page)
                .map_err(|e| ClientError::invalid_response(e, None))?;
            // The OTP field may be optional; if the server needs one we lack, it says so.
            if let (true, Some(otp), false) = (form.has_input("otp"), &self.otp, sent_otp) {
                form.set("otp", otp.expose());
                sent_otp = true;
            }
            if form.has_input("username") {
                form.set("username", &self.username);
            }
            if form.has_input("password") {
                form.set("password", self.password.expose());
            }
            if form.method != "post" {
                return Err(ClientError::invalid_response(
                    "the sign-in form does not use POST",
                    None,
                ));
            }
            let action = match form.action.as_deref().filter(|a| !a.is_empty()) {
                Some(a) => page_url.join(a).map_err(|e| {
                    ClientError::invalid_response(format!("bad form action: {e}"), None)
                })?,
                None => page_url.clone(),
            };
            let mut req = http
                .post(action.clone())
                .form(&form.fields)
                .header(ORIGIN, page_url.origin().ascii_serialization())
                .header(REFERER, page_url.as_str());
            if let Some(c) = cookies.header() {
                req = req.header(COOKIE, c);
            }
            let resp = req
                .send()
                .await
                .map_err(|e| ClientError::unreachable(&action, e))?;
            cookies.take(resp.headers());
            let status = resp.status();
            if status.is_redirection() {
                let location = resp
                    .headers()
                    .get(LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|l| action.join(l).ok())
                    .filter(|u| matches!(u.scheme(), "http" | "https"))
                    .ok_or_else(|| {
                        ClientError::invalid_response(
                            "the sign-in redirect has no usable Location",
                            None,
                        )
                    })?;
                // Deliver the redirect to the loopback listener, as the browser would.
                http.get(location.clone())
                    .send()
                    .await
                    .map_err(|e| ClientError::unreachable(&location, e))?;
                return Ok(());
            }
            if status != StatusCode::OK {
                let retry_after = retry_after_of(resp.headers());
                let body = resp.text().await.unwrap_or_default();
                // The server asks for the second factor on the same page
                // (401 with an OTP field): answer it if we have a code.
                let asks_otp = status == StatusCode::UNAUTHORIZED
                    && self.otp.is_some()
                    && !sent_otp
                    && html::parse_single_form(&body).is_ok_and(|f| f.has_input("otp"));
                if asks_otp {
                    page = body;
                    page_url = action;
                    continue;
                }
                return Err(refused(
                    status.as_u16(),
                    &body,
                    retry_after,
                    "the server refused the sign-in",
                ));
            }
            // 200: a next step (e.g. the OTP page) or the same page with an error.
            page = resp
                .text()
                .await
                .map_err(|e| ClientError::unreachable(&action, e))?;
            if html::error_text(&page).is_some() {
                return Err(refused(200, &page, None, "the server refused the sign-in"));
            }
            page_url = action;
        }
        Err(refused(200, &page, None, "the sign-in did not finish"))
    }
}

async fn read_page(resp: reqwest::Response, expect: StatusCode) -> Result<String> {
    let status = resp.status();
    let url = resp.url().clone();
    if status != expect {
        let headers = resp.headers().clone();
        let body = resp.bytes().await.unwrap_or_default();
        return Err(match decode_error_body(status.as_u16(), &headers, &body) {
            e @ ClientError::Api(_) => e,
            _ => refused(
                status.as_u16(),
                &String::from_utf8_lossy(&body),
                retry_after_of(&headers),
                "the sign-in page did not load",
            ),
        });
    }
    resp.text()
        .await
        .map_err(|e| ClientError::unreachable(&url, e))
}

fn refused(status: u16, page: &str, retry_after: Option<u64>, fallback: &str) -> ClientError {
    let message = html::error_text(page).unwrap_or_else(|| fallback.to_string());
    ClientError::SignInRefused {
        status,
        message: Some(message),
        retry_after,
    }
}

/// The cookies one sign-in sets (e.g. a CSRF cookie), sent back like a browser would.
/// One origin, one short flow: name=value pairs are all that matter.
#[derive(Debug, Default)]
struct CookieJar(Vec<(String, String)>);

impl CookieJar {
    fn take(&mut self, headers: &reqwest::header::HeaderMap) {
        for v in headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
        {
            let pair = v.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                let name = name.trim().to_string();
                self.0.retain(|(n, _)| *n != name);
                self.0.push((name, value.trim().to_string()));
            }
        }
    }

    fn header(&self) -> Option<HeaderValue> {
        if self.0.is_empty() {
            return None;
        }
        let joined = self
            .0
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        HeaderValue::from_str(&joined).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderMap;

    #[test]
    fn cookie_jar_keeps_latest_values() {
        let mut h = HeaderMap::new();
        h.append(
            SET_COOKIE,
            HeaderValue::from_static("csrf=a1; Path=/; HttpOnly; SameSite=Lax"),
        );
        h.append(SET_COOKIE, HeaderValue::from_static("sid=x"));
        let mut jar = CookieJar::default();
        jar.take(&h);
        let mut h2 = HeaderMap::new();
        h2.append(SET_COOKIE, HeaderValue::from_static("csrf=b2; Path=/"));
        jar.take(&h2);
        assert_eq!(
            jar.header(),
            Some(HeaderValue::from_static("sid=x; csrf=b2"))
        );
    }

    #[test]
    fn refusal_carries_the_page_error_text() {
        let e = refused(401, "<div class=\"error\">Wrong password</div>", None, "x");
        assert_eq!(
            e.to_string(),
            "Sign-in was refused (HTTP 401): Wrong password"
        );
        assert!(!format!("{:?}", FormFillingBrowser::new("ada", "hunter2")).contains("hunter2"));
    }
}

//! `StewardClient`: one server, one session, shared by clones.

use std::fmt;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use reqwest::redirect;
use steward_types::oauth::AuthorizationServerMetadata;
use steward_types::{Me, Sensitive, CONSOLE_CLIENT_ID};
use url::Url;

use crate::clock::Clock;
use crate::error::{error_from_response, ClientError, Result};
use crate::keyring::{CredentialKey, SecretStore};
use crate::loopback::LoopbackListener;
use crate::pkce::{random_state, Pkce, CHALLENGE_METHOD};
use crate::signin::BrowserOpener;
use crate::tokens::{AccessToken, SessionState};
use crate::url_rules::{check_server_url, endpoint};

/// How long a browser sign-in may take before we give up.
pub const DEFAULT_SIGN_IN_TIMEOUT: Duration = Duration::from_secs(5 * 60);
/// A readiness check is a few bytes on loopback or a LAN: give up quickly.
const READY_CHECK_TIMEOUT: Duration = Duration::from_secs(5);
/// The scope the console asks for.
pub const CONSOLE_SCOPE: &str = "account";

/// The Steward API client. Cheap to clone: clones share one session, one token
/// refresh at a time, and one connection pool.
#[derive(Clone)]
pub struct StewardClient {
    pub(crate) inner: Arc<Inner>,
    sign_in_timeout: Duration,
}

pub(crate) struct Inner {
    pub(crate) base_url: Url,
    pub(crate) http: reqwest::Client,
    pub(crate) store: Arc<dyn SecretStore>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) metadata: tokio::sync::OnceCell<AuthorizationServerMetadata>,
    pub(crate) session: Mutex<SessionState>,
    /// Held for a whole refresh (and by sign-in/out while they swap the session), so
    /// refreshes never overlap: a rotated refresh token must never be used twice.
    pub(crate) refresh_lock: tokio::sync::Mutex<()>,
    pub(crate) refreshes: AtomicU64,
}

impl fmt::Debug for StewardClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StewardClient")
            .field("base_url", &self.inner.base_url.as_str())
            .field("credential_key", &self.credential_key())
            .finish_non_exhaustive()
    }
}

impl StewardClient {
    /// A client for the server at `base_url`. Only `https`, or `http` to this
    /// computer (127.0.0.0/8, ::1, localhost): tokens must not cross a network in clear.
    pub fn new(base_url: Url, store: Arc<dyn SecretStore>, clock: Arc<dyn Clock>) -> Result<Self> {
        let base_url = check_server_url(&base_url)?;
        let http = reqwest::Client::builder()
            // The API never redirects; following one could carry a bearer token along.
            .redirect(redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("steward-console/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ClientError::InvalidServerUrl(format!("HTTP client setup failed: {e}")))?;
        Ok(Self {
            inner: Arc::new(Inner {
                base_url,
                http,
                store,
                clock,
                metadata: tokio::sync::OnceCell::new(),
                session: Mutex::new(SessionState::default()),
                refresh_lock: tokio::sync::Mutex::new(()),
                refreshes: AtomicU64::new(0),
            }),
            sign_in_timeout: DEFAULT_SIGN_IN_TIMEOUT,
        })
    }

    /// Overrides how long `sign_in` waits for the browser (default 5 minutes).
    pub fn with_sign_in_timeout(mut self, timeout: Duration) -> Self {
        self.sign_in_timeout = timeout;
        self
    }

    /// The normalised base URL (always ends with `/`).
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The keyring entry of the current session, if any.
    pub fn credential_key(&self) -> Option<CredentialKey> {
        self.session().key.clone()
    }

    /// How many refresh grants this client has performed (diagnostics and tests).
    pub fn refresh_count(&self) -> u64 {
        self.inner
            .refreshes
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    pub(crate) fn session(&self) -> MutexGuard<'_, SessionState> {
        self.inner.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.inner.clock.now()
    }

    /// Whether the server answers and is ready (`GET /readyz`), without
    /// credentials and without retrying: the console asks this while it shows
    /// itself offline, on its own schedule.
    pub async fn check_reachable(&self) -> Result<()> {
        let url = self.url("readyz")?;
        let resp = self
            .inner
            .http
            .get(url.clone())
            .timeout(READY_CHECK_TIMEOUT)
            .send()
            .await
            .map_err(|e| ClientError::unreachable(&url, e))?;
        if resp.status().is_success() {
            Ok(())
        } else {
            Err(error_from_response(resp).await)
        }
    }

    /// RFC 8414 metadata, fetched once per client (a failed fetch is retried next time).
    pub async fn fetch_metadata(&self) -> Result<AuthorizationServerMetadata> {
        let meta = self
            .inner
            .metadata
            .get_or_try_init(|| async {
                let url = self.url(".well-known/oauth-authorization-server")?;
                let resp = self
                    .inner
                    .http
                    .get(url.clone())
                    .send()
                    .await
                    .map_err(|e| ClientError::unreachable(&url, e))?;
                if !resp.status().is_success() {
                    return Err(error_from_response(resp).await);
                }
                let request_id = crate::error::request_id_of(resp.headers());
                let body = resp
                    .bytes()
                    .await
                    .map_err(|e| ClientError::unreachable(&url, e))?;
                let meta: AuthorizationServerMetadata =
                    serde_json::from_slice(&body).map_err(|_| {
                        ClientError::invalid_response(
                            "the server metadata is not RFC 8414 JSON",
                            request_id,
                        )
                    })?;
                for ep in [
                    &meta.authorization_endpoint,
                    &meta.token_endpoint,
                    &meta.revocation_endpoint,
                ] {
                    endpoint(ep)?;
                }
                Ok(meta)
            })
            .await?;
        Ok(meta.clone())
    }

    /// Browser sign-in (authorization code + PKCE, loopback redirect), then `/v1/me`.
    ///
    /// The refresh token is written to the keyring under `{key_server}|{user_id}`
    /// before the session is used; if that write fails, the new session is revoked
    /// on the server (best effort) and the keyring error is returned.
    pub async fn sign_in(&self, opener: &dyn BrowserOpener, key_server: &str) -> Result<Me> {
        let meta = self.fetch_metadata().await?;
        let authorize = endpoint(&meta.authorization_endpoint)?;
        let token_endpoint = endpoint(&meta.token_endpoint)?;
        let pkce = Pkce::generate();
        let state = random_state();
        let listener = LoopbackListener::bind().await?;
        let redirect_uri = listener.redirect_uri();
        let url = authorize_url(&authorize, &redirect_uri, &state, &pkce);

        let wait = listener.wait_for_code(&state, self.sign_in_timeout);
        tokio::pin!(wait);
        let code = tokio::select! {
            biased;
            r = &mut wait => r?,
            r = opener.open(&url) => {
                r?;
                wait.await?
            }
        };

        let tokens = self
            .token_request(
                &token_endpoint,
                &[
                    ("grant_type", "authorization_code"),
                    ("code", code.expose()),
                    ("redirect_uri", &redirect_uri),
                    ("client_id", CONSOLE_CLIENT_ID),
                    ("code_verifier", pkce.verifier().expose()),
                ],
            )
            .await?;
        let me = self.me_with(&tokens.access_token).await?;
        let key = CredentialKey::new(key_server, me.user_id.to_string());
        if let Err(e) = self.store_set(&key, &tokens.refresh_token).await {
            self.revoke_best_effort(&tokens.refresh_token, "refresh_token")
                .await;
            return Err(e);
        }
        let _guard = self.inner.refresh_lock.lock().await;
        let mut s = self.session();
        *s = SessionState {
            key: Some(key),
            access: Some(AccessToken::new(
                tokens.access_token,
                tokens.expires_in,
                self.now(),
            )),
            generation: s.generation + 1,
            pending_refresh: None,
            ended: false,
        };
        Ok(me)
    }

    /// Step-up: sign in again through the browser so that sensitive changes
    /// (e-mail, password, two-factor) see a fresh sign-in. The new session
    /// replaces the old one, which is revoked. Signing in as someone else is
    /// refused and leaves the old session in place.
    pub async fn reauthenticate(&self, opener: &dyn BrowserOpener, key_server: &str) -> Result<Me> {
        let old_key = self.credential_key().ok_or(ClientError::NotSignedIn)?;
        let old_refresh = self.store_get(&old_key).await?;
        let me = self.sign_in(opener, key_server).await?;
        if me.user_id.to_string() != old_key.user {
            // Put the original session back; drop the stranger's.
            let stranger = self.credential_key();
            if let (Some(k), Some(rt)) = (stranger, old_refresh.as_ref()) {
                if let Ok(Some(new_rt)) = self.store_get(&k).await {
                    self.revoke_best_effort(&new_rt, "refresh_token").await;
                }
                let _ = self.store_delete(&k).await;
                self.store_set(&old_key, rt).await?;
            }
            self.resume(old_key).await?;
            return Err(ClientError::WrongUser);
        }
        if let Some(rt) = old_refresh {
            self.revoke_best_effort(&rt, "refresh_token").await;
        }
        Ok(me)
    }

    /// Picks up a stored session: refresh token from the keyring, one refresh, `/v1/me`.
    ///
    /// No entry => `NotSignedIn`; a locked keyring => `Keyring(Locked)` (the entry
    /// may well exist: never treat that as signed out); `invalid_grant` => `SessionExpired`.
    pub async fn resume(&self, key: CredentialKey) -> Result<Me> {
        let seen = {
            let _guard = self.inner.refresh_lock.lock().await;
            let mut s = self.session();
            *s = SessionState {
                key: Some(key),
                generation: s.generation + 1,
                ..SessionState::default()
            };
            s.generation
        };
        self.refresh_after(seen).await?;
        self.me().await
    }

    /// Revokes the refresh token on the server (best effort: an unreachable server
    /// does not keep the user signed in), deletes the keyring entry, clears memory.
    ///
    /// If the keyring cannot be written (locked), the error is returned and the
    /// session stays inert but known, so calling `sign_out` again finishes the job.
    pub async fn sign_out(&self) -> Result<()> {
        let _guard = self.inner.refresh_lock.lock().await;
        let (key, pending, access) = {
            let mut s = self.session();
            s.generation += 1;
            s.ended = true;
            (s.key.clone(), s.pending_refresh.take(), s.access.take())
        };
        let Some(key) = key else { return Ok(()) };
        let stored = match pending {
            Some(p) => Some(p),
            None => self.store_get(&key).await.unwrap_or_default(),
        };
        match (stored, access) {
            (Some(rt), _) => self.revoke_best_effort(&rt, "refresh_token").await,
            (None, Some(at)) => self.revoke_best_effort(&at.token, "access_token").await,
            (None, None) => {}
        }
        self.store_delete(&key).await?;
        *self.session() = SessionState::default();
        Ok(())
    }

    /// RFC 7009 revocation; failures are logged, never returned.
    pub(crate) async fn revoke_best_effort(&self, token: &Sensitive<String>, hint: &str) {
        let result = async {
            let ep = endpoint(&self.fetch_metadata().await?.revocation_endpoint)?;
            let form = [
                ("token", token.expose().as_str()),
                ("token_type_hint", hint),
                ("client_id", CONSOLE_CLIENT_ID),
            ];
            let resp = self
                .inner
                .http
                .post(ep.clone())
                .form(&form)
                .send()
                .await
                .map_err(|e| ClientError::unreachable(&ep, e))?;
            if !resp.status().is_success() {
                return Err(error_from_response(resp).await);
            }
            Ok(())
        }
        .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "token revocation failed; continuing");
        }
    }

    /// `base_url` joined with a relative path (never leaves the server's origin).
    pub(crate) fn url(&self, path: &str) -> Result<Url> {
        let base = &self.inner.base_url;
        let url = base
            .join(path.trim_start_matches('/'))
            .map_err(|e| ClientError::InvalidServerUrl(format!("bad API path: {e}")))?;
        if url.origin() != base.origin() {
            return Err(ClientError::InvalidServerUrl(
                "API paths must stay on the server".into(),
            ));
        }
        Ok(url)
    }
}

fn authorize_url(authorize: &Url, redirect_uri: &str, state: &str, pkce: &Pkce) -> Url {
    let mut url = authorize.clone();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", CONSOLE_CLIENT_ID)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("state", state)
        .append_pair("code_challenge", pkce.challenge())
        .append_pair("code_challenge_method", CHALLENGE_METHOD)
        .append_pair("scope", CONSOLE_SCOPE);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_paths_stay_on_the_server() {
        let c = StewardClient::new(
            Url::parse("https://h.example/steward").expect("url"),
            Arc::new(crate::MemoryStore::new()),
            Arc::new(crate::SystemClock),
        )
        .expect("client");
        assert_eq!(
            c.url("/v1/me").expect("ok").as_str(),
            "https://h.example/steward/v1/me"
        );
        assert!(c.url("https://evil.example/v1/me").is_err());
        assert!(c
            .url("//evil.example/v1/me")
            .is_ok_and(|u| u.host_str() == Some("h.example")));
        assert!(c.credential_key().is_none());
        assert!(!format!("{c:?}").is_empty());
    }

    #[test]
    fn authorize_url_carries_the_contract_parameters() {
        let pkce = Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into());
        let base = Url::parse("http://127.0.0.1:9/oauth/authorize").expect("url");
        let url = authorize_url(&base, "http://127.0.0.1:5555/callback", "st", &pkce);
        let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["client_id"], "steward-console");
        assert_eq!(q["redirect_uri"], "http://127.0.0.1:5555/callback");
        assert_eq!(
            q["code_challenge"],
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(q["scope"], "account");
        assert!(
            !url.as_str().contains("dBjftJeZ"),
            "the verifier never goes to the browser"
        );
    }
}

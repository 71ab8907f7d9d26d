//! The token lifecycle: access token in memory only, refresh token in the keyring,
//! and exactly one refresh at a time.
//!
//! Refresh tokens rotate on every use and reusing an old one revokes the whole
//! family, so two overlapping refreshes would end the session. Every refresh runs
//! under `refresh_lock`; a caller that waited for the lock first checks whether
//! the session's `generation` moved on (someone else refreshed) and, if so, uses
//! that token instead of refreshing again.

use std::sync::atomic::Ordering;

use chrono::{DateTime, Duration, Utc};
use steward_types::oauth::TokenResponse;
use steward_types::{ErrorCode, Sensitive, CONSOLE_CLIENT_ID};
use url::Url;

use crate::client::StewardClient;
use crate::error::{error_from_response, request_id_of, ClientError, KeyringError, Result};
use crate::keyring::CredentialKey;
use crate::url_rules::endpoint;

/// Refresh this long before the server's expiry, so a token does not die in flight.
pub const ACCESS_TOKEN_SKEW_SECS: i64 = 30;

#[derive(Debug, Clone)]
pub(crate) struct AccessToken {
    pub(crate) token: Sensitive<String>,
    pub(crate) expires_at: DateTime<Utc>,
}

impl AccessToken {
    /// Expiry = now + expires_in - 30 s (less for very short lifetimes, so a
    /// short-lived token is still used at least for half its life).
    pub(crate) fn new(token: Sensitive<String>, expires_in: u64, now: DateTime<Utc>) -> Self {
        let lifetime = i64::try_from(expires_in)
            .unwrap_or(i64::MAX / 2)
            .min(365 * 24 * 3600);
        let skew = ACCESS_TOKEN_SKEW_SECS.min(lifetime / 2);
        Self {
            token,
            expires_at: now + Duration::seconds(lifetime - skew),
        }
    }

    fn valid_at(&self, now: DateTime<Utc>) -> bool {
        now < self.expires_at
    }
}

#[derive(Debug, Default)]
pub(crate) struct SessionState {
    pub(crate) key: Option<CredentialKey>,
    pub(crate) access: Option<AccessToken>,
    /// Bumped whenever the access token or the session changes.
    pub(crate) generation: u64,
    /// A rotated refresh token the keyring refused to store. The old one in the
    /// keyring is already spent, so the next refresh must use this one.
    pub(crate) pending_refresh: Option<Sensitive<String>>,
    /// The server rejected the refresh token (or sign-out began): do not ask again.
    pub(crate) ended: bool,
}

impl StewardClient {
    /// A currently valid access token and its generation, refreshing when needed.
    pub(crate) async fn access_token(&self) -> Result<(Sensitive<String>, u64)> {
        let now = self.now();
        let seen = {
            let s = self.session();
            if let Some(a) = s.access.as_ref().filter(|a| a.valid_at(now)) {
                return Ok((a.token.clone(), s.generation));
            }
            s.generation
        };
        self.refresh_after(seen).await
    }

    /// Refreshes, unless another caller already did since generation `seen`
    /// (single-flight: N concurrent callers across an expiry cause one refresh).
    pub(crate) async fn refresh_after(&self, seen: u64) -> Result<(Sensitive<String>, u64)> {
        let _guard = self.inner.refresh_lock.lock().await;
        {
            let now = self.now();
            let s = self.session();
            if s.generation != seen {
                if let Some(a) = s.access.as_ref().filter(|a| a.valid_at(now)) {
                    return Ok((a.token.clone(), s.generation));
                }
            }
        }
        self.refresh_locked().await
    }

    /// Forces a refresh now (e.g. after the user's roles changed).
    pub async fn refresh(&self) -> Result<()> {
        let seen = self.session().generation;
        self.refresh_after(seen).await.map(|_| ())
    }

    /// POST the refresh grant, store the rotated refresh token, then (only then)
    /// install the new access token. Must hold `refresh_lock`.
    async fn refresh_locked(&self) -> Result<(Sensitive<String>, u64)> {
        let (key, pending, ended) = {
            let s = self.session();
            (s.key.clone(), s.pending_refresh.clone(), s.ended)
        };
        let key = key.ok_or(ClientError::NotSignedIn)?;
        if ended {
            return Err(ClientError::SessionExpired { request_id: None });
        }
        let refresh_token = match pending {
            Some(p) => p,
            None => match self.store_get(&key).await? {
                Some(rt) => rt,
                None => {
                    self.session().key = None;
                    return Err(ClientError::NotSignedIn);
                }
            },
        };
        let token_endpoint = endpoint(&self.fetch_metadata().await?.token_endpoint)?;
        let form = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose().as_str()),
            ("client_id", CONSOLE_CLIENT_ID),
        ];
        let tokens = match self.token_request(&token_endpoint, &form).await {
            Ok(t) => t,
            Err(ClientError::Api(p))
                if p.code == ErrorCode::InvalidGrant
                    || p.error.as_deref() == Some("invalid_grant") =>
            {
                let mut s = self.session();
                s.access = None;
                s.pending_refresh = None;
                s.ended = true;
                return Err(ClientError::SessionExpired {
                    request_id: p.request_id,
                });
            }
            Err(e) => return Err(e),
        };
        self.inner.refreshes.fetch_add(1, Ordering::SeqCst);
        if let Err(e) = self.store_set(&key, &tokens.refresh_token).await {
            let mut s = self.session();
            s.access = None;
            s.pending_refresh = Some(tokens.refresh_token);
            return Err(e);
        }
        let access = AccessToken::new(tokens.access_token, tokens.expires_in, self.now());
        let mut s = self.session();
        s.pending_refresh = None;
        s.generation += 1;
        let token = access.token.clone();
        s.access = Some(access);
        Ok((token, s.generation))
    }

    /// POST a form to the token endpoint and decode the `TokenResponse`.
    pub(crate) async fn token_request(
        &self,
        endpoint: &Url,
        form: &[(&str, &str)],
    ) -> Result<TokenResponse> {
        let resp = self
            .inner
            .http
            .post(endpoint.clone())
            .header(reqwest::header::ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .map_err(|e| ClientError::unreachable(endpoint, e))?;
        if !resp.status().is_success() {
            return Err(error_from_response(resp).await);
        }
        let request_id = request_id_of(resp.headers());
        let body = resp
            .bytes()
            .await
            .map_err(|e| ClientError::unreachable(endpoint, e))?;
        // serde's message could quote a token; say only where it broke.
        let tokens: TokenResponse = serde_json::from_slice(&body).map_err(|e| {
            ClientError::invalid_response(
                format!(
                    "malformed token response ({:?} error at column {})",
                    e.classify(),
                    e.column()
                ),
                request_id.clone(),
            )
        })?;
        if !tokens.token_type.eq_ignore_ascii_case("bearer") {
            return Err(ClientError::invalid_response(
                "the token type is not Bearer",
                request_id,
            ));
        }
        Ok(tokens)
    }

    pub(crate) async fn store_get(&self, key: &CredentialKey) -> Result<Option<Sensitive<String>>> {
        let (store, key) = (self.inner.store.clone(), key.clone());
        blocking(move || store.get(&key)).await
    }

    pub(crate) async fn store_set(
        &self,
        key: &CredentialKey,
        secret: &Sensitive<String>,
    ) -> Result<()> {
        let (store, key, secret) = (self.inner.store.clone(), key.clone(), secret.clone());
        blocking(move || store.set(&key, &secret)).await
    }

    pub(crate) async fn store_delete(&self, key: &CredentialKey) -> Result<()> {
        let (store, key) = (self.inner.store.clone(), key.clone());
        blocking(move || store.delete(&key)).await
    }
}

/// Keyring calls block (D-Bus, maybe an unlock prompt): keep them off the runtime.
async fn blocking<T: Send + 'static>(
    op: impl FnOnce() -> std::result::Result<T, KeyringError> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(op)
        .await
        .map_err(|e| {
            ClientError::Keyring(KeyringError::Other(format!("keyring task failed: {e}")))
        })?
        .map_err(ClientError::Keyring)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_applies_the_skew() {
        let now = Utc::now();
        let t = AccessToken::new(Sensitive::new("a".into()), 900, now);
        assert_eq!(t.expires_at - now, Duration::seconds(870));
        assert!(t.valid_at(now + Duration::seconds(869)));
        assert!(!t.valid_at(now + Duration::seconds(870)));
        let short = AccessToken::new(Sensitive::new("a".into()), 10, now);
        assert_eq!(
            short.expires_at - now,
            Duration::seconds(5),
            "short tokens keep half their life"
        );
        let huge = AccessToken::new(Sensitive::new("a".into()), u64::MAX, now);
        assert!(huge.valid_at(now));
    }
}

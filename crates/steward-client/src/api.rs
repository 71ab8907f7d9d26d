//! Authorized API calls: bearer token, one refresh-and-retry on 401, retries
//! of safe and keyed requests (`retry.rs`), Problem decoding.

use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use steward_types::{Me, Sensitive, UserPreferences};

use crate::client::StewardClient;
use crate::error::{error_from_response, request_id_of, ClientError, Result};

impl StewardClient {
    /// `GET /v1/me`: who the session belongs to.
    pub async fn me(&self) -> Result<Me> {
        self.get_json("/v1/me").await
    }

    /// `PUT /v1/me/preferences`: the user's own settings, replaced whole.
    pub async fn set_preferences(&self, prefs: &UserPreferences) -> Result<UserPreferences> {
        self.send_json(Method::PUT, "/v1/me/preferences", Some(prefs))
            .await
    }

    /// `GET {path}` and decode the JSON body.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.send_json::<(), T>(Method::GET, path, None).await
    }

    /// Sends `body` as JSON (if any) and decodes the JSON answer; an empty answer
    /// (204) decodes as `null`, so `T = ()` works for writes without a body.
    pub async fn send_json<B, T>(&self, method: Method, path: &str, body: Option<&B>) -> Result<T>
    where
        B: Serialize + ?Sized + Sync,
        T: DeserializeOwned,
    {
        let resp = self
            .send_authorized(method, path, |rb| match body {
                Some(b) => rb.json(b),
                None => rb,
            })
            .await?;
        decode_json(resp).await
    }

    /// The core of every authorized call. `build` adds headers or a body and may run
    /// twice: on a 401 the session is refreshed once (single-flight) and the request
    /// is sent once more. Returns only successful responses; errors are decoded.
    pub async fn send_authorized<F>(&self, method: Method, path: &str, build: F) -> Result<Response>
    where
        F: Fn(RequestBuilder) -> RequestBuilder + Send + Sync,
    {
        let url = self.url(path)?;
        let (token, generation) = self.access_token().await?;
        let resp = self.send_once(&method, &url, &token, &build).await?;
        if resp.status() != StatusCode::UNAUTHORIZED {
            return success_or_error(resp).await;
        }
        drop(resp);
        tracing::debug!(path, "access token rejected; refreshing once");
        let (token, _) = self.refresh_after(generation).await?;
        let resp = self.send_once(&method, &url, &token, &build).await?;
        success_or_error(resp).await
    }

    async fn send_once<F>(
        &self,
        method: &Method,
        url: &url::Url,
        token: &Sensitive<String>,
        build: &F,
    ) -> Result<Response>
    where
        F: Fn(RequestBuilder) -> RequestBuilder,
    {
        let http = &self.inner.http;
        crate::retry::send(http, || {
            build(
                http.request(method.clone(), url.clone())
                    .bearer_auth(token.expose()),
            )
            .build()
        })
        .await
        .map_err(|e| ClientError::unreachable(url, e))
    }

    /// `/v1/me` with a token that is not installed yet (during sign-in).
    pub(crate) async fn me_with(&self, token: &Sensitive<String>) -> Result<Me> {
        let url = self.url("/v1/me")?;
        let resp = self.send_once(&Method::GET, &url, token, &|rb| rb).await?;
        decode_json(success_or_error(resp).await?).await
    }
}

async fn success_or_error(resp: Response) -> Result<Response> {
    if resp.status().is_success() {
        Ok(resp)
    } else {
        Err(error_from_response(resp).await)
    }
}

/// Decodes a JSON body; an empty body reads as `null`.
pub async fn decode_json<T: DeserializeOwned>(resp: Response) -> Result<T> {
    let request_id = request_id_of(resp.headers());
    let url = resp.url().clone();
    let body = resp
        .bytes()
        .await
        .map_err(|e| ClientError::unreachable(&url, e))?;
    let body: &[u8] = if body.is_empty() { b"null" } else { &body };
    serde_json::from_slice(body)
        .map_err(|e| ClientError::invalid_response(format!("unexpected JSON ({e})"), request_id))
}

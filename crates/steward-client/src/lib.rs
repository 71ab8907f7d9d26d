//! The Steward account API client used by the desktop console.
//!
//! - Sign-in: OAuth 2.0 authorization code + PKCE through the browser, with the
//!   RFC 8252 loopback redirect (`http://127.0.0.1:{port}/callback`).
//! - Tokens: the access token lives only in memory; the refresh token lives only in
//!   the OS keyring (never a file), and refreshes are single-flight because refresh
//!   tokens rotate.
//! - Errors: the server's RFC 9457 problems are decoded, never parsed from prose.

mod account_api;
mod admin_api;
mod api;
mod billing_api;
mod client;
mod clock;
mod comms_api;
mod error;
mod html;
mod keyring;
mod loopback;
#[cfg(any(test, feature = "test-util"))]
mod memory_store;
mod notices_api;
mod pkce;
mod privacy_api;
mod retry;
mod sharing_api;
mod signin;
mod staff_api;
mod tokens;
mod url_rules;

pub use api::decode_json;
pub use billing_api::InvoiceFilter;
pub use client::{StewardClient, CONSOLE_SCOPE, DEFAULT_SIGN_IN_TIMEOUT};
pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{ClientError, KeyringError, Result};
pub use keyring::{CredentialKey, KeyringStore, SecretStore, KEYRING_SERVICE};
pub use loopback::LoopbackListener;
#[cfg(any(test, feature = "test-util"))]
pub use memory_store::MemoryStore;
pub use pkce::{random_state, s256_challenge, Pkce};
pub use signin::{BrowserOpener, FormFillingBrowser, SystemBrowser};
pub use tokens::ACCESS_TOKEN_SKEW_SECS;
pub use url_rules::{check_server_url, parse_server_url};

/// Re-exported so callers of `send_json`/`send_authorized` need no direct reqwest dependency.
pub use reqwest::Method;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_is_clone_send_sync() {
        fn assert_traits<T: Clone + Send + Sync + 'static>() {}
        assert_traits::<StewardClient>();
        fn assert_obj_safe(_: &dyn BrowserOpener, _: &dyn SecretStore, _: &dyn Clock) {}
        let _ = assert_obj_safe;
    }

    #[test]
    fn futures_are_send() {
        fn is_send<T: Send>(_: T) {}
        let c = StewardClient::new(
            url::Url::parse("http://127.0.0.1:1").expect("url"),
            std::sync::Arc::new(MemoryStore::new()),
            std::sync::Arc::new(SystemClock),
        )
        .expect("client");
        let opener = SystemBrowser;
        is_send(c.sign_in(&opener, "k"));
        is_send(c.resume(CredentialKey::new("k", "u")));
        is_send(c.me());
        is_send(c.sign_out());
        is_send(c.send_json::<serde_json::Value, serde_json::Value>(Method::POST, "/v1/x", None));
    }
}

//! What every handler can reach. Cheap to clone; holds no per-process state
//! that a second server instance would need to agree with.

use std::ops::Deref;
use std::sync::Arc;

use url::Url;

use crate::clock::Clock;
use crate::config::Config;
use crate::store::Store;

#[derive(Debug, Clone)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
pub struct Inner {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub config: Config,
    /// The public base URL, e.g. `https://accounts.example.com`; the OAuth issuer.
    pub issuer: Url,
    /// Seals two-factor seeds at rest.
    pub seal: crate::sealed::SealKey,
}

impl AppState {
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        config: Config,
        issuer: Url,
        seal: crate::sealed::SealKey,
    ) -> Self {
        Self(Arc::new(Inner {
            store,
            clock,
            config,
            issuer,
            seal,
        }))
    }

    /// An absolute URL under the issuer.
    pub fn url(&self, path: &str) -> String {
        let base = self.issuer.as_str().trim_end_matches('/');
        format!("{base}{path}")
    }
}

impl Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

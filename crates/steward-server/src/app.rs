//! The HTTP service and the server lifecycle: the route table
//! (`route_table.rs`) inside the middleware, then bind, serve, shut down
//! gracefully. Used by `main.rs`, by the desktop's embedded demo server,
//! and by the tests, so all three run the same code.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderName, HeaderValue};
use axum::{middleware, Router};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use url::Url;

use crate::clock::Clock;
use crate::config::Config;
use crate::error::ApiError;
use crate::policy::{ApiRouter, RouteInfo};
use crate::request_id;
use crate::state::AppState;
use crate::store::Store;

pub use crate::route_table::api;

/// The complete HTTP service with its middleware.
pub fn router(state: AppState) -> (Router, Vec<RouteInfo>) {
    router_with(api(state.clone()), state)
}

/// The middleware around the given routes: `router` with [`api`]'s routes;
/// the benchmarks add a bare baseline route, so it pays the same middleware.
pub fn router_with(api: ApiRouter, state: AppState) -> (Router, Vec<RouteInfo>) {
    let (api, table) = api.into_parts();
    let request_id = HeaderName::from_static(request_id::HEADER);
    let router = api
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(middleware::from_fn(crate::card_guard::refuse_card_numbers))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::throttle::guard_links,
        ))
        .layer(middleware::from_fn(
            crate::error::plain_rejections_as_problems,
        ))
        .layer(middleware::from_fn(crate::locale::scope))
        .layer(middleware::from_fn(request_id::scope))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .layer(RequestBodyLimitLayer::new(64 * 1024))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(state);
    (router, table)
}

/// A server running on a background task.
#[derive(Debug)]
pub struct RunningServer {
    pub addr: SocketAddr,
    /// The base URL clients use (the OAuth issuer).
    pub base_url: Url,
    pub state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// Stop accepting, finish in-flight requests, and wait (at most 10 s).
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match tokio::time::timeout(Duration::from_secs(10), &mut self.task).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(e))) => tracing::warn!(error = %e, "server stopped with an error"),
            Ok(Err(e)) => tracing::warn!(error = %e, "server task failed"),
            Err(_) => {
                tracing::warn!("graceful shutdown timed out; aborting");
                self.task.abort();
            }
        }
    }

    /// Wait until the server stops by itself.
    pub async fn wait(mut self) -> std::io::Result<()> {
        (&mut self.task)
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e)))
    }

    /// Ask the server to stop without waiting for it.
    pub fn trigger_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Open the configured store and serve.
pub async fn start(config: Config, clock: Arc<dyn Clock>) -> anyhow::Result<RunningServer> {
    let url = config.database_url()?;
    let store = crate::store::connect(&url, config.max_connections).await?;
    start_with_store(config, store, clock).await
}

/// Serve on `config.listen` with a given store.
pub async fn start_with_store(
    config: Config,
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<RunningServer> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.listen))?;
    let addr = listener.local_addr()?;
    let base_url = if config.public_url.is_empty() {
        Url::parse(&format!("http://{addr}"))?
    } else {
        Url::parse(&config.public_url)
            .map_err(|e| anyhow::anyhow!("public_url {:?} is not a URL: {e}", config.public_url))?
    };
    // Off this machine, clients speak only HTTPS (they refuse plain http to
    // anything but loopback): TLS ends at the proxy in front, whose address
    // is the issuer (docs/operations.md).
    if !addr.ip().is_loopback() && base_url.scheme() != "https" {
        anyhow::bail!(
            "listening on {addr} without TLS: put a TLS proxy in front and set public_url to its \
             https:// address (docs/operations.md)"
        );
    }
    // Precompute the dummy hash so unknown-user sign-ins cost the same from the first.
    tokio::task::spawn_blocking(crate::crypto::warm_up).await?;
    let seal = crate::sealed::for_config(&config)?;
    crate::sealed::seal_legacy(store.as_ref(), &seal).await?;
    let state = AppState::new(store, clock, config, base_url.clone(), seal);
    let (router, _) = router(state.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = rx.await;
        })
        .await
    });
    tracing::info!(%addr, %base_url, store = state.store.kind(), "steward-server listening");
    Ok(RunningServer {
        addr,
        base_url,
        state,
        shutdown: Some(tx),
        task,
    })
}

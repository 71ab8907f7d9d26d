//! The Steward account API server.
//!
//! Where things live: the route table and server lifecycle in [`app`], who
//! may call what in [`policy`], errors and their HTTP mapping in [`error`],
//! sign-in in [`oauth`], resources in [`routes`], storage in [`store`].

pub mod app;
pub mod audit;
pub mod backup;
pub mod billing;
pub mod card_guard;
pub mod clock;
pub mod comms;
pub mod config;
pub mod crypto;
pub mod demo;
mod demo_billing;
mod demo_comms;
mod demo_staff;
pub mod error;
pub mod export;
pub mod extract;
pub mod generate;
pub mod hasher;
pub mod html;
pub mod locale;
pub mod oauth;
pub mod openapi;
pub mod policy;
pub mod request_id;
pub mod route_table;
pub mod routes;
pub mod sealed;
pub mod sharing;
pub mod staff;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod throttle;
pub mod totp;
pub mod users;
pub mod vault;

pub use app::{start, start_with_store, RunningServer};
pub use config::Config;

use std::path::Path;
use std::sync::Arc;

/// The desktop's embedded demo server: SQLite at `db_path`, seeded once,
/// listening on a free loopback port.
pub async fn start_demo(db_path: &Path) -> anyhow::Result<RunningServer> {
    let config = Config {
        database_url: format!("sqlite://{}", db_path.display()),
        listen: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
        max_connections: 4,
        // The demo's mailbox: the console shows the codes the server "sends".
        outbox_readable: true,
        ..Config::default()
    };
    let clock: Arc<dyn clock::Clock> = Arc::new(clock::SystemClock);
    let store = store::connect(&config.database_url, config.max_connections).await?;
    let seal = sealed::for_config(&config)?;
    demo::seed(store.as_ref(), &seal, clock.now()).await?;
    start_with_store(config, store, clock).await
}

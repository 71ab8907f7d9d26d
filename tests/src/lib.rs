//! Test harnesses for Steward.
//!
//! * [`pg::PgCluster`]: a throwaway PostgreSQL cluster per test.
//! * [`keyring_session::KeyringSession`]: a private D-Bus session bus with an
//!   unlocked gnome-keyring (Secret Service) per test process.
//! * [`server::TestServer`]: a real Steward server on loopback (SQLite or
//!   PostgreSQL store), and [`oauth`]: raw OAuth steps against it.
//!
//! The harnesses are meant for `cargo nextest`, which runs every test in its own
//! process: process-wide state (environment variables) is then per test.

pub mod api;
pub mod bench;
pub mod keyring_session;
pub mod logs;
pub mod oauth;
pub mod pg;
mod proc;
pub mod process;
pub mod server;

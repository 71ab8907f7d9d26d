//! The one vocabulary of Steward: every type that crosses the wire between the
//! account server and its clients, or the IPC boundary between the desktop
//! shell and the UI, is defined here once.
//!
//! TypeScript bindings for `ui/` are generated from these types by ts-rs
//! (`make types`); CI regenerates them and fails when they drift.

pub mod billing;
pub mod capability;
pub mod comms;
pub mod deletion;
pub mod desktop;
pub mod export;
pub mod me;
pub mod notices;
pub mod oauth;
pub mod partners;
pub mod problem;
pub mod profile;
pub mod security;
pub mod sensitive;
pub mod sharing;
pub mod staff;
pub mod staff_members;
pub mod team;
pub mod validate;
pub mod verification;

pub use capability::Capability;
pub use me::{AccountAccess, AccountKind, Language, Me, MemberRole, UserPreferences, UserRole};
pub use problem::{ErrorCode, Problem};
pub use sensitive::Sensitive;

/// The OAuth client id of the desktop console (a public, native client).
pub const CONSOLE_CLIENT_ID: &str = "steward-console";
/// The redirect path the console listens on (RFC 8252 loopback redirect).
pub const CONSOLE_REDIRECT_PATH: &str = "/callback";

//! The IPC contract between the desktop shell (`src-tauri`) and the UI.
//!
//! Nothing here carries a token: credentials stay in the Rust process and the
//! OS keyring. The UI sees identities, connections and errors only.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Me;

/// A saved connection: non-secret settings kept in the platform config dir.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Connection {
    /// Stable id of this connection (also names its keyring entry).
    pub id: String,
    /// The account server's base URL. For the demo it changes per start.
    pub server_url: String,
    /// True for the embedded demo server.
    pub demo: bool,
    pub user_email: String,
    pub display_name: String,
    pub last_used: DateTime<Utc>,
}

/// The signed-in state the shell shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionView {
    pub connection: Connection,
    pub me: Me,
}

/// Who to sign in as in the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DemoPersona {
    Customer,
    Agent,
}

/// What the console shows at start: a resumed session, or the start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum StartupState {
    SignedIn {
        session: SessionView,
    },
    SignedOut {
        connections: Vec<Connection>,
        /// Why the last session did not resume, when it did not.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        notice: Option<CommandError>,
    },
}

/// The codes the UI branches on. Everything else is `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CommandErrorCode {
    /// The OS keyring is locked: unlock it, then retry.
    KeyringLocked,
    /// No Secret Service: install or start one (gnome-keyring, KWallet).
    KeyringUnavailable,
    /// The session expired or was revoked: sign in again.
    SessionExpired,
    /// The server could not be reached.
    ServerUnreachable,
    /// The user closed or abandoned the sign-in in the browser.
    SignInCancelled,
    /// Something the user typed is wrong (e.g. the server URL).
    InvalidInput,
    Other,
}

/// An error as the UI receives it: a code to branch on, a message to show,
/// and what to do next. Never contains a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommandError {
    pub code: CommandErrorCode,
    pub message: String,
    /// What the user can do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub advice: Option<String>,
    /// The server's request id, for support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub request_id: Option<String>,
}

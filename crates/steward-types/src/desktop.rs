//! The IPC contract between the desktop shell (`src-tauri`) and the UI.
//!
//! Nothing here carries a token: credentials stay in the Rust process and the
//! OS keyring. The UI sees identities, connections and errors only.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::problem::FieldError;
use crate::profile::ProfileView;
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
    Admin,
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
    /// The user cancelled a long operation (a download, an export); nothing
    /// was left half-done.
    OperationCancelled,
    /// Something the user typed is wrong (e.g. the server URL); `fields`
    /// says which field broke which rule.
    InvalidInput,
    /// A sensitive change needs a recent sign-in: call `reauthenticate`, then retry.
    StepUpRequired,
    /// The signed-in role may not do this.
    Forbidden,
    /// The object is gone (or was never visible to this user).
    NotFound,
    /// The change conflicts with the current state (e.g. the last owner).
    Conflict,
    /// Staff tools need two-factor sign-in on the staff account.
    StaffTwoFactorRequired,
    /// The customer requires their approval before staff reveal or act.
    ApprovalRequired,
    /// Verify the caller (or name the customer's ticket) before acting.
    CallerNotVerified,
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
    /// Per-field rule violations, shown next to each field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<FieldError>>", optional)]
    pub fields: Vec<FieldError>,
    /// With `server_unreachable` on a read: the last answer the server gave
    /// to the same read, from the encrypted offline cache, for showing
    /// read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cached: Option<Box<CachedAnswer>>,
}

/// A read's last answer, kept for when the server cannot be reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CachedAnswer {
    /// When the server gave it.
    pub saved_at: DateTime<Utc>,
    /// The answer, in the command's own result type.
    pub value: serde_json::Value,
}

/// A profile as loaded, with the version the next save must match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProfileState {
    pub view: ProfileView,
    /// The strong ETag to send back as `If-Match` (not a secret).
    pub etag: String,
}

/// What saving a profile did. A conflict is not an error: the UI shows the
/// other change next to the user's and lets them choose per field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
pub enum SaveOutcome {
    Saved {
        state: ProfileState,
    },
    /// Someone else saved first; `current` is what they saved.
    Conflict {
        current: ProfileState,
    },
}

/// What saving communication preferences did. A conflict is not an error:
/// `current` is the matrix as it now stands, for the user to look at again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
pub enum CommsSaveOutcome {
    Saved {
        prefs: crate::comms::CommunicationPreferences,
    },
    Conflict {
        current: crate::comms::CommunicationPreferences,
    },
}

/// What saving the sharing choice did; a conflict carries the current one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
pub enum SharingSaveOutcome {
    Saved {
        sharing: crate::sharing::SharingView,
    },
    Conflict {
        current: crate::sharing::SharingView,
    },
}

/// The about box (issue 9): what this console is and where it writes its logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AboutInfo {
    pub name: String,
    pub version: String,
    pub tauri_version: String,
    /// The system web view's version; absent when it cannot be read.
    #[ts(optional)]
    pub webview_version: Option<String>,
    /// Operating system and CPU architecture, e.g. `Debian GNU/Linux 12 (x86_64)`.
    pub os: String,
    /// The folder holding the rotating log files.
    pub log_dir: String,
}

/// "Copy diagnostics" (issue 9): versions, the connection, recent errors.
/// Built for a support request, so it holds no personal data: no e-mail
/// address, name or id, and no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DiagnosticsReport {
    /// Plain text, ready for the clipboard.
    pub text: String,
}

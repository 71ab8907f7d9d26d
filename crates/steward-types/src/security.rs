//! The signed-in user's own security (PR-13): two-factor sign-in, password,
//! sign-in e-mail, sessions and devices, recent activity.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

/// `GET /v1/me/security`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SecurityOverview {
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pending_email: Option<PendingEmailChange>,
    pub two_factor: TwoFactorStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub password_changed_at: Option<DateTime<Utc>>,
    /// When this session signed in; sensitive changes need it to be recent.
    pub signed_in_at: DateTime<Utc>,
    /// Until when sensitive changes are allowed without signing in again.
    pub step_up_until: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct TwoFactorStatus {
    pub enabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub enabled_at: Option<DateTime<Utc>>,
    pub recovery_codes_left: u32,
}

/// `POST /v1/me/two-factor`: a new, unconfirmed TOTP secret. It is shown to
/// the user once, to scan or type; confirming it with a code turns it on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct TotpEnrolment {
    /// Base32 (RFC 4648, no padding), grouped for reading.
    pub secret: String,
    /// `otpauth://totp/...` for authenticator apps.
    pub otpauth_uri: String,
    /// The same URI as an SVG QR code (rendered by the desktop, not the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub qr_svg: Option<String>,
}

/// `POST /v1/me/two-factor/confirm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct TotpConfirm {
    pub code: String,
}

/// Single-use recovery codes, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

/// `POST /v1/me/password`. Needs a recent sign-in and the current password
/// (ASVS 2.1.6); signs out other sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// `POST /v1/me/email`: start changing the sign-in e-mail. Needs a recent
/// sign-in and the current password, so a stolen session cannot move it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct EmailChange {
    pub new_email: String,
    pub current_password: String,
}

/// `POST /v1/me/two-factor/disable`: a current code (or a recovery code)
/// proves the authenticator is at hand, not just a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct TotpDisable {
    pub code: String,
}

/// `POST /v1/me/email/confirm`: the code sent to the new address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct EmailConfirm {
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct PendingEmailChange {
    pub new_email: String,
    pub expires_at: DateTime<Utc>,
}

/// One sign-in session (a device or app) of the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct DeviceSession {
    pub id: Uuid,
    /// The OAuth client, e.g. `steward-console`.
    pub client: String,
    /// The browser or app that signed in, as it described itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub user_agent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ip_address: Option<String>,
    pub started_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    /// The session this request came from.
    pub current: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActivityKind {
    SignIn,
    SignInFailed,
    PasswordChanged,
    EmailChanged,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodeUsed,
    SessionRevoked,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 8] = [
        Self::SignIn,
        Self::SignInFailed,
        Self::PasswordChanged,
        Self::EmailChanged,
        Self::TwoFactorEnabled,
        Self::TwoFactorDisabled,
        Self::RecoveryCodeUsed,
        Self::SessionRevoked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::SignInFailed => "sign_in_failed",
            Self::PasswordChanged => "password_changed",
            Self::EmailChanged => "email_changed",
            Self::TwoFactorEnabled => "two_factor_enabled",
            Self::TwoFactorDisabled => "two_factor_disabled",
            Self::RecoveryCodeUsed => "recovery_code_used",
            Self::SessionRevoked => "session_revoked",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One entry of recent activity (PR-13: addresses and browser types are tracked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ActivityEvent {
    pub id: Uuid,
    pub kind: ActivityKind,
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ip_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub user_agent: Option<String>,
    /// A short, safe explanation ("wrong password", "from the console").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<String>,
}

/// A message the server sent (e-mail verification codes, invitations).
/// Readable through the API only when the server runs with a readable outbox
/// (the demo and the tests).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct OutboxMessage {
    pub id: Uuid,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

//! Communication preferences and consent receipts (PR-4, PR-5). Purposes are
//! the policy's own list; channels are how we reach you. Every change, from
//! any source, leaves an immutable receipt the customer can read.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

/// Why we write to you, as the privacy policy lists it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS, ToSchema,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Purpose {
    /// Information about the services (policy use 1).
    ServiceInformation,
    /// Newsletters, e-mails, future product ideas (use 2). Promotional.
    Newsletters,
    /// End-user support and account maintenance (use 3).
    SupportMaintenance,
    /// Product testing and evaluation (use 7). Promotional.
    ProductTesting,
    /// Aggregate usage and trends on account management (use 6).
    UsageTrends,
    /// Account usage, billing and system status (PR-5).
    StatusInformation,
}

impl Purpose {
    pub const ALL: [Purpose; 6] = [
        Purpose::ServiceInformation,
        Purpose::Newsletters,
        Purpose::SupportMaintenance,
        Purpose::ProductTesting,
        Purpose::UsageTrends,
        Purpose::StatusInformation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ServiceInformation => "service_information",
            Self::Newsletters => "newsletters",
            Self::SupportMaintenance => "support_maintenance",
            Self::ProductTesting => "product_testing",
            Self::UsageTrends => "usage_trends",
            Self::StatusInformation => "status_information",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Promotional purposes are off until chosen, and opting in by e-mail
    /// is confirmed by the recipient (double opt-in).
    pub fn promotional(self) -> bool {
        matches!(self, Self::Newsletters | Self::ProductTesting)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::ServiceInformation => "About our services",
            Self::Newsletters => "Newsletters and product ideas",
            Self::SupportMaintenance => "Support and account maintenance",
            Self::ProductTesting => "Product testing and evaluation",
            Self::UsageTrends => "Usage and trends",
            Self::StatusInformation => "Status: account usage, billing, system status",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::ServiceInformation => "What is new or changing in the services you use.",
            Self::Newsletters => {
                "Our newsletter, occasional e-mails and ideas for future products."
            }
            Self::SupportMaintenance => {
                "Answers to your support requests and notices about keeping your account running."
            }
            Self::ProductTesting => {
                "Invitations to try new features early and tell us what you think."
            }
            Self::UsageTrends => "Aggregate usage and trends that help you manage your account.",
            Self::StatusInformation => {
                "Your account's usage, invoices and billing, and the status of our systems."
            }
        }
    }
}

/// How we reach you.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS, ToSchema,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Channel {
    Email,
    Postal,
    Telephone,
    InApp,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Email,
        Channel::Postal,
        Channel::Telephone,
        Channel::InApp,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Postal => "postal",
            Self::Telephone => "telephone",
            Self::InApp => "in_app",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// One cell of the purpose x channel matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PrefState {
    On,
    Off,
    /// Asked for by e-mail; on once the recipient confirms the link we sent.
    Pending,
}

impl PrefState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::On => "on",
            Self::Off => "off",
            Self::Pending => "pending",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::On, Self::Off, Self::Pending]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ChannelPref {
    pub channel: Channel,
    pub state: PrefState,
    /// Cannot be turned off; `locked_reason` says why.
    pub locked: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub locked_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct PurposePrefs {
    pub purpose: Purpose,
    pub label: String,
    pub description: String,
    pub promotional: bool,
    pub channels: Vec<ChannelPref>,
}

/// The whole matrix. `version` is also the `ETag`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CommunicationPreferences {
    pub version: i64,
    pub purposes: Vec<PurposePrefs>,
    /// The privacy policy version in force, quoted on every receipt.
    pub policy_version: String,
}

/// One requested change: turn a cell on or off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PrefChange {
    pub purpose: Purpose,
    pub channel: Channel,
    pub on: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PrefChanges {
    pub changes: Vec<PrefChange>,
}

/// Where a consent change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReceiptSource {
    /// The customer, in the console.
    Console,
    /// "Unsubscribe from all promotional communications".
    UnsubscribeAll,
    /// A one-click unsubscribe link in an e-mail (no sign-in).
    UnsubscribeLink,
    /// The recipient confirmed an opt-in link (double opt-in).
    OptInConfirmation,
    /// Staff on the customer's behalf, with a reason.
    Staff,
}

impl ReceiptSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Console => "console",
            Self::UnsubscribeAll => "unsubscribe_all",
            Self::UnsubscribeLink => "unsubscribe_link",
            Self::OptInConfirmation => "opt_in_confirmation",
            Self::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Console,
            Self::UnsubscribeAll,
            Self::UnsubscribeLink,
            Self::OptInConfirmation,
            Self::Staff,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

/// An immutable record of one consent change (PR-4, PR-5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ConsentReceipt {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    /// Who: the customer, staff, or the link's recipient.
    pub actor: crate::profile::Actor,
    /// Staff give a reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    /// `newsletters/email`, for instance.
    pub subject: String,
    pub old_state: String,
    pub new_state: String,
    pub source: ReceiptSource,
    pub policy_version: String,
}

/// A page of receipts, newest first. `next_cursor` fetches older ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ConsentReceiptPage {
    pub items: Vec<ConsentReceipt>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub next_cursor: Option<String>,
}

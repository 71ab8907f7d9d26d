//! What each member role may do on an account (PR-12). One table, used by the
//! server's route policies and by the console to hide controls a role lacks.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

use crate::MemberRole;

/// A capability on one account. Routes under `/v1/accounts/{account_id}`
/// each require one; the role table below grants them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Capability {
    /// Profile, verification requests, corrections, change history.
    ProfileRead,
    ProfileWrite,
    /// Members and invitations.
    TeamRead,
    TeamWrite,
    BillingRead,
    BillingWrite,
    /// Download everything the account holds, and request its deletion
    /// (PR-15, PR-19): owners only.
    AccountData,
}

impl Capability {
    pub const ALL: [Capability; 7] = [
        Self::ProfileRead,
        Self::ProfileWrite,
        Self::TeamRead,
        Self::TeamWrite,
        Self::BillingRead,
        Self::BillingWrite,
        Self::AccountData,
    ];
}

impl MemberRole {
    /// The role table. Owners do everything; viewers see everything and
    /// change nothing; billing managers run billing and see the profile, but
    /// do not reach the team.
    pub fn can(self, cap: Capability) -> bool {
        use Capability::*;
        match self {
            MemberRole::Owner => true,
            MemberRole::Viewer => matches!(cap, ProfileRead | TeamRead | BillingRead),
            MemberRole::BillingManager => matches!(cap, ProfileRead | BillingRead | BillingWrite),
        }
    }

    pub fn capabilities(self) -> Vec<Capability> {
        Capability::ALL
            .into_iter()
            .filter(|c| self.can(*c))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_table_pr12() {
        use Capability::*;
        assert_eq!(
            MemberRole::Owner.capabilities().len(),
            Capability::ALL.len()
        );
        assert!(MemberRole::Viewer.can(TeamRead) && !MemberRole::Viewer.can(TeamWrite));
        assert!(!MemberRole::Viewer.can(ProfileWrite) && !MemberRole::Viewer.can(BillingWrite));
        assert!(MemberRole::BillingManager.can(BillingWrite));
        assert!(!MemberRole::BillingManager.can(TeamRead));
        assert!(!MemberRole::BillingManager.can(ProfileWrite));
        // PR-15, PR-19: only owners take the account's data or ask to delete it.
        assert!(
            !MemberRole::BillingManager.can(AccountData) && !MemberRole::Viewer.can(AccountData)
        );
    }
}

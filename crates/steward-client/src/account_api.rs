//! Typed calls for the account holder's resources (issue 3): profile with
//! optimistic concurrency, verification and corrections, security, team.

use reqwest::{header, Method, StatusCode};
use steward_types::desktop::{ProfileState, SaveOutcome};
use steward_types::profile::{Profile, ProfileChange, ProfileView};
use steward_types::security::{
    ActivityEvent, DeviceSession, EmailChange, EmailConfirm, OutboxMessage, PasswordChange,
    RecoveryCodes, SecurityOverview, TotpConfirm, TotpDisable, TotpEnrolment,
};
use steward_types::team::{InvitationAccept, MemberUpdate, NewInvitation, Team};
use steward_types::verification::{
    CorrectionRequest, NewCorrection, VerificationItem, VerificationOverview,
};
use steward_types::{ErrorCode, Me, MemberRole};
use uuid::Uuid;

use crate::api::decode_json;
use crate::client::StewardClient;
use crate::error::{ClientError, Result};

fn account(id: Uuid, rest: &str) -> String {
    format!("/v1/accounts/{id}{rest}")
}

impl StewardClient {
    /// The profile and the ETag a save must send back.
    pub async fn profile(&self, account_id: Uuid) -> Result<ProfileState> {
        self.profile_at(&account(account_id, "/profile")).await
    }

    /// The profile at `path`: the customer's own, or staff's view of it.
    pub(crate) async fn profile_at(&self, path: &str) -> Result<ProfileState> {
        let resp = self.send_authorized(Method::GET, path, |rb| rb).await?;
        let etag = resp
            .headers()
            .get(header::ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .ok_or_else(|| {
                ClientError::invalid_response("the profile came without an ETag", None)
            })?;
        let view: ProfileView = decode_json(resp).await?;
        Ok(ProfileState { view, etag })
    }

    /// Save with `If-Match`. Someone else's newer save is not an error: the
    /// outcome carries their version so the user can merge.
    pub async fn save_profile(
        &self,
        account_id: Uuid,
        profile: &Profile,
        etag: &str,
    ) -> Result<SaveOutcome> {
        self.save_profile_at(&account(account_id, "/profile"), profile, etag)
            .await
    }

    pub(crate) async fn save_profile_at(
        &self,
        path: &str,
        profile: &Profile,
        etag: &str,
    ) -> Result<SaveOutcome> {
        let result = self
            .send_authorized(Method::PUT, path, |rb| {
                rb.header(header::IF_MATCH, etag).json(profile)
            })
            .await;
        match result {
            Ok(resp) => {
                let etag = resp
                    .headers()
                    .get(header::ETAG)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
                    .ok_or_else(|| {
                        ClientError::invalid_response(
                            "the saved profile came without an ETag",
                            None,
                        )
                    })?;
                let view: ProfileView = decode_json(resp).await?;
                Ok(SaveOutcome::Saved {
                    state: ProfileState { view, etag },
                })
            }
            Err(ClientError::Api(p)) if p.code == ErrorCode::PreconditionFailed => {
                Ok(SaveOutcome::Conflict {
                    current: self.profile_at(path).await?,
                })
            }
            Err(e) => Err(e),
        }
    }

    pub async fn profile_history(&self, account_id: Uuid) -> Result<Vec<ProfileChange>> {
        self.get_json(&account(account_id, "/profile/history"))
            .await
    }

    pub async fn verifications(&self, account_id: Uuid) -> Result<VerificationOverview> {
        self.get_json(&account(account_id, "/verifications")).await
    }

    pub async fn confirm_verification(
        &self,
        account_id: Uuid,
        request_id: Uuid,
        item: VerificationItem,
    ) -> Result<VerificationOverview> {
        let path = account(
            account_id,
            &format!(
                "/verifications/{request_id}/items/{}/confirm",
                item.as_str()
            ),
        );
        self.send_json::<(), _>(Method::POST, &path, None).await
    }

    pub async fn corrections(&self, account_id: Uuid) -> Result<Vec<CorrectionRequest>> {
        self.get_json(&account(account_id, "/corrections")).await
    }

    pub async fn request_correction(
        &self,
        account_id: Uuid,
        c: &NewCorrection,
    ) -> Result<CorrectionRequest> {
        self.send_json(Method::POST, &account(account_id, "/corrections"), Some(c))
            .await
    }

    pub async fn security(&self) -> Result<SecurityOverview> {
        self.get_json("/v1/me/security").await
    }

    pub async fn start_two_factor(&self) -> Result<TotpEnrolment> {
        self.send_json::<(), _>(Method::POST, "/v1/me/two-factor", None)
            .await
    }

    pub async fn confirm_two_factor(&self, code: &str) -> Result<RecoveryCodes> {
        let body = TotpConfirm {
            code: code.to_string(),
        };
        self.send_json(Method::POST, "/v1/me/two-factor/confirm", Some(&body))
            .await
    }

    /// Turn two-factor off; `code` is a current or a recovery code.
    pub async fn disable_two_factor(&self, code: &str) -> Result<SecurityOverview> {
        let body = TotpDisable {
            code: code.to_string(),
        };
        self.send_json(Method::POST, "/v1/me/two-factor/disable", Some(&body))
            .await
    }

    pub async fn regenerate_recovery_codes(&self) -> Result<RecoveryCodes> {
        self.send_json::<(), _>(Method::POST, "/v1/me/two-factor/recovery-codes", None)
            .await
    }

    /// Change the password; the server signs out every other session.
    pub async fn change_password(&self, current_password: &str, new_password: &str) -> Result<()> {
        let body = PasswordChange {
            current_password: current_password.to_string(),
            new_password: new_password.to_string(),
        };
        self.send_json(Method::POST, "/v1/me/password", Some(&body))
            .await
    }

    pub async fn change_email(
        &self,
        new_email: &str,
        current_password: &str,
    ) -> Result<SecurityOverview> {
        let body = EmailChange {
            new_email: new_email.to_string(),
            current_password: current_password.to_string(),
        };
        self.send_json(Method::POST, "/v1/me/email", Some(&body))
            .await
    }

    pub async fn confirm_email(&self, code: &str) -> Result<SecurityOverview> {
        let body = EmailConfirm {
            code: code.to_string(),
        };
        self.send_json(Method::POST, "/v1/me/email/confirm", Some(&body))
            .await
    }

    pub async fn cancel_email_change(&self) -> Result<SecurityOverview> {
        self.send_json::<(), _>(Method::DELETE, "/v1/me/email/pending", None)
            .await
    }

    pub async fn sessions(&self) -> Result<Vec<DeviceSession>> {
        self.get_json("/v1/me/sessions").await
    }

    pub async fn revoke_session(&self, session_id: Uuid) -> Result<Vec<DeviceSession>> {
        self.send_json::<(), _>(
            Method::DELETE,
            &format!("/v1/me/sessions/{session_id}"),
            None,
        )
        .await
    }

    pub async fn revoke_other_sessions(&self) -> Result<Vec<DeviceSession>> {
        self.send_json::<(), _>(Method::POST, "/v1/me/sessions/revoke-others", None)
            .await
    }

    pub async fn activity(&self) -> Result<Vec<ActivityEvent>> {
        self.get_json("/v1/me/activity").await
    }

    pub async fn team(&self, account_id: Uuid) -> Result<Team> {
        self.get_json(&account(account_id, "/team")).await
    }

    pub async fn invite_member(
        &self,
        account_id: Uuid,
        invitation: &NewInvitation,
    ) -> Result<Team> {
        self.send_json(
            Method::POST,
            &account(account_id, "/invitations"),
            Some(invitation),
        )
        .await
    }

    pub async fn resend_invitation(&self, account_id: Uuid, invitation_id: Uuid) -> Result<Team> {
        let path = account(account_id, &format!("/invitations/{invitation_id}/resend"));
        self.send_json::<(), _>(Method::POST, &path, None).await
    }

    pub async fn cancel_invitation(&self, account_id: Uuid, invitation_id: Uuid) -> Result<Team> {
        let path = account(account_id, &format!("/invitations/{invitation_id}"));
        self.send_json::<(), _>(Method::DELETE, &path, None).await
    }

    pub async fn change_member_role(
        &self,
        account_id: Uuid,
        user_id: Uuid,
        role: MemberRole,
    ) -> Result<Team> {
        let path = account(account_id, &format!("/members/{user_id}"));
        self.send_json(Method::PATCH, &path, Some(&MemberUpdate { role }))
            .await
    }

    pub async fn remove_member(&self, account_id: Uuid, user_id: Uuid) -> Result<Team> {
        let path = account(account_id, &format!("/members/{user_id}"));
        self.send_json::<(), _>(Method::DELETE, &path, None).await
    }

    pub async fn accept_invitation(&self, code: &str) -> Result<Me> {
        let body = InvitationAccept {
            code: code.trim().to_string(),
        };
        self.send_json(Method::POST, "/v1/invitations/accept", Some(&body))
            .await
    }

    /// The demo's mailbox (404 on servers that relay mail instead).
    pub async fn outbox(&self) -> Result<Vec<OutboxMessage>> {
        match self.get_json("/v1/me/outbox").await {
            Err(ClientError::Api(p)) if p.status == StatusCode::NOT_FOUND.as_u16() => {
                Ok(Vec::new())
            }
            other => other,
        }
    }
}

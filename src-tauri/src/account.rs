//! The account holder's sections (issue 3) on the active session: profile,
//! verification and corrections, security, team. Each method is one client
//! call; validation runs the same Rust code the server enforces.

use steward_client::{FormFillingBrowser, SystemBrowser};
use steward_types::desktop::{ProfileState, SaveOutcome, SessionView};
use steward_types::problem::FieldError;
use steward_types::profile::{Profile, ProfileChange};
use steward_types::security::{
    ActivityEvent, DeviceSession, OutboxMessage, RecoveryCodes, SecurityOverview, TotpEnrolment,
};
use steward_types::team::{NewInvitation, Team};
use steward_types::verification::{
    CorrectionRequest, NewCorrection, VerificationItem, VerificationOverview,
};
use steward_types::{validate, AccountKind, MemberRole, UserPreferences};
use uuid::Uuid;

use crate::console::{client_error, CommandResult, Console};

impl Console {
    /// The user's own settings (the console's language).
    pub async fn set_preferences(&self, prefs: UserPreferences) -> CommandResult<UserPreferences> {
        self.call(|c| async move { c.set_preferences(&prefs).await })
            .await
    }

    pub async fn load_profile(&self, account_id: Uuid) -> CommandResult<ProfileState> {
        self.read(format!("load_profile/{account_id}"), |c| async move {
            c.profile(account_id).await
        })
        .await
    }

    /// The shared validation, for the form as the user types.
    pub fn validate_profile(kind: AccountKind, profile: &Profile) -> Vec<FieldError> {
        validate::profile(profile, kind).err().unwrap_or_default()
    }

    pub async fn save_profile(
        &self,
        account_id: Uuid,
        profile: Profile,
        etag: String,
    ) -> CommandResult<SaveOutcome> {
        self.call(|c| async move { c.save_profile(account_id, &profile, &etag).await })
            .await
    }

    pub async fn profile_history(&self, account_id: Uuid) -> CommandResult<Vec<ProfileChange>> {
        self.call(|c| async move { c.profile_history(account_id).await })
            .await
    }

    pub async fn load_verifications(
        &self,
        account_id: Uuid,
    ) -> CommandResult<VerificationOverview> {
        self.read(format!("load_verifications/{account_id}"), |c| async move {
            c.verifications(account_id).await
        })
        .await
    }

    pub async fn confirm_verification(
        &self,
        account_id: Uuid,
        request_id: Uuid,
        item: VerificationItem,
    ) -> CommandResult<VerificationOverview> {
        self.call(|c| async move { c.confirm_verification(account_id, request_id, item).await })
            .await
    }

    pub async fn list_corrections(
        &self,
        account_id: Uuid,
    ) -> CommandResult<Vec<CorrectionRequest>> {
        self.read(format!("list_corrections/{account_id}"), |c| async move {
            c.corrections(account_id).await
        })
        .await
    }

    pub async fn request_correction(
        &self,
        account_id: Uuid,
        correction: NewCorrection,
    ) -> CommandResult<CorrectionRequest> {
        self.call(|c| async move { c.request_correction(account_id, &correction).await })
            .await
    }

    pub async fn load_security(&self) -> CommandResult<SecurityOverview> {
        self.read(
            "load_security".into(),
            |c| async move { c.security().await },
        )
        .await
    }

    /// Step-up: sign in again. The demo fills the form itself unless the user
    /// has turned on two-factor; then, as for real servers, the browser opens.
    pub async fn reauthenticate(&self) -> CommandResult<SessionView> {
        let (client, saved) = self.active().await?;
        let result = if saved.connection.demo {
            let browser = FormFillingBrowser::new(
                &saved.connection.user_email,
                steward_server::demo::DEMO_PASSWORD,
            );
            match client.reauthenticate(&browser, &saved.key_server).await {
                Ok(me) => Ok(me),
                Err(_) => {
                    client
                        .reauthenticate(&SystemBrowser, &saved.key_server)
                        .await
                }
            }
        } else {
            client
                .reauthenticate(&SystemBrowser, &saved.key_server)
                .await
        };
        let me = result.map_err(|e| client_error(&e))?;
        Ok(SessionView {
            connection: saved.connection,
            me,
        })
    }

    pub async fn start_two_factor(&self) -> CommandResult<TotpEnrolment> {
        let mut enrolment = self
            .call(|c| async move { c.start_two_factor().await })
            .await?;
        enrolment.qr_svg = qr_svg(&enrolment.otpauth_uri);
        Ok(enrolment)
    }

    pub async fn confirm_two_factor(&self, code: String) -> CommandResult<RecoveryCodes> {
        self.call(|c| async move { c.confirm_two_factor(&code).await })
            .await
    }

    pub async fn disable_two_factor(&self, code: String) -> CommandResult<SecurityOverview> {
        self.call(|c| async move { c.disable_two_factor(&code).await })
            .await
    }

    pub async fn regenerate_recovery_codes(&self) -> CommandResult<RecoveryCodes> {
        self.call(|c| async move { c.regenerate_recovery_codes().await })
            .await
    }

    /// The server's password rules, run here as the user types.
    pub async fn validate_password(&self, new_password: &str) -> CommandResult<Vec<FieldError>> {
        let (_, saved) = self.active().await?;
        Ok(validate::new_password(
            new_password,
            &saved.connection.user_email,
            &saved.connection.display_name,
        ))
    }

    pub async fn change_password(
        &self,
        current_password: String,
        new_password: String,
    ) -> CommandResult<()> {
        self.call(|c| async move { c.change_password(&current_password, &new_password).await })
            .await
    }

    pub async fn change_email(
        &self,
        new_email: String,
        current_password: String,
    ) -> CommandResult<SecurityOverview> {
        self.call(|c| async move { c.change_email(&new_email, &current_password).await })
            .await
    }

    pub async fn confirm_email(&self, code: String) -> CommandResult<SecurityOverview> {
        self.call(|c| async move { c.confirm_email(&code).await })
            .await
    }

    pub async fn cancel_email_change(&self) -> CommandResult<SecurityOverview> {
        self.call(|c| async move { c.cancel_email_change().await })
            .await
    }

    pub async fn list_sessions(&self) -> CommandResult<Vec<DeviceSession>> {
        self.read(
            "list_sessions".into(),
            |c| async move { c.sessions().await },
        )
        .await
    }

    pub async fn revoke_session(&self, session_id: Uuid) -> CommandResult<Vec<DeviceSession>> {
        self.call(|c| async move { c.revoke_session(session_id).await })
            .await
    }

    pub async fn revoke_other_sessions(&self) -> CommandResult<Vec<DeviceSession>> {
        self.call(|c| async move { c.revoke_other_sessions().await })
            .await
    }

    pub async fn list_activity(&self) -> CommandResult<Vec<ActivityEvent>> {
        self.read(
            "list_activity".into(),
            |c| async move { c.activity().await },
        )
        .await
    }

    pub async fn load_team(&self, account_id: Uuid) -> CommandResult<Team> {
        self.read(format!("load_team/{account_id}"), |c| async move {
            c.team(account_id).await
        })
        .await
    }

    pub async fn invite_member(
        &self,
        account_id: Uuid,
        invitation: NewInvitation,
    ) -> CommandResult<Team> {
        self.call(|c| async move { c.invite_member(account_id, &invitation).await })
            .await
    }

    pub async fn resend_invitation(
        &self,
        account_id: Uuid,
        invitation_id: Uuid,
    ) -> CommandResult<Team> {
        self.call(|c| async move { c.resend_invitation(account_id, invitation_id).await })
            .await
    }

    pub async fn cancel_invitation(
        &self,
        account_id: Uuid,
        invitation_id: Uuid,
    ) -> CommandResult<Team> {
        self.call(|c| async move { c.cancel_invitation(account_id, invitation_id).await })
            .await
    }

    pub async fn change_member_role(
        &self,
        account_id: Uuid,
        user_id: Uuid,
        role: MemberRole,
    ) -> CommandResult<Team> {
        self.call(|c| async move { c.change_member_role(account_id, user_id, role).await })
            .await
    }

    pub async fn remove_member(&self, account_id: Uuid, user_id: Uuid) -> CommandResult<Team> {
        self.call(|c| async move { c.remove_member(account_id, user_id).await })
            .await
    }

    /// Join an account; the session view is refreshed with the new account.
    pub async fn accept_invitation(&self, code: String) -> CommandResult<SessionView> {
        let me = self
            .call(|c| async move { c.accept_invitation(&code).await })
            .await?;
        let (_, saved) = self.active().await?;
        Ok(SessionView {
            connection: saved.connection,
            me,
        })
    }

    pub async fn read_outbox(&self) -> CommandResult<Vec<OutboxMessage>> {
        self.call(|c| async move { c.outbox().await }).await
    }
}

/// The enrolment URI as an SVG QR code, drawn here so no QR library (and no
/// network) is needed in the web view.
fn qr_svg(uri: &str) -> Option<String> {
    let code =
        qrcode::QrCode::with_error_correction_level(uri.as_bytes(), qrcode::EcLevel::M).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_code_is_an_svg_document() {
        let svg =
            qr_svg("otpauth://totp/Steward:a%40b.example?secret=JBSWY3DPEHPK3PXP&issuer=Steward")
                .expect("renders");
        assert!(svg.contains("<svg") && svg.contains("</svg>"));
    }

    #[test]
    fn validation_runs_locally_and_names_fields() {
        let errors = Console::validate_profile(AccountKind::Personal, &Profile::default());
        assert!(
            errors
                .iter()
                .any(|e| e.field == "legal_name" && e.rule == "required"),
            "{errors:?}"
        );
    }
}

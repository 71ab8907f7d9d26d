//! Tauri commands: a few lines each, forwarding to `Console`. Argument and
//! result types come from `steward-types::desktop` (TypeScript is generated).
//! Billing's are in `billing_commands.rs`, support's and staff's in
//! `staff_commands.rs`.

use steward_types::comms::{CommunicationPreferences, ConsentReceiptPage, PrefChange};
use steward_types::deletion::{DeletionView, NewDeletionRequest};
use steward_types::desktop::{
    AboutInfo, CommandError, CommsSaveOutcome, Connection, DemoPersona, DiagnosticsReport,
    ProfileState, SaveOutcome, SessionView, SharingSaveOutcome, StartupState,
};
use steward_types::export::ExportJob;
use steward_types::notices::NoticeInbox;
use steward_types::problem::FieldError;
use steward_types::profile::{Profile, ProfileChange};
use steward_types::security::{
    ActivityEvent, DeviceSession, OutboxMessage, RecoveryCodes, SecurityOverview, TotpEnrolment,
};
use steward_types::sharing::{
    CookieChoice, CookieConsent, LedgerEntry, SharingChange, SharingView,
};
use steward_types::team::{NewInvitation, Team};
use steward_types::verification::{
    CorrectionRequest, NewCorrection, VerificationItem, VerificationOverview,
};
use steward_types::{AccountKind, Me, MemberRole, UserPreferences};
use tauri::State;
use uuid::Uuid;

use crate::console::Console;
use crate::diagnostics::Diagnostics;

type Result<T> = std::result::Result<T, CommandError>;

#[tauri::command]
pub async fn startup(console: State<'_, Console>) -> Result<StartupState> {
    Ok(console.startup().await)
}

#[tauri::command]
pub fn list_connections(console: State<'_, Console>) -> Vec<Connection> {
    console.list_connections()
}

#[tauri::command]
pub async fn try_demo(console: State<'_, Console>, persona: DemoPersona) -> Result<SessionView> {
    console.try_demo(persona).await
}

#[tauri::command]
pub async fn connect(console: State<'_, Console>, server_url: String) -> Result<SessionView> {
    console.connect(&server_url).await
}

#[tauri::command]
pub fn cancel_sign_in(console: State<'_, Console>) {
    console.cancel_sign_in();
}

#[tauri::command]
pub async fn resume(console: State<'_, Console>, connection_id: String) -> Result<SessionView> {
    console.resume(&connection_id).await
}

#[tauri::command]
pub async fn forget_connection(console: State<'_, Console>, connection_id: String) -> Result<()> {
    console.forget_connection(&connection_id).await
}

#[tauri::command]
pub async fn me(console: State<'_, Console>) -> Result<Me> {
    console.me().await
}

#[tauri::command]
pub async fn set_preferences(
    console: State<'_, Console>,
    preferences: UserPreferences,
) -> Result<UserPreferences> {
    console.set_preferences(preferences).await
}

#[tauri::command]
pub fn about(diagnostics: State<'_, Diagnostics>) -> AboutInfo {
    diagnostics.about()
}

#[tauri::command]
pub async fn diagnostics(
    console: State<'_, Console>,
    diagnostics: State<'_, Diagnostics>,
) -> Result<DiagnosticsReport> {
    Ok(diagnostics.report(&console).await)
}

#[tauri::command]
pub async fn check_connection(console: State<'_, Console>) -> Result<()> {
    console.check_connection().await
}

#[tauri::command]
pub async fn sign_out(console: State<'_, Console>) -> Result<()> {
    console.sign_out().await
}

// Issue 3: the account holder's sections (thin: each forwards to `account.rs`).

#[tauri::command]
pub async fn load_profile(console: State<'_, Console>, account_id: Uuid) -> Result<ProfileState> {
    console.load_profile(account_id).await
}

#[tauri::command]
pub fn validate_profile(kind: AccountKind, profile: Profile) -> Vec<FieldError> {
    Console::validate_profile(kind, &profile)
}

#[tauri::command]
pub async fn save_profile(
    console: State<'_, Console>,
    account_id: Uuid,
    profile: Profile,
    etag: String,
) -> Result<SaveOutcome> {
    console.save_profile(account_id, profile, etag).await
}

#[tauri::command]
pub async fn profile_history(
    console: State<'_, Console>,
    account_id: Uuid,
) -> Result<Vec<ProfileChange>> {
    console.profile_history(account_id).await
}

#[tauri::command]
pub async fn load_verifications(
    console: State<'_, Console>,
    account_id: Uuid,
) -> Result<VerificationOverview> {
    console.load_verifications(account_id).await
}

#[tauri::command]
pub async fn confirm_verification(
    console: State<'_, Console>,
    account_id: Uuid,
    request_id: Uuid,
    item: VerificationItem,
) -> Result<VerificationOverview> {
    console
        .confirm_verification(account_id, request_id, item)
        .await
}

#[tauri::command]
pub async fn list_corrections(
    console: State<'_, Console>,
    account_id: Uuid,
) -> Result<Vec<CorrectionRequest>> {
    console.list_corrections(account_id).await
}

#[tauri::command]
pub async fn request_correction(
    console: State<'_, Console>,
    account_id: Uuid,
    correction: NewCorrection,
) -> Result<CorrectionRequest> {
    console.request_correction(account_id, correction).await
}

#[tauri::command]
pub async fn load_security(console: State<'_, Console>) -> Result<SecurityOverview> {
    console.load_security().await
}

#[tauri::command]
pub async fn reauthenticate(console: State<'_, Console>) -> Result<SessionView> {
    console.reauthenticate().await
}

#[tauri::command]
pub async fn start_two_factor(console: State<'_, Console>) -> Result<TotpEnrolment> {
    console.start_two_factor().await
}

#[tauri::command]
pub async fn confirm_two_factor(
    console: State<'_, Console>,
    code: String,
) -> Result<RecoveryCodes> {
    console.confirm_two_factor(code).await
}

#[tauri::command]
pub async fn disable_two_factor(
    console: State<'_, Console>,
    code: String,
) -> Result<SecurityOverview> {
    console.disable_two_factor(code).await
}

#[tauri::command]
pub async fn regenerate_recovery_codes(console: State<'_, Console>) -> Result<RecoveryCodes> {
    console.regenerate_recovery_codes().await
}

#[tauri::command]
pub async fn validate_password(
    console: State<'_, Console>,
    new_password: String,
) -> Result<Vec<FieldError>> {
    console.validate_password(&new_password).await
}

#[tauri::command]
pub async fn change_password(
    console: State<'_, Console>,
    current_password: String,
    new_password: String,
) -> Result<()> {
    console
        .change_password(current_password, new_password)
        .await
}

#[tauri::command]
pub async fn change_email(
    console: State<'_, Console>,
    new_email: String,
    current_password: String,
) -> Result<SecurityOverview> {
    console.change_email(new_email, current_password).await
}

#[tauri::command]
pub async fn confirm_email(console: State<'_, Console>, code: String) -> Result<SecurityOverview> {
    console.confirm_email(code).await
}

#[tauri::command]
pub async fn cancel_email_change(console: State<'_, Console>) -> Result<SecurityOverview> {
    console.cancel_email_change().await
}

#[tauri::command]
pub async fn list_sessions(console: State<'_, Console>) -> Result<Vec<DeviceSession>> {
    console.list_sessions().await
}

#[tauri::command]
pub async fn revoke_session(
    console: State<'_, Console>,
    session_id: Uuid,
) -> Result<Vec<DeviceSession>> {
    console.revoke_session(session_id).await
}

#[tauri::command]
pub async fn revoke_other_sessions(console: State<'_, Console>) -> Result<Vec<DeviceSession>> {
    console.revoke_other_sessions().await
}

#[tauri::command]
pub async fn list_activity(console: State<'_, Console>) -> Result<Vec<ActivityEvent>> {
    console.list_activity().await
}

#[tauri::command]
pub async fn load_team(console: State<'_, Console>, account_id: Uuid) -> Result<Team> {
    console.load_team(account_id).await
}

#[tauri::command]
pub async fn invite_member(
    console: State<'_, Console>,
    account_id: Uuid,
    invitation: NewInvitation,
) -> Result<Team> {
    console.invite_member(account_id, invitation).await
}

#[tauri::command]
pub async fn resend_invitation(
    console: State<'_, Console>,
    account_id: Uuid,
    invitation_id: Uuid,
) -> Result<Team> {
    console.resend_invitation(account_id, invitation_id).await
}

#[tauri::command]
pub async fn cancel_invitation(
    console: State<'_, Console>,
    account_id: Uuid,
    invitation_id: Uuid,
) -> Result<Team> {
    console.cancel_invitation(account_id, invitation_id).await
}

#[tauri::command]
pub async fn change_member_role(
    console: State<'_, Console>,
    account_id: Uuid,
    user_id: Uuid,
    role: MemberRole,
) -> Result<Team> {
    console.change_member_role(account_id, user_id, role).await
}

#[tauri::command]
pub async fn remove_member(
    console: State<'_, Console>,
    account_id: Uuid,
    user_id: Uuid,
) -> Result<Team> {
    console.remove_member(account_id, user_id).await
}

#[tauri::command]
pub async fn accept_invitation(console: State<'_, Console>, code: String) -> Result<SessionView> {
    console.accept_invitation(code).await
}

#[tauri::command]
pub async fn read_outbox(console: State<'_, Console>) -> Result<Vec<OutboxMessage>> {
    console.read_outbox().await
}

#[tauri::command]
pub async fn load_communications(console: State<'_, Console>) -> Result<CommunicationPreferences> {
    console.load_communications().await
}

#[tauri::command]
pub async fn save_communications(
    console: State<'_, Console>,
    changes: Vec<PrefChange>,
    version: i64,
) -> Result<CommsSaveOutcome> {
    console.save_communications(changes, version).await
}

#[tauri::command]
pub async fn unsubscribe_all_promotional(
    console: State<'_, Console>,
) -> Result<CommunicationPreferences> {
    console.unsubscribe_all_promotional().await
}

#[tauri::command]
pub async fn consent_receipts(
    console: State<'_, Console>,
    cursor: Option<String>,
) -> Result<ConsentReceiptPage> {
    console.consent_receipts(cursor).await
}

#[tauri::command]
pub async fn load_sharing(console: State<'_, Console>, account_id: Uuid) -> Result<SharingView> {
    console.load_sharing(account_id).await
}

#[tauri::command]
pub async fn save_sharing(
    console: State<'_, Console>,
    account_id: Uuid,
    change: SharingChange,
    version: i64,
) -> Result<SharingSaveOutcome> {
    console.save_sharing(account_id, change, version).await
}

#[tauri::command]
pub async fn sharing_ledger(
    console: State<'_, Console>,
    account_id: Uuid,
) -> Result<Vec<LedgerEntry>> {
    console.sharing_ledger(account_id).await
}

#[tauri::command]
pub async fn load_cookie_consent(console: State<'_, Console>) -> Result<CookieConsent> {
    console.load_cookie_consent().await
}

#[tauri::command]
pub async fn save_cookie_consent(
    console: State<'_, Console>,
    choice: CookieChoice,
    version: i64,
) -> Result<CookieConsent> {
    console.save_cookie_consent(choice, version).await
}

#[tauri::command]
pub async fn load_notices(console: State<'_, Console>) -> Result<NoticeInbox> {
    console.notices().await
}

#[tauri::command]
pub async fn mark_notice_read(console: State<'_, Console>, version: String) -> Result<NoticeInbox> {
    console.mark_notice_read(version).await
}

#[tauri::command]
pub async fn acknowledge_notice(
    console: State<'_, Console>,
    version: String,
) -> Result<NoticeInbox> {
    console.acknowledge_notice(version).await
}

#[tauri::command]
pub async fn start_export(console: State<'_, Console>, account_id: Uuid) -> Result<ExportJob> {
    console.start_export(account_id).await
}

#[tauri::command]
pub async fn list_exports(console: State<'_, Console>, account_id: Uuid) -> Result<Vec<ExportJob>> {
    console.list_exports(account_id).await
}

#[tauri::command]
pub async fn export_status(
    console: State<'_, Console>,
    account_id: Uuid,
    export_id: Uuid,
) -> Result<ExportJob> {
    console.export_status(account_id, export_id).await
}

/// Shows the save dialog, then downloads; `None` when the user cancelled.
#[tauri::command]
pub async fn save_export(
    app: tauri::AppHandle,
    console: State<'_, Console>,
    account_id: Uuid,
    export_id: Uuid,
    operation: Option<String>,
) -> Result<Option<String>> {
    let work = console.save_export(&app, account_id, export_id);
    console.operation(operation, work).await
}

/// "Cancel" on a long operation; `false` when it had already ended.
#[tauri::command]
pub fn cancel_operation(console: State<'_, Console>, operation: String) -> bool {
    console.cancel_operation(&operation)
}

#[tauri::command]
pub async fn load_deletion(console: State<'_, Console>, account_id: Uuid) -> Result<DeletionView> {
    console.load_deletion(account_id).await
}

#[tauri::command]
pub async fn request_deletion(
    console: State<'_, Console>,
    account_id: Uuid,
    request: NewDeletionRequest,
) -> Result<DeletionView> {
    console.request_deletion(account_id, request).await
}

#[tauri::command]
pub async fn cancel_deletion(
    console: State<'_, Console>,
    account_id: Uuid,
) -> Result<DeletionView> {
    console.cancel_deletion(account_id).await
}

#[tauri::command]
pub async fn open_external_link(console: State<'_, Console>, url: String) -> Result<()> {
    console.open_external_link(url).await
}

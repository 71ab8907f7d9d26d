// Declaring the app's commands makes Tauri generate one `allow-<command>`
// permission per command and deny every command a capability does not list.
const COMMANDS: &[&str] = &[
    "startup",
    "list_connections",
    "try_demo",
    "connect",
    "cancel_sign_in",
    "resume",
    "forget_connection",
    "me",
    "sign_out",
    "load_profile",
    "validate_profile",
    "save_profile",
    "profile_history",
    "load_verifications",
    "confirm_verification",
    "list_corrections",
    "request_correction",
    "load_security",
    "reauthenticate",
    "start_two_factor",
    "confirm_two_factor",
    "disable_two_factor",
    "regenerate_recovery_codes",
    "validate_password",
    "change_password",
    "change_email",
    "confirm_email",
    "cancel_email_change",
    "list_sessions",
    "revoke_session",
    "revoke_other_sessions",
    "list_activity",
    "load_team",
    "invite_member",
    "resend_invitation",
    "cancel_invitation",
    "change_member_role",
    "remove_member",
    "accept_invitation",
    "read_outbox",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}

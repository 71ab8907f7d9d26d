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
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}

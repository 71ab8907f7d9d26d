//! Tauri commands: a few lines each, forwarding to `Console`. Argument and
//! result types come from `steward-types::desktop` (TypeScript is generated).

use steward_types::desktop::{CommandError, Connection, DemoPersona, SessionView, StartupState};
use steward_types::Me;
use tauri::State;

use crate::console::Console;

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
pub async fn sign_out(console: State<'_, Console>) -> Result<()> {
    console.sign_out().await
}

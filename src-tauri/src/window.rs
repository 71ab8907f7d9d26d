//! The console's window: one instance at a time, and its size and position
//! kept across launches (issue 9).
//!
//! The window-state plugin saves at a clean exit only. A desktop session
//! that ends, a crash or a kill would lose the last size, so it is also saved
//! half a second after the window stops moving or resizing.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// How long the window must be still before its state is written.
const SETTLE: Duration = Duration::from_millis(500);

/// Brings the console's window to the front (un-minimised, focused): what a
/// second launch does instead of opening another console.
pub fn focus_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Saves the window state once moves and resizes have settled.
#[derive(Debug, Default, Clone)]
pub struct SaveWhenSettled {
    /// Bumped by every move or resize; a pending save runs only if it is
    /// still the latest when its delay ends.
    latest: Arc<AtomicU64>,
}

impl SaveWhenSettled {
    pub fn on_event<R: Runtime>(&self, app: &AppHandle<R>, event: &WindowEvent) {
        if !matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
            return;
        }
        let mine = self.latest.fetch_add(1, Ordering::Relaxed) + 1;
        let latest = Arc::clone(&self.latest);
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(SETTLE).await;
            if latest.load(Ordering::Relaxed) == mine {
                if let Err(e) = app.save_window_state(StateFlags::all()) {
                    tracing::warn!(error = %e, "could not save the window's size and position");
                }
            }
        });
    }
}

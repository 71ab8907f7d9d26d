//! The Steward desktop console: a Tauri 2 shell around `Console`.
//!
//! Where things live: behaviour in [`console`], saved connections in
//! [`connections`], the IPC surface in [`commands`] (thin), and the window's
//! permissions in `capabilities/main.json`.

pub mod commands;
pub mod connections;
pub mod console;

use tauri::Manager;

pub fn run() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("STEWARD_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .try_init();

    let app = tauri::Builder::default()
        .setup(|app| {
            let paths = app.path();
            let console = console::Console::new(paths.app_data_dir()?, paths.app_config_dir()?);
            app.manage(console);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::startup,
            commands::list_connections,
            commands::try_demo,
            commands::connect,
            commands::cancel_sign_in,
            commands::resume,
            commands::forget_connection,
            commands::me,
            commands::sign_out,
        ])
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(e) => {
            tracing::error!(error = %e, "the console could not start");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            // Stop the embedded demo server cleanly (WAL checkpoint, no torn writes).
            let console = handle.state::<console::Console>();
            tauri::async_runtime::block_on(console.shutdown());
        }
    });
}

//! The Steward desktop console: a Tauri 2 shell around `Console`.
//!
//! Where things live: behaviour in [`console`], saved connections in
//! [`connections`], the IPC surface in [`commands`] (thin), the window's
//! single instance and kept size in [`window`], desktop notifications in
//! [`alerts`], logs and the about box in [`diagnostics`], the encrypted
//! offline copy of reads in [`offline`], cancellable downloads in
//! [`operations`], how WebKit paints on Linux in [`rendering`], and the
//! window's permissions in `capabilities/main.json`.

pub mod account;
pub mod alerts;
pub mod billing;
pub mod billing_commands;
pub mod commands;
pub mod comms;
pub mod connections;
pub mod console;
pub mod diagnostics;
pub mod offline;
pub mod operations;
pub mod privacy;
pub mod rendering;
pub mod staff_commands;
pub mod window;

use tauri::Manager;

/// SIGTERM (a session logging out, a service manager, WebDriver ending its
/// session) ends the console the way closing its window does: through
/// `RunEvent::Exit`, so the demo server stops cleanly and the window's
/// size and position are saved.
fn exit_on_terminate(handle: tauri::AppHandle) {
    #[cfg(unix)]
    tauri::async_runtime::spawn(async move {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                if term.recv().await.is_some() {
                    tracing::info!("SIGTERM: closing the console");
                    handle.exit(0);
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot watch for SIGTERM"),
        }
    });
    #[cfg(not(unix))]
    drop(handle);
}

pub fn run() {
    // First, while the process has one thread (see `rendering::choose`).
    let painting = rendering::choose();
    let app = tauri::Builder::default()
        // First: a second launch hands over to the running console and exits
        // before it sets anything else up.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            window::focus_main(app);
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .on_window_event({
            let saver = window::SaveWhenSettled::default();
            move |w, event| saver.on_event(w.app_handle(), event)
        })
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .setup(move |app| {
            let paths = app.path();
            app.manage(diagnostics::init(paths.app_log_dir()?));
            tracing::info!(?painting, "how WebKit paints");
            exit_on_terminate(app.handle().clone());
            let console = console::Console::new(paths.app_data_dir()?, paths.app_config_dir()?);
            app.manage(console);
            alerts::spawn(app.handle().clone());
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
            commands::set_preferences,
            commands::check_connection,
            commands::about,
            commands::cancel_operation,
            commands::diagnostics,
            commands::sign_out,
            commands::load_profile,
            commands::validate_profile,
            commands::save_profile,
            commands::profile_history,
            commands::load_verifications,
            commands::confirm_verification,
            commands::list_corrections,
            commands::request_correction,
            commands::load_security,
            commands::reauthenticate,
            commands::start_two_factor,
            commands::confirm_two_factor,
            commands::disable_two_factor,
            commands::regenerate_recovery_codes,
            commands::validate_password,
            commands::change_password,
            commands::change_email,
            commands::confirm_email,
            commands::cancel_email_change,
            commands::list_sessions,
            commands::revoke_session,
            commands::revoke_other_sessions,
            commands::list_activity,
            commands::load_team,
            commands::invite_member,
            commands::resend_invitation,
            commands::cancel_invitation,
            commands::change_member_role,
            commands::remove_member,
            commands::accept_invitation,
            commands::read_outbox,
            staff_commands::load_support_pin,
            staff_commands::set_support_pin,
            staff_commands::clear_support_pin,
            staff_commands::load_staff_access,
            staff_commands::set_staff_approval,
            staff_commands::grant_staff_access,
            staff_commands::revoke_staff_access,
            staff_commands::list_tickets,
            staff_commands::open_ticket,
            staff_commands::get_ticket,
            staff_commands::reply_ticket,
            staff_commands::search_customers,
            staff_commands::load_customer,
            staff_commands::reveal_customer,
            staff_commands::send_caller_code,
            staff_commands::check_caller,
            staff_commands::start_acting,
            staff_commands::stop_acting,
            staff_commands::staff_load_profile,
            staff_commands::staff_save_profile,
            staff_commands::staff_load_communications,
            staff_commands::staff_save_communications,
            staff_commands::staff_list_tickets,
            staff_commands::staff_get_ticket,
            staff_commands::staff_reply_ticket,
            staff_commands::set_ticket_status,
            staff_commands::case_summary,
            staff_commands::list_audit,
            staff_commands::list_staff,
            staff_commands::update_staff,
            staff_commands::add_staff,
            staff_commands::list_partners,
            staff_commands::add_partner,
            staff_commands::update_partner,
            staff_commands::retire_partner,
            staff_commands::staff_request_verification,
            staff_commands::start_password_reset,
            staff_commands::list_deletion_requests,
            staff_commands::complete_deletion,
            staff_commands::place_legal_hold,
            staff_commands::lift_legal_hold,
            staff_commands::list_policy_versions,
            staff_commands::publish_policy_version,
            billing_commands::load_subscription,
            billing_commands::preview_plan_change,
            billing_commands::change_plan,
            billing_commands::cancel_subscription,
            billing_commands::resume_subscription,
            billing_commands::list_invoices,
            billing_commands::get_invoice,
            billing_commands::export_invoices_csv,
            billing_commands::download_invoice_pdf,
            billing_commands::start_card_entry,
            billing_commands::card_entry,
            commands::load_communications,
            commands::save_communications,
            commands::unsubscribe_all_promotional,
            commands::consent_receipts,
            commands::load_sharing,
            commands::save_sharing,
            commands::sharing_ledger,
            commands::load_cookie_consent,
            commands::save_cookie_consent,
            commands::load_notices,
            commands::mark_notice_read,
            commands::acknowledge_notice,
            commands::start_export,
            commands::list_exports,
            commands::export_status,
            commands::save_export,
            commands::load_deletion,
            commands::request_deletion,
            commands::cancel_deletion,
            commands::open_external_link,
            billing_commands::list_payment_methods,
            billing_commands::set_default_payment_method,
            billing_commands::remove_payment_method,
            billing_commands::list_licenses,
            billing_commands::load_usage,
        ])
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(e) => {
            // Logging starts in `setup`, which never ran.
            #[allow(clippy::print_stderr)]
            {
                eprintln!("the console could not start: {e}");
            }
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

//! "Download my data" (PR-15) and account deletion (PR-19, PR-20) on the
//! active session. The archive goes where the user says in the system's save
//! dialog, streamed to disk through a temporary file.

use std::path::{Path, PathBuf};

use steward_types::deletion::{DeletionView, NewDeletionRequest};
use steward_types::export::ExportJob;
use steward_types::Language;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;
use uuid::Uuid;

use crate::console::{CommandResult, Console};
use crate::operations::PartFile;

/// For automation (the end-to-end tests): save into this folder without
/// showing the dialog, which a WebDriver session cannot operate.
const SAVE_DIR_OVERRIDE: &str = "STEWARD_SAVE_DIALOG_DIR";

impl Console {
    pub async fn start_export(&self, account_id: Uuid) -> CommandResult<ExportJob> {
        self.call(|c| async move { c.start_export(account_id).await })
            .await
    }

    pub async fn list_exports(&self, account_id: Uuid) -> CommandResult<Vec<ExportJob>> {
        self.read(format!("list_exports/{account_id}"), |c| async move {
            c.exports(account_id).await
        })
        .await
    }

    pub async fn export_status(
        &self,
        account_id: Uuid,
        export_id: Uuid,
    ) -> CommandResult<ExportJob> {
        self.call(|c| async move { c.export(account_id, export_id).await })
            .await
    }

    /// Ask where to save the archive, then download it there. `None` when
    /// the user cancelled the dialog.
    pub async fn save_export<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        account_id: Uuid,
        export_id: Uuid,
    ) -> CommandResult<Option<String>> {
        let job = self.export_status(account_id, export_id).await?;
        let name = format!("steward-export-{}.zip", job.created_at.format("%Y-%m-%d"));
        // The dialog is the system's, but its title is ours: in the person's language.
        let language = self.call(|c| async move { c.me().await }).await?.language;
        let Some(path) = choose_destination(app, &name, language).await? else {
            return Ok(None);
        };
        // Removed if the download fails or is cancelled.
        let part = PartFile::new(part_path(&path));
        let target = part.path().to_path_buf();
        self.call(|c| async move { c.download_export(account_id, export_id, &target).await })
            .await?;
        tokio::fs::rename(part.path(), &path).await.map_err(|e| {
            crate::console::other(
                format!("Could not save the export as {}: {e}", path.display()),
                Some("Check that you can write to that folder, then save again."),
            )
        })?;
        part.keep();
        Ok(Some(path.display().to_string()))
    }

    pub async fn load_deletion(&self, account_id: Uuid) -> CommandResult<DeletionView> {
        self.read(format!("load_deletion/{account_id}"), |c| async move {
            c.deletion(account_id).await
        })
        .await
    }

    pub async fn request_deletion(
        &self,
        account_id: Uuid,
        request: NewDeletionRequest,
    ) -> CommandResult<DeletionView> {
        self.call(|c| async move { c.request_deletion(account_id, &request).await })
            .await
    }

    pub async fn cancel_deletion(&self, account_id: Uuid) -> CommandResult<DeletionView> {
        self.call(|c| async move { c.cancel_deletion(account_id).await })
            .await
    }
}

/// A hidden sibling of the final file, so a half-written archive never
/// carries the name the user chose.
fn part_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "steward-export.zip".into());
    path.with_file_name(format!(".{name}.part"))
}

/// The save dialog's title and file type, in `language`.
fn dialog_words(language: Language) -> (&'static str, &'static str) {
    match language {
        Language::En => ("Save your data", "ZIP archive"),
        Language::De => ("Ihre Daten speichern", "ZIP-Archiv"),
    }
}

async fn choose_destination<R: Runtime>(
    app: &AppHandle<R>,
    name: &str,
    language: Language,
) -> CommandResult<Option<PathBuf>> {
    let (title, kind) = dialog_words(language);
    if let Some(dir) = std::env::var_os(SAVE_DIR_OVERRIDE) {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    let downloads = directories::UserDirs::new().and_then(|u| u.download_dir().map(PathBuf::from));
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(name)
        .add_filter(kind, &["zip"]);
    if let Some(dir) = downloads {
        dialog = dialog.set_directory(dir);
    }
    // The dialog blocks until the user answers: keep it off the async workers.
    let chosen = tokio::task::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| crate::console::other(format!("The save dialog failed: {e}"), None))?;
    chosen
        .map(|p| {
            p.into_path().map_err(|e| {
                crate::console::other(
                    format!("That location cannot be used: {e}"),
                    Some("Choose a folder on this computer."),
                )
            })
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_download_is_written_beside_its_final_name() {
        assert_eq!(
            part_path(Path::new("/home/p/Downloads/steward-export-2026-11-29.zip")),
            PathBuf::from("/home/p/Downloads/.steward-export-2026-11-29.zip.part")
        );
    }
}

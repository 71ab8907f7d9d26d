//! Long operations the user can cancel (issue 9): downloads of an export,
//! an invoice or a CSV. The UI names each operation; "Cancel" resolves the
//! operation's command at once with `operation_cancelled`, and the work is
//! dropped where it stands (callers remove what it half-wrote).

use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use steward_types::desktop::{CommandError, CommandErrorCode};
use tokio::sync::oneshot;

use crate::console::CommandResult;

#[derive(Debug, Default)]
pub struct Operations {
    running: Mutex<HashMap<String, oneshot::Sender<()>>>,
}

impl Operations {
    /// Runs `work` as operation `id` until it ends or is cancelled.
    pub async fn run<T>(
        &self,
        id: &str,
        work: impl Future<Output = CommandResult<T>>,
    ) -> CommandResult<T> {
        let (cancel, cancelled) = oneshot::channel();
        self.lock().insert(id.to_string(), cancel);
        let outcome = tokio::select! {
            outcome = work => outcome,
            // A sender dropped without a message (a second operation with
            // the same id replaced it) is not a cancellation.
            Ok(()) = cancelled => Err(cancelled_error()),
        };
        self.lock().remove(id);
        outcome
    }

    /// Cancels operation `id`; `false` when it is not running (it ended).
    pub fn cancel(&self, id: &str) -> bool {
        self.lock()
            .remove(id)
            .is_some_and(|cancel| cancel.send(()).is_ok())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, oneshot::Sender<()>>> {
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `text` as part of a file name: ASCII letters, digits and `-` kept, the
/// rest (separators, dots, anything a file system may refuse) as `_`.
pub fn file_name_part(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A download's `.part` file, removed when dropped unless kept: a failed
/// download, or a cancelled one (its future dropped mid-write), leaves
/// nothing behind.
#[derive(Debug)]
pub struct PartFile {
    path: PathBuf,
    keep: bool,
}

impl PartFile {
    pub fn new(path: PathBuf) -> Self {
        Self { path, keep: false }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The download is complete (and renamed): nothing to remove.
    pub fn keep(mut self) {
        self.keep = true;
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn cancelled_error() -> CommandError {
    CommandError {
        code: CommandErrorCode::OperationCancelled,
        message: "Cancelled. Nothing was saved.".into(),
        advice: None,
        request_id: None,
        fields: Vec::new(),
        cached: None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;

    #[tokio::test]
    async fn an_operation_ends_by_itself_or_when_cancelled() {
        let ops = Arc::new(Operations::default());
        assert_eq!(ops.run("quick", async { Ok(7) }).await, Ok(7));
        assert!(!ops.cancel("quick"), "it ended: nothing to cancel");

        let slow = tokio::spawn({
            let ops = ops.clone();
            async move {
                ops.run("slow", async {
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    Ok(())
                })
                .await
            }
        });
        // Wait until it is registered, then cancel it.
        while !ops.lock().contains_key("slow") {
            tokio::task::yield_now().await;
        }
        assert!(ops.cancel("slow"));
        let outcome = tokio::time::timeout(Duration::from_secs(5), slow)
            .await
            .expect("cancelled at once")
            .expect("joined");
        assert_eq!(
            outcome.map_err(|e| e.code),
            Err(CommandErrorCode::OperationCancelled)
        );
        assert!(!ops.cancel("slow"));
    }

    #[test]
    fn file_name_parts_hold_nothing_a_path_could_use() {
        assert_eq!(file_name_part("INV-01A2/../x.y"), "INV-01A2____x_y");
        assert_eq!(
            file_name_part("https://a.example/|0192"),
            "https___a_example__0192"
        );
    }

    #[tokio::test]
    async fn a_dropped_download_leaves_no_part_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(".x.part");
        let ops = Operations::default();
        let work = async {
            let part = PartFile::new(path.clone());
            std::fs::write(part.path(), b"half").expect("write");
            tokio::time::sleep(Duration::from_secs(3600)).await;
            part.keep();
            Ok(())
        };
        let run = ops.run("download", work);
        tokio::pin!(run);
        // Let it start writing, then cancel.
        assert!(tokio::time::timeout(Duration::from_millis(50), &mut run)
            .await
            .is_err());
        assert!(path.exists());
        assert!(ops.cancel("download"));
        assert!(run.await.is_err());
        assert!(!path.exists(), "the half-written file is gone");

        let kept = PartFile::new(path.clone());
        std::fs::write(kept.path(), b"whole").expect("write");
        kept.keep();
        assert!(path.exists());
    }

    #[tokio::test]
    async fn a_replaced_operation_is_not_cancelled_by_the_replacement() {
        let ops = Arc::new(Operations::default());
        let first = tokio::spawn({
            let ops = ops.clone();
            async move {
                ops.run("same", async {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    Ok("first")
                })
                .await
            }
        });
        while !ops.lock().contains_key("same") {
            tokio::task::yield_now().await;
        }
        assert_eq!(ops.run("same", async { Ok("second") }).await, Ok("second"));
        assert_eq!(first.await.expect("joined"), Ok("first"));
    }
}

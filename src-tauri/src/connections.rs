//! Saved connections: non-secret settings in the platform config directory
//! (server URL, who signed in, when). Credentials never go here: they live
//! in the OS keyring under the connection's key.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use steward_client::CredentialKey;
use steward_types::desktop::Connection;

/// The keyring "server" of the embedded demo: its URL changes on every start.
pub const DEMO_SERVER_KEY: &str = "demo";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Saved {
    pub connection: Connection,
    /// Names the keyring entry: `{server}|{user_id}`.
    pub key_server: String,
    pub user_id: String,
    /// Whether the console should resume this connection at start.
    pub signed_in: bool,
}

impl Saved {
    pub fn key(&self) -> CredentialKey {
        CredentialKey::new(self.key_server.clone(), self.user_id.clone())
    }
}

#[derive(Debug, Clone)]
pub struct Connections {
    path: PathBuf,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    connections: Vec<Saved>,
}

impl Connections {
    pub fn new(config_dir: &Path) -> Self {
        Self {
            path: config_dir.join("connections.json"),
        }
    }

    /// All saved connections, most recently used first. A missing or damaged
    /// file reads as empty (and is logged): it holds nothing that cannot be
    /// recreated by signing in again.
    pub fn load(&self) -> Vec<Saved> {
        let mut list = match std::fs::read(&self.path) {
            Ok(bytes) => match serde_json::from_slice::<File>(&bytes) {
                Ok(f) => f.connections,
                Err(e) => {
                    tracing::warn!(error = %e, path = %self.path.display(), "ignoring unreadable connections file");
                    Vec::new()
                }
            },
            Err(_) => Vec::new(),
        };
        list.sort_by_key(|s| std::cmp::Reverse(s.connection.last_used));
        list
    }

    pub fn find(&self, id: &str) -> Option<Saved> {
        self.load().into_iter().find(|s| s.connection.id == id)
    }

    /// The connection to resume at start: the last used, if still signed in.
    pub fn resumable(&self) -> Option<Saved> {
        self.load().into_iter().next().filter(|s| s.signed_in)
    }

    pub fn upsert(&self, saved: Saved) -> std::io::Result<()> {
        let mut list = self.load();
        list.retain(|s| s.connection.id != saved.connection.id);
        list.insert(0, saved);
        self.write(list)
    }

    pub fn set_signed_in(&self, id: &str, signed_in: bool) -> std::io::Result<()> {
        let mut list = self.load();
        for s in &mut list {
            if s.connection.id == id {
                s.signed_in = signed_in;
            }
        }
        self.write(list)
    }

    pub fn remove(&self, id: &str) -> std::io::Result<()> {
        let mut list = self.load();
        list.retain(|s| s.connection.id != id);
        self.write(list)
    }

    /// Write to a temporary file and rename: a crash never leaves half a file.
    fn write(&self, connections: Vec<Saved>) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.path.with_extension("json.tmp");
        let body =
            serde_json::to_vec_pretty(&File { connections }).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, body)?;
        std::fs::rename(tmp, &self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, Utc};

    fn saved(id: &str, minutes_ago: i64, signed_in: bool) -> Saved {
        Saved {
            connection: Connection {
                id: id.into(),
                server_url: "https://accounts.example.com/".into(),
                demo: false,
                user_email: "a@example.com".into(),
                display_name: "A".into(),
                last_used: Utc::now() - Duration::minutes(minutes_ago),
            },
            key_server: "https://accounts.example.com/".into(),
            user_id: id.into(),
            signed_in,
        }
    }

    #[test]
    fn most_recent_first_and_only_a_signed_in_one_resumes() {
        let dir = tempfile::tempdir().expect("dir");
        let c = Connections::new(dir.path());
        assert!(c.load().is_empty() && c.resumable().is_none());
        c.upsert(saved("old", 60, true)).expect("write");
        c.upsert(saved("new", 1, true)).expect("write");
        assert_eq!(
            c.load()
                .iter()
                .map(|s| s.connection.id.as_str())
                .collect::<Vec<_>>(),
            ["new", "old"]
        );
        assert_eq!(c.resumable().map(|s| s.connection.id), Some("new".into()));
        c.set_signed_in("new", false).expect("write");
        assert!(
            c.resumable().is_none(),
            "signed out: the start screen, not the older session"
        );
        c.remove("new").expect("write");
        assert_eq!(c.load().len(), 1);
    }

    #[test]
    fn the_file_holds_no_secret_fields() {
        let dir = tempfile::tempdir().expect("dir");
        let c = Connections::new(dir.path());
        c.upsert(saved("u1", 0, true)).expect("write");
        let text = std::fs::read_to_string(dir.path().join("connections.json")).expect("read");
        for word in ["token", "password", "secret"] {
            assert!(!text.contains(word), "{word} in {text}");
        }
    }

    #[test]
    fn a_damaged_file_reads_as_empty() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(dir.path().join("connections.json"), b"{not json").expect("write");
        assert!(Connections::new(dir.path()).load().is_empty());
    }
}

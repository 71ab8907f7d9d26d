//! The console's behaviour, independent of Tauri: sessions, the embedded
//! demo server, saved connections. `commands.rs` only forwards to this.
//!
//! Tokens stay here and in the OS keyring; what leaves is `SessionView`,
//! `Me` and `CommandError`, none of which can hold a secret.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::Utc;
use steward_client::{
    ClientError, Clock, CredentialKey, FormFillingBrowser, KeyringStore, SecretStore,
    StewardClient, SystemBrowser, SystemClock,
};
use steward_server::RunningServer;
use steward_types::desktop::{
    CachedAnswer, CommandError, CommandErrorCode, Connection, DemoPersona, SessionView,
    StartupState,
};
use steward_types::Me;
use tokio::sync::Mutex;
use tokio::task::AbortHandle;

use crate::connections::{Connections, Saved, DEMO_SERVER_KEY};
use crate::offline::OfflineCache;
use crate::operations::Operations;

/// The offline cache's name for the signed-in user (`Me`).
const CACHED_ME: &str = "me";

pub type CommandResult<T> = Result<T, CommandError>;

struct Active {
    client: StewardClient,
    saved: Saved,
    /// `None` for the demo (in-process, never unreachable) and while the
    /// keyring cannot be read.
    cache: Option<Arc<OfflineCache>>,
}

pub struct Console {
    data_dir: PathBuf,
    connections: Connections,
    secrets: Arc<dyn SecretStore>,
    clock: Arc<dyn Clock>,
    session: Mutex<Option<Active>>,
    demo: Mutex<Option<RunningServer>>,
    pending_sign_in: std::sync::Mutex<Option<AbortHandle>>,
    operations: Operations,
}

impl std::fmt::Debug for Console {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Console")
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

pub(crate) fn client_error(e: &ClientError) -> CommandError {
    tracing::info!(error = %e, "command failed");
    e.to_command_error()
}

pub(crate) fn other(message: impl Into<String>, advice: Option<&str>) -> CommandError {
    CommandError {
        code: CommandErrorCode::Other,
        message: message.into(),
        advice: advice.map(str::to_string),
        request_id: None,
        fields: Vec::new(),
        cached: None,
    }
}

impl Console {
    pub fn new(data_dir: PathBuf, config_dir: PathBuf) -> Self {
        Self::with_store(data_dir, config_dir, Arc::new(KeyringStore::new()))
    }

    pub fn with_store(
        data_dir: PathBuf,
        config_dir: PathBuf,
        secrets: Arc<dyn SecretStore>,
    ) -> Self {
        Self {
            connections: Connections::new(&config_dir),
            data_dir,
            secrets,
            clock: Arc::new(SystemClock),
            session: Mutex::new(None),
            demo: Mutex::new(None),
            pending_sign_in: std::sync::Mutex::new(None),
            operations: Operations::default(),
        }
    }

    /// At launch: resume the last session from the keyring, or explain why not.
    pub async fn startup(&self) -> StartupState {
        let Some(saved) = self.connections.resumable() else {
            return self.signed_out(None);
        };
        match self.resume_saved(saved).await {
            Ok(session) => StartupState::SignedIn { session },
            // Locked or missing keyring, unreachable server, expired session:
            // the start screen says which, and what to do.
            Err(notice) => self.signed_out(Some(notice)),
        }
    }

    fn signed_out(&self, notice: Option<CommandError>) -> StartupState {
        StartupState::SignedOut {
            connections: self.list_connections(),
            notice,
        }
    }

    pub fn list_connections(&self) -> Vec<Connection> {
        self.connections
            .load()
            .into_iter()
            .map(|s| s.connection)
            .collect()
    }

    pub async fn resume(&self, connection_id: &str) -> CommandResult<SessionView> {
        let saved = self.connections.find(connection_id).ok_or_else(|| {
            other(
                "That saved connection no longer exists.",
                Some("Connect to the server again."),
            )
        })?;
        self.resume_saved(saved).await
    }

    async fn resume_saved(&self, saved: Saved) -> CommandResult<SessionView> {
        let base = if saved.connection.demo {
            self.demo_url().await?
        } else {
            saved.connection.server_url.clone()
        };
        let client = self.client(&base)?;
        match client.resume(saved.key()).await {
            Ok(me) => {
                self.activate(
                    client,
                    saved.key_server.clone(),
                    base,
                    saved.connection.demo,
                    me,
                )
                .await
            }
            Err(e) => {
                if matches!(e, ClientError::Unreachable { .. }) {
                    if let Some(session) = self.resume_offline(client, &saved).await {
                        return Ok(session);
                    }
                }
                if matches!(
                    e,
                    ClientError::SessionExpired { .. } | ClientError::NotSignedIn
                ) {
                    // Never on a keyring error: locked is not signed out.
                    self.forget_credential(&saved);
                }
                if matches!(e, ClientError::NotSignedIn) {
                    // The entry went from the keyring behind our back (a
                    // keyring manager, a cleanup tool): say so, not "expired".
                    let place = if saved.connection.demo {
                        "the demo server"
                    } else {
                        saved.connection.server_url.as_str()
                    };
                    let mut notice = client_error(&e);
                    notice.message = format!(
                        "Your saved sign-in to {place} is no longer in this computer's keyring."
                    );
                    notice.advice =
                        Some("Sign in again. Nothing in your account has changed.".into());
                    return Err(notice);
                }
                Err(client_error(&e))
            }
        }
    }

    /// The server cannot be reached but the keyring holds the session: open
    /// it on what the offline cache last saw. Reads then answer
    /// `server_unreachable` with their cached answer, so the console shows
    /// it read-only; the client refreshes its token once the server is back.
    async fn resume_offline(&self, client: StewardClient, saved: &Saved) -> Option<SessionView> {
        let cache = self.open_cache(saved)?;
        let me = cache.get::<Me>(CACHED_ME)?;
        tracing::info!(saved_at = %me.saved_at, "server unreachable: resuming on the offline cache");
        *self.session.lock().await = Some(Active {
            client,
            saved: saved.clone(),
            cache: Some(cache),
        });
        Some(SessionView {
            connection: saved.connection.clone(),
            me: me.value,
        })
    }

    fn open_cache(&self, saved: &Saved) -> Option<Arc<OfflineCache>> {
        if saved.connection.demo {
            return None;
        }
        match OfflineCache::open(self.secrets.as_ref(), &self.data_dir, saved) {
            Ok(cache) => Some(Arc::new(cache)),
            Err(e) => {
                tracing::warn!(error = %e, "no offline cache this session");
                None
            }
        }
    }

    /// Delete a connection's offline cache and its key. Best effort: a
    /// locked keyring keeps the key, which without the files unlocks nothing.
    fn remove_cache(&self, saved: &Saved) {
        if let Err(e) = OfflineCache::remove(self.secrets.as_ref(), &self.data_dir, saved) {
            tracing::warn!(error = %e, "could not delete the offline cache key");
        }
    }

    /// "Try the demo": start the embedded server and sign in as a persona,
    /// over the same authorize and token endpoints as any server.
    pub async fn try_demo(&self, persona: DemoPersona) -> CommandResult<SessionView> {
        let base = self.demo_url().await?;
        let client = self.client(&base)?;
        let (email, staff) = match persona {
            DemoPersona::Customer => (steward_server::demo::DEMO_CUSTOMER_EMAIL, false),
            DemoPersona::Agent => (steward_server::demo::DEMO_AGENT_EMAIL, true),
            DemoPersona::Admin => (steward_server::demo::DEMO_ADMIN_EMAIL, true),
        };
        let browser = FormFillingBrowser::new(email, steward_server::demo::DEMO_PASSWORD);
        // Staff sign in with two-factor. The demo knows its staff's
        // authenticator secret; a code is good once, so a second sign-in in
        // the same 30 seconds uses the next step's code.
        let mut result = Err(steward_client::ClientError::NotSignedIn);
        for ahead in 0..if staff { 2 } else { 1 } {
            let browser = if staff {
                let step = steward_server::totp::step_at(chrono::Utc::now().timestamp()) + ahead;
                let code = steward_server::users::totp_code(
                    steward_server::demo::DEMO_STAFF_TOTP_SECRET,
                    step,
                )
                .unwrap_or_default();
                browser.clone().with_otp(code)
            } else {
                browser.clone()
            };
            result = client.sign_in(&browser, DEMO_SERVER_KEY).await;
            if result.is_ok() {
                break;
            }
        }
        let me = result.map_err(|e| client_error(&e))?;
        self.activate(client, DEMO_SERVER_KEY.to_string(), base, true, me)
            .await
    }

    /// Sign in to a real server through the system browser. Cancellable.
    pub async fn connect(&self, server_url: &str) -> CommandResult<SessionView> {
        let url = steward_client::parse_server_url(server_url).map_err(|e| client_error(&e))?;
        let base = url.to_string();
        let client = self.client(&base)?;
        let task = {
            let client = client.clone();
            let key_server = base.clone();
            tokio::spawn(async move { client.sign_in(&SystemBrowser, &key_server).await })
        };
        if let Ok(mut pending) = self.pending_sign_in.lock() {
            *pending = Some(task.abort_handle());
        }
        let outcome = task.await;
        if let Ok(mut pending) = self.pending_sign_in.lock() {
            *pending = None;
        }
        match outcome {
            Ok(Ok(me)) => self.activate(client, base.clone(), base, false, me).await,
            Ok(Err(e)) => Err(client_error(&e)),
            Err(_) => Err(CommandError {
                code: CommandErrorCode::SignInCancelled,
                message: "Sign-in cancelled.".into(),
                advice: None,
                request_id: None,
                fields: Vec::new(),
                cached: None,
            }),
        }
    }

    pub fn cancel_sign_in(&self) {
        if let Ok(mut pending) = self.pending_sign_in.lock() {
            if let Some(handle) = pending.take() {
                handle.abort();
            }
        }
    }

    pub async fn me(&self) -> CommandResult<Me> {
        self.read(CACHED_ME.into(), |c| async move { c.me().await })
            .await
    }

    /// Whether the signed-in session's server answers again (the console
    /// asks while it shows itself offline). Touches no token.
    pub async fn check_connection(&self) -> CommandResult<()> {
        let (client, _) = self.active().await?;
        client.check_reachable().await.map_err(|e| client_error(&e))
    }

    /// Where the console is connected, for "Copy diagnostics": the server's
    /// origin and whether it answers a health check now (a few seconds at most).
    pub async fn connection_facts(&self) -> crate::diagnostics::ConnectionFacts {
        let Ok((client, saved)) = self.active().await else {
            return crate::diagnostics::ConnectionFacts {
                server: None,
                demo: false,
                reachable: None,
            };
        };
        let check =
            tokio::time::timeout(std::time::Duration::from_secs(3), client.check_reachable());
        crate::diagnostics::ConnectionFacts {
            server: Some(crate::diagnostics::origin(&saved.connection.server_url)),
            demo: saved.connection.demo,
            reachable: Some(matches!(check.await, Ok(Ok(())))),
        }
    }

    /// Revoke on the server, delete the keyring entry, forget the session.
    pub async fn sign_out(&self) -> CommandResult<()> {
        let active = self.session.lock().await.take();
        if let Some(active) = active {
            let _ = self
                .connections
                .set_signed_in(&active.saved.connection.id, false);
            // First, and whatever the server says: signed out leaves no copy.
            if let Some(cache) = &active.cache {
                cache.close();
            }
            self.remove_cache(&active.saved);
            active
                .client
                .sign_out()
                .await
                .map_err(|e| client_error(&e))?;
        }
        Ok(())
    }

    /// Forget a saved connection and its credential.
    pub async fn forget_connection(&self, connection_id: &str) -> CommandResult<()> {
        if let Some(saved) = self.connections.find(connection_id) {
            self.remove_cache(&saved);
            self.secrets
                .delete(&saved.key())
                .map_err(|e| client_error(&ClientError::Keyring(e)))?;
        }
        self.connections
            .remove(connection_id)
            .map_err(|e| other(format!("Could not update the saved connections: {e}"), None))
    }

    /// Where the console keeps its own files (the demo database, exports).
    pub(crate) fn data_dir(&self) -> &std::path::Path {
        &self.data_dir
    }

    /// The signed-in client and its saved connection.
    pub(crate) async fn active(&self) -> CommandResult<(StewardClient, Saved)> {
        let guard = self.session.lock().await;
        let active = guard
            .as_ref()
            .ok_or_else(|| ClientError::NotSignedIn.to_command_error())?;
        Ok((active.client.clone(), active.saved.clone()))
    }

    /// Run one API call on the active session; a session the server ended is
    /// forgotten here too, so the UI returns to the start screen.
    pub(crate) async fn call<T, F, Fut>(&self, f: F) -> CommandResult<T>
    where
        F: FnOnce(StewardClient) -> Fut,
        Fut: std::future::Future<Output = Result<T, ClientError>>,
    {
        let (client, _) = self.active().await?;
        match f(client).await {
            Ok(v) => Ok(v),
            Err(e) => {
                if matches!(e, ClientError::SessionExpired { .. }) {
                    self.end_session().await;
                }
                Err(client_error(&e))
            }
        }
    }

    /// A read: like [`Self::call`], and its answer is kept in the offline
    /// cache under `name` (the read and its arguments). When the server
    /// cannot be reached, the error carries the last answer kept.
    pub(crate) async fn read<T, F, Fut>(&self, name: String, f: F) -> CommandResult<T>
    where
        T: serde::Serialize,
        F: FnOnce(StewardClient) -> Fut,
        Fut: std::future::Future<Output = Result<T, ClientError>>,
    {
        let cache = self
            .session
            .lock()
            .await
            .as_ref()
            .and_then(|a| a.cache.clone());
        let result = self.call(f).await;
        let Some(cache) = cache else { return result };
        match result {
            Ok(value) => {
                cache.put(&name, &value, self.clock.now());
                Ok(value)
            }
            Err(mut e) => {
                if e.code == CommandErrorCode::ServerUnreachable {
                    e.cached = cache.get::<serde_json::Value>(&name).map(|hit| {
                        Box::new(CachedAnswer {
                            saved_at: hit.saved_at,
                            value: hit.value,
                        })
                    });
                }
                Err(e)
            }
        }
    }

    /// Runs `work` as a long operation the UI named, so "Cancel" can stop
    /// it; unnamed, it simply runs.
    pub async fn operation<T>(
        &self,
        id: Option<String>,
        work: impl std::future::Future<Output = CommandResult<T>>,
    ) -> CommandResult<T> {
        match id {
            Some(id) => self.operations.run(&id, work).await,
            None => work.await,
        }
    }

    pub fn cancel_operation(&self, id: &str) -> bool {
        self.operations.cancel(id)
    }

    /// The server ended the session: forget it here too.
    async fn end_session(&self) {
        if let Some(active) = self.session.lock().await.take() {
            if let Some(cache) = &active.cache {
                cache.close();
            }
            self.forget_credential(&active.saved);
        }
    }

    /// Delete a dead session's keyring entry and stop resuming it at start.
    /// Best effort: the server has already refused the credential.
    fn forget_credential(&self, saved: &Saved) {
        self.remove_cache(saved);
        let _ = self.secrets.delete(&saved.key());
        let _ = self.connections.set_signed_in(&saved.connection.id, false);
    }

    async fn activate(
        &self,
        client: StewardClient,
        key_server: String,
        base: String,
        demo: bool,
        me: Me,
    ) -> CommandResult<SessionView> {
        let key = CredentialKey::new(key_server.clone(), me.user_id.to_string());
        let connection = Connection {
            id: key.account(),
            server_url: base,
            demo,
            user_email: me.email.clone(),
            display_name: me.display_name.clone(),
            last_used: Utc::now(),
        };
        let saved = Saved {
            connection: connection.clone(),
            key_server,
            user_id: me.user_id.to_string(),
            signed_in: true,
        };
        self.connections
            .upsert(saved.clone())
            .map_err(|e| other(format!("Could not save the connection: {e}"), None))?;
        let cache = self.open_cache(&saved);
        if let Some(cache) = &cache {
            cache.put(CACHED_ME, &me, self.clock.now());
        }
        *self.session.lock().await = Some(Active {
            client,
            saved,
            cache,
        });
        Ok(SessionView { connection, me })
    }

    fn client(&self, base: &str) -> CommandResult<StewardClient> {
        let url = steward_client::parse_server_url(base).map_err(|e| client_error(&e))?;
        StewardClient::new(url, self.secrets.clone(), self.clock.clone())
            .map_err(|e| client_error(&e))
    }

    /// The embedded demo server's URL, starting it on first use.
    async fn demo_url(&self) -> CommandResult<String> {
        let mut demo = self.demo.lock().await;
        if let Some(server) = demo.as_ref() {
            return Ok(server.base_url.to_string());
        }
        let db = self.data_dir.join("demo").join("steward-demo.sqlite");
        let server = steward_server::start_demo(&db).await.map_err(|e| {
            tracing::error!(error = %format!("{e:#}"), "demo server failed to start");
            other(
                "The demo server could not start.",
                Some("Check that the app's data folder is writable, then try again."),
            )
        })?;
        let url = server.base_url.to_string();
        *demo = Some(server);
        Ok(url)
    }

    /// Stop the demo server (at exit).
    pub async fn shutdown(&self) {
        if let Some(server) = self.demo.lock().await.take() {
            server.shutdown().await;
        }
    }
}

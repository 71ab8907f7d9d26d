//! Server configuration, layered: built-in defaults -> TOML file ->
//! `STEWARD_*` environment variables (`__` separates nested keys, e.g.
//! `STEWARD_THROTTLE__PER_ACCOUNT=10`) -> command-line flags.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `sqlite://PATH` or `postgres://...`. Empty: a SQLite file in the
    /// platform data directory.
    pub database_url: String,
    /// Address to listen on. Port 0 picks a free port.
    pub listen: SocketAddr,
    /// The URL clients use to reach this server (the OAuth issuer). Empty:
    /// `http://{listen}` once bound. Set it when behind a load balancer.
    pub public_url: String,
    /// `pretty` for people, `json` for log collectors.
    pub log_format: LogFormat,
    /// A tracing filter, e.g. `info` or `steward_server=debug,info`.
    pub log_level: String,
    /// Largest number of pooled database connections per server.
    pub max_connections: u32,
    pub tokens: TokenConfig,
    pub throttle: ThrottleConfig,
    /// How recent a sign-in must be for sensitive changes (e-mail, password,
    /// two-factor); 60 to 3600 s.
    pub step_up_window_secs: u64,
    /// Serve the mail outbox to the addressee at `/v1/me/outbox`. For the
    /// demo and tests only: a real deployment relays the outbox as mail.
    pub outbox_readable: bool,
    /// How long a card-entry page stays usable (PR-2); 60 to 3600 s.
    pub card_entry_ttl_secs: u64,
    /// The data export's chunk size in KiB (PR-15): what a job holds in
    /// memory before storing; 16 to 4096.
    pub export_chunk_kib: usize,
    /// Days between a deletion request and the earliest it can be carried
    /// out, during which the customer can cancel (PR-20); 1 to 90.
    pub deletion_cooling_off_days: u32,
    /// The key that seals two-factor seeds at rest (`sealed.rs`): a file of
    /// 32 random bytes in base64. Unset with SQLite: beside the database
    /// file, created on first start. Required with PostgreSQL, the same file
    /// on every instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_key_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TokenConfig {
    /// Access token lifetime; capped at 900 s (15 minutes).
    pub access_ttl_secs: u64,
    /// Refresh token lifetime from its issue; each rotation starts it anew.
    pub refresh_ttl_days: u64,
    /// Authorization code lifetime; capped at 600 s (10 minutes).
    pub code_ttl_secs: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ThrottleConfig {
    /// Failed sign-ins allowed per account (e-mail) within the window.
    pub per_account: u32,
    /// Failed sign-ins allowed per client address within the window.
    pub per_address: u32,
    pub window_secs: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: String::new(),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            public_url: String::new(),
            log_format: LogFormat::Pretty,
            log_level: "info".into(),
            max_connections: 16,
            tokens: TokenConfig {
                access_ttl_secs: 900,
                refresh_ttl_days: 30,
                code_ttl_secs: 300,
            },
            throttle: ThrottleConfig {
                per_account: 5,
                per_address: 20,
                window_secs: 900,
            },
            step_up_window_secs: 600,
            outbox_readable: false,
            card_entry_ttl_secs: 900,
            export_chunk_kib: 256,
            deletion_cooling_off_days: 14,
            secret_key_file: None,
        }
    }
}

impl Config {
    /// Defaults, then the TOML file (if given or present at the default
    /// location), then `STEWARD_*` variables.
    pub fn load(file: Option<&Path>) -> Result<Self, Box<figment::Error>> {
        let mut fig = Figment::from(Serialized::defaults(Config::default()));
        match file {
            Some(path) => fig = fig.merge(Toml::file_exact(path)),
            None => {
                if let Some(path) = default_config_file().filter(|p| p.exists()) {
                    fig = fig.merge(Toml::file_exact(path));
                }
            }
        }
        // STEWARD_CONFIG names the file and STEWARD_LOG is the log filter
        // override (telemetry.rs): neither is a setting.
        fig = fig.merge(
            Env::prefixed("STEWARD_")
                .ignore(&["config", "log"])
                .split("__"),
        );
        let mut config: Config = fig.extract().map_err(Box::new)?;
        config.clamp();
        Ok(config)
    }

    /// Security caps that configuration cannot lift.
    fn clamp(&mut self) {
        self.tokens.access_ttl_secs = self.tokens.access_ttl_secs.clamp(30, 900);
        self.tokens.code_ttl_secs = self.tokens.code_ttl_secs.clamp(10, 600);
        self.tokens.refresh_ttl_days = self.tokens.refresh_ttl_days.clamp(1, 365);
        self.max_connections = self.max_connections.max(1);
        self.step_up_window_secs = self.step_up_window_secs.clamp(60, 3600);
        self.card_entry_ttl_secs = self.card_entry_ttl_secs.clamp(60, 3600);
        self.export_chunk_kib = self.export_chunk_kib.clamp(16, 4096);
        self.deletion_cooling_off_days = self.deletion_cooling_off_days.clamp(1, 90);
    }

    /// The database URL, or a SQLite file in the platform data directory.
    pub fn database_url(&self) -> anyhow::Result<String> {
        if !self.database_url.is_empty() {
            return Ok(self.database_url.clone());
        }
        let dirs = project_dirs()
            .ok_or_else(|| anyhow::anyhow!("no home directory: pass --database-url"))?;
        let path = dirs.data_dir().join("steward.sqlite");
        Ok(format!("sqlite://{}", path.display()))
    }
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "steward")
}

pub fn default_config_file() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("server.toml"))
}

#[cfg(test)]
// figment::Jail fixes the closure's error type; its size is not ours to choose.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    #[test]
    fn toml_then_env_override_defaults_and_caps_hold() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "server.toml",
                "listen = \"127.0.0.1:9000\"\n[tokens]\naccess_ttl_secs = 3600\n",
            )?;
            jail.set_env("STEWARD_THROTTLE__PER_ACCOUNT", "7");
            jail.set_env("STEWARD_CONFIG", "ignored-by-extract");
            jail.set_env("STEWARD_LOG", "debug");
            let c = Config::load(Some(Path::new("server.toml"))).map_err(|e| *e)?;
            assert_eq!(c.listen.port(), 9000);
            assert_eq!(c.throttle.per_account, 7);
            assert_eq!(c.throttle.per_address, 20, "default kept");
            assert_eq!(c.tokens.access_ttl_secs, 900, "capped at 15 minutes");
            Ok(())
        });
    }

    #[test]
    fn unknown_keys_are_errors_not_silently_ignored() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("server.toml", "lisen = \"127.0.0.1:9000\"\n")?;
            let err = Config::load(Some(Path::new("server.toml"))).expect_err("typo must fail");
            assert!(err.to_string().contains("lisen"), "{err}");
            Ok(())
        });
    }
}

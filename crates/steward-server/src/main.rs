//! `steward-server`: serve the account API, manage users, seed demo data, and
//! print the OpenAPI document.

use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use steward_server::clock::{Clock, SystemClock};
use steward_server::config::Config;
use steward_server::{demo, openapi, store, telemetry, users};
use steward_types::UserRole;

#[derive(Debug, Parser)]
#[command(name = "steward-server", version, about = "The Steward account API")]
struct Cli {
    /// Configuration file (TOML). Default: the platform config dir's server.toml, if present.
    #[arg(long, global = true, env = "STEWARD_CONFIG")]
    config: Option<PathBuf>,
    /// `sqlite://PATH` or `postgres://...`; overrides the configuration.
    #[arg(long, global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API until SIGINT or SIGTERM.
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8080; overrides the configuration.
        #[arg(long)]
        listen: Option<std::net::SocketAddr>,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Add the demo accounts (idempotent).
    SeedDemo,
    /// The staff audit log (PR-16, PR-17).
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// The staff customer search index.
    Search {
        #[command(subcommand)]
        command: SearchCommand,
    },
    /// Add a large generated data set (for the search benchmark). Generated
    /// people cannot sign in.
    Generate {
        /// How many accounts to add.
        #[arg(long, default_value_t = 1_000_000)]
        accounts: u64,
        /// The random seed: the same seed builds the same data.
        #[arg(long, default_value_t = 2013)]
        seed: u64,
    },
    /// Print the OpenAPI 3.1 document.
    Openapi,
    /// Back up the SQLite store while servers keep serving; the copy is
    /// checked (integrity and audit chain) before it gets its name.
    /// PostgreSQL: use pg_dump (docs/operations.md).
    Backup {
        /// The backup file to write (must not exist).
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Check a backup, then make it the SQLite store. Stop every server
    /// using the store first.
    Restore {
        #[arg(long)]
        from: std::path::PathBuf,
        /// Replace an existing database.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add a user. The password is read from standard input.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Read the password from standard input (required: never pass it as an argument).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Walk the hash chain and report the first entry that was altered,
    /// removed or reordered. Exits 1 if the chain is broken.
    Verify,
}

#[derive(Debug, Subcommand)]
enum SearchCommand {
    /// Rebuild every account's search terms from its profile and members.
    Reindex,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoleArg {
    Customer,
    Agent,
    Admin,
}

impl From<RoleArg> for UserRole {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Customer => UserRole::Customer,
            RoleArg::Agent => UserRole::Agent,
            RoleArg::Admin => UserRole::Admin,
        }
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("steward-server: {err:#}");
            }
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Openapi = cli.command {
        #[allow(clippy::print_stdout)]
        {
            print!("{}", openapi::document());
        }
        return Ok(());
    }
    let mut config = Config::load(cli.config.as_deref())?;
    if let Some(url) = cli.database_url {
        config.database_url = url;
    }
    telemetry::init(&config);
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    match cli.command {
        Command::Serve { listen } => {
            if let Some(addr) = listen {
                config.listen = addr;
            }
            let mut server = steward_server::start(config, clock).await?;
            shutdown_signal().await;
            tracing::info!("shutting down");
            server.trigger_shutdown();
            server.wait().await?;
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    name,
                    role,
                    password_stdin: _,
                },
        } => {
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']);
            let store = store::connect(&config.database_url()?, 2).await?;
            let user = users::add_user(
                store.as_ref(),
                clock.now(),
                &email,
                &name,
                role.into(),
                password,
            )
            .await?;
            tracing::info!(user_id = %user.id, email = %user.email, "user added");
            Ok(())
        }
        Command::SeedDemo => {
            let store = store::connect(&config.database_url()?, 2).await?;
            let seal = steward_server::sealed::for_config(&config)?;
            let seeded = demo::seed(store.as_ref(), &seal, clock.now()).await?;
            tracing::info!(
                seeded,
                "demo data {}",
                if seeded { "added" } else { "already present" }
            );
            Ok(())
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => {
            let store = store::connect(&config.database_url()?, 2).await?;
            let result = steward_server::audit::verify(store.as_ref()).await?;
            #[allow(clippy::print_stdout)]
            match result.first_break {
                None => {
                    println!("audit log intact: {} entries verified", result.checked);
                    Ok(())
                }
                Some(b) => {
                    println!("audit log BROKEN: {b}");
                    anyhow::bail!("the audit log's hash chain is broken at entry {}", b.seq())
                }
            }
        }
        Command::Search {
            command: SearchCommand::Reindex,
        } => {
            let store = store::connect(&config.database_url()?, 2).await?;
            let n = steward_server::staff::search::reindex_all(store.as_ref()).await?;
            tracing::info!(accounts = n, "search index rebuilt");
            Ok(())
        }
        Command::Generate { accounts, seed } => {
            let store = store::connect(&config.database_url()?, 2).await?;
            steward_server::generate::generate(
                store.as_ref(),
                accounts,
                seed,
                clock.now(),
                |done, secs| {
                    if done % 50_000 == 0 || done == accounts {
                        tracing::info!(
                            done,
                            of = accounts,
                            secs = format!("{secs:.0}"),
                            "generating accounts"
                        );
                    }
                },
            )
            .await?;
            Ok(())
        }
        Command::Backup { to } => {
            let r = steward_server::backup::backup(&config.database_url()?, &to).await?;
            #[allow(clippy::print_stdout)]
            {
                println!(
                    "backed up to {} ({} bytes, {} audit entries verified) in {:.1}s",
                    r.path.display(),
                    r.checked.bytes,
                    r.checked.audit_entries,
                    r.took.as_secs_f64()
                );
            }
            Ok(())
        }
        Command::Restore { from, force } => {
            let r = steward_server::backup::restore(&from, &config.database_url()?, force).await?;
            #[allow(clippy::print_stdout)]
            {
                println!(
                    "restored {} ({} bytes, {} audit entries verified) in {:.1}s",
                    r.path.display(),
                    r.checked.bytes,
                    r.checked.audit_entries,
                    r.took.as_secs_f64()
                );
            }
            Ok(())
        }
        Command::Openapi => Ok(()),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

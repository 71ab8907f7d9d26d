//! Structured logs. Every line inside a request carries its `request_id`
//! (see `request_id.rs`). Secrets never reach a log: tokens are `Sensitive`,
//! and the request line logs the path, never the query string.

use tracing_subscriber::{fmt, EnvFilter};

use crate::config::{Config, LogFormat};

pub fn init(config: &Config) {
    let filter = EnvFilter::try_from_env("STEWARD_LOG")
        .or_else(|_| EnvFilter::try_new(&config.log_level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::io::stderr);
    let result = match config.log_format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
        LogFormat::Pretty => builder.compact().try_init(),
    };
    // Already initialised (tests, embedding): keep the existing subscriber.
    let _ = result;
}

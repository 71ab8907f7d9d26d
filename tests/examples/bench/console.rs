//! The console rows of issue 8, from what `tests/e2e/bench/console.mjs`
//! measured (the release app and the bare Tauri window under Xvfb, driven by
//! tauri-driver; `make bench` runs it first) and the .deb `make package` built.

use std::path::{Path, PathBuf};

use serde_json::Value;

pub struct Console {
    pub rounds: u64,
    /// Launch to the first screen painted, median ms: (console, bare window).
    pub cold_ms: (f64, f64),
    /// The same launches until WebDriver saw the first screen and two more
    /// frames ran, median ms (polled: see console.mjs).
    pub observed_ms: (f64, f64),
    /// Of `cold_ms`, the part from the page's own start (its
    /// `performance.timeOrigin`) to the mark: the page's work, without the
    /// launch of the process and of WebKit's.
    pub page_ms: (f64, f64),
    /// PSS over the app and its WebKit processes after start-up, MiB.
    pub startup_mib: (f64, f64),
    pub nav_minutes: f64,
    pub sections: u64,
    pub visits: u64,
    /// After one pass through every section, and after the whole navigation.
    pub warm_mib: f64,
    pub after_mib: f64,
}

pub struct Deb {
    pub name: String,
    pub bytes: u64,
}

/// The directory cargo builds into: this binary is `<target>/<profile>/examples/bench`.
pub fn target_dir() -> Option<PathBuf> {
    std::env::current_exe()
        .ok()?
        .ancestors()
        .nth(3)
        .map(Path::to_path_buf)
}

fn pair(v: &Value) -> Option<(f64, f64)> {
    Some((v["app"].as_f64()?, v["bare"].as_f64()?))
}

/// `<target>/bench/console.json`, if the console script ran.
pub fn read(target: &Path) -> Option<Console> {
    let text = std::fs::read_to_string(target.join("bench/console.json")).ok()?;
    let v: Value = serde_json::from_str(&text).ok()?;
    let nav = &v["navigation"];
    Some(Console {
        rounds: v["rounds"].as_u64()?,
        cold_ms: pair(&v["cold_start_ms"])?,
        observed_ms: pair(&v["observed_start_ms"])?,
        page_ms: pair(&v["page_ms"])?,
        startup_mib: pair(&v["startup_pss_mib"])?,
        nav_minutes: v["nav_minutes"].as_f64()?,
        sections: nav["sections"].as_u64()?,
        visits: nav["visits"].as_u64()?,
        warm_mib: nav["warm_pss_mib"].as_f64()?,
        after_mib: nav["after_pss_mib"].as_f64()?,
    })
}

/// The newest .deb under `<target>/release/bundle/deb`.
pub fn deb(target: &Path) -> Option<Deb> {
    std::fs::read_dir(target.join("release/bundle/deb"))
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "deb"))
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            Some((m.modified().ok()?, e.file_name(), m.len()))
        })
        .max()
        .map(|(_, name, bytes)| Deb {
            name: name.to_string_lossy().into_owned(),
            bytes,
        })
}

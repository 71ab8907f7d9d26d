//! The desktop shell's security configuration, read from the files Tauri
//! builds from (issue 7): one window, no remote URLs in capabilities, only
//! Steward's own commands and each of them declared, registered and
//! allowed; a CSP without `unsafe-eval` or inline script; no devtools in
//! release; and every command the UI calls is one the capability allows
//! (anything else Tauri refuses, which the WebDriver suite shows).

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(path: &str) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The quoted names in a Rust `&[&str]` list or `generate_handler!` list
/// that starts after `marker` and ends at `end`.
fn listed(text: &str, marker: &str, end: &str, quoted: bool) -> BTreeSet<String> {
    let start = text.find(marker).unwrap_or_else(|| panic!("{marker}")) + marker.len();
    let body = &text[start..];
    let body = &body[..body.find(end).unwrap_or(body.len())];
    body.split(',')
        .map(|item| {
            let item = item.split("//").next().unwrap_or_default().trim();
            if quoted {
                item.trim_matches('"').to_string()
            } else {
                item.rsplit("::").next().unwrap_or_default().to_string()
            }
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// The commands `ui/src/lib/api.ts` invokes: `call<...>('name'`.
fn ui_calls() -> BTreeSet<String> {
    let text = read("ui/src/lib/api.ts");
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("call<") {
        let rest = &text[i..];
        let Some(q) = rest.find("('") else { continue };
        let after = &rest[q + 2..];
        if let Some(end) = after.find('\'') {
            out.insert(after[..end].to_string());
        }
    }
    out
}

#[test]
fn one_local_window_with_a_strict_content_security_policy() {
    let conf = json("src-tauri/tauri.conf.json");
    let app = &conf["app"];
    assert_eq!(
        app["withGlobalTauri"], false,
        "no window.__TAURI__ for injected scripts"
    );
    let windows = app["windows"].as_array().expect("windows");
    assert_eq!(windows.len(), 1);
    assert_eq!(windows[0]["label"], "main");
    assert!(windows[0]
        .get("url")
        .is_none_or(|u| u.as_str().is_some_and(|u| !u.contains("://"))));
    let security = &app["security"];
    assert_eq!(security["freezePrototype"], true);
    assert!(security["dangerousDisableAssetCspModification"].is_null());
    let csp = security["csp"].as_object().expect("csp as directives");
    let text = |k: &str| {
        csp.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(text("default-src"), "'self'");
    assert_eq!(text("script-src"), "'self'", "no inline or remote script");
    assert_eq!(text("object-src"), "'none'");
    assert_eq!(text("frame-ancestors"), "'none'");
    for (k, v) in csp {
        let v = v.as_str().unwrap_or_default();
        assert!(!v.contains("unsafe-eval"), "{k}: {v}");
        assert!(!v.contains("unsafe-inline") || k == "style-src", "{k}: {v}");
        assert!(!v.contains('*'), "{k}: no wildcards: {v}");
        assert!(
            !v.contains("https:") && !v.contains("http://") || k == "connect-src",
            "{k}: {v}"
        );
    }
    // The only network the page reaches is Tauri's IPC; the API is called
    // from Rust, where the tokens are.
    for source in text("connect-src").split_whitespace() {
        assert!(
            ["ipc:", "http://ipc.localhost"].contains(&source),
            "connect-src {source}"
        );
    }
}

#[test]
fn capabilities_allow_exactly_the_declared_commands_and_nothing_remote() {
    let build = read("src-tauri/build.rs");
    let declared = listed(&build, "const COMMANDS: &[&str] = &[", "];", true);
    assert!(declared.len() > 50, "{}", declared.len());
    let lib = read("src-tauri/src/lib.rs");
    let registered = listed(&lib, "generate_handler![", "]", false);
    assert_eq!(
        declared, registered,
        "build.rs COMMANDS and generate_handler! differ"
    );

    let dir = repo("src-tauri/capabilities");
    let mut allowed = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("capabilities") {
        let path = entry.expect("entry").path();
        let cap: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("read"))
            .expect("capability json");
        let name = path.display().to_string();
        assert!(cap.get("remote").is_none(), "{name}: no remote URLs");
        for w in cap["windows"].as_array().expect("windows") {
            assert_eq!(w, "main", "{name}: no wildcard or other windows");
        }
        assert!(cap.get("webviews").is_none(), "{name}");
        for p in cap["permissions"].as_array().expect("permissions") {
            let p = p
                .as_str()
                .unwrap_or_else(|| panic!("{name}: scoped permission {p}"));
            let cmd = p
                .strip_prefix("allow-")
                .unwrap_or_else(|| panic!("{name}: {p} is not one of Steward's commands"));
            allowed.insert(cmd.replace('-', "_"));
        }
    }
    assert_eq!(
        allowed, declared,
        "the capability allows a command not declared, or misses one"
    );

    let calls = ui_calls();
    assert!(calls.len() > 50, "{}", calls.len());
    let missing: Vec<_> = calls.difference(&allowed).collect();
    assert!(
        missing.is_empty(),
        "the UI calls commands Tauri would refuse: {missing:?}"
    );
}

#[test]
fn no_devtools_in_release() {
    let cargo = read("src-tauri/Cargo.toml");
    let tauri = cargo
        .lines()
        .find(|l| l.starts_with("tauri ="))
        .expect("tauri dependency");
    assert!(!tauri.contains("devtools"), "{tauri}");
    for file in std::fs::read_dir(repo("src-tauri/src")).expect("src") {
        let path = file.expect("file").path();
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(!text.contains("open_devtools"), "{}", path.display());
    }
}

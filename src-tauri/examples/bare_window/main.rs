//! The baseline of issue 8's console rows: a bare Tauri 2 window built by
//! the same toolchain and release profile as the console, showing one line
//! of static HTML. `make bench` measures the console's cold start and memory
//! against it (tests/e2e/bench/console.mjs).

fn main() {
    let context = tauri::generate_context!("examples/bare_window/tauri.conf.json");
    if let Err(e) = tauri::Builder::default().run(context) {
        tracing::error!(error = %e, "the bare window could not start");
        std::process::exit(1);
    }
}

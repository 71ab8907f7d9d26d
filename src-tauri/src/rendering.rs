//! How WebKitGTK paints the console on Linux, chosen once at launch.
//!
//! WebKitGTK 2.46+ paints pages with Skia on the GPU. On a machine without
//! one (a virtual machine, a remote desktop, Xvfb) Mesa emulates it on the
//! CPU (llvmpipe), and every kind of drawing the page needs first has its
//! shader compiled by LLVM, on the CPU, while the user waits: the start
//! screen's first paint came about 100 ms later that way than painted by
//! Skia on the CPU directly, and the first launch of a session took over
//! 3 s instead of about 1 s (issue 8, docs/benchmarks-analysis.md, round
//! 8). So where there is no GPU render node, the console asks WebKit to
//! paint on the CPU. Compositing stays on. A user's own setting always
//! wins: `WEBKIT_SKIA_ENABLE_CPU_RENDERING=0` keeps WebKit's default.

use std::ffi::OsString;
use std::path::Path;

/// The variable WebKit's web process reads once, when it starts; it
/// inherits the console's environment.
pub const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// What [`choose`] decided, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// No GPU render node: Skia paints on the CPU.
    CpuWithoutGpu,
    /// A GPU is there: WebKit's default.
    WebKitDefault,
    /// The user set the variable; left as it is.
    UsersOwn,
}

/// The decision alone: `set` is the variable's current value, `has_gpu`
/// whether a render node exists.
pub fn decide(set: Option<&OsString>, has_gpu: bool) -> Choice {
    match (set, has_gpu) {
        (Some(_), _) => Choice::UsersOwn,
        (None, true) => Choice::WebKitDefault,
        (None, false) => Choice::CpuWithoutGpu,
    }
}

/// Whether `dri` (normally `/dev/dri`) holds a render node, the device
/// through which WebKit reaches a real GPU.
pub fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Decide, and set the variable when painting on the CPU. Call it first in
/// `main`, before any thread starts: changing the environment is only
/// sound while the process has one thread, and WebKit's processes must
/// inherit it.
pub fn choose() -> Choice {
    if !cfg!(target_os = "linux") {
        return Choice::WebKitDefault;
    }
    let choice = decide(
        std::env::var_os(CPU_RENDERING).as_ref(),
        has_render_node(Path::new("/dev/dri")),
    );
    if choice == Choice::CpuWithoutGpu {
        std::env::set_var(CPU_RENDERING, "1");
    }
    choice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cpu_paints_only_where_there_is_no_gpu_and_the_user_said_nothing() {
        let zero = OsString::from("0");
        let one = OsString::from("1");
        assert_eq!(decide(None, false), Choice::CpuWithoutGpu);
        assert_eq!(decide(None, true), Choice::WebKitDefault);
        assert_eq!(decide(Some(&zero), false), Choice::UsersOwn);
        assert_eq!(decide(Some(&one), true), Choice::UsersOwn);
    }

    #[test]
    fn a_render_node_is_a_gpu_and_a_card_or_nothing_is_not() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        assert!(!has_render_node(&dir.path().join("missing")));
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("card0"), "")?;
        assert!(!has_render_node(dir.path()), "a display card alone");
        std::fs::write(dir.path().join("renderD128"), "")?;
        assert!(has_render_node(dir.path()));
        Ok(())
    }
}

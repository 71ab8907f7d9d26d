//! `sqlx::migrate!` embeds the migrations when the crate compiles; without
//! this, a new migration file would not make cargo compile it again.

#![allow(
    clippy::print_stdout,
    reason = "cargo reads a build script's instructions from its stdout"
)]

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}

//! `cargo xtask`: sets up the tools, serves the playground, and runs every test.
//!
//! Needs nothing but cargo: everything else (trunk, wasm-bindgen, wasm-opt,
//! Chromium, Go, the npm packages of the browser tests) is installed by
//! `setup`, which every other task runs first and which skips what is there.

mod fresh;
mod serve;
mod setup;
mod shell;
mod test;
#[cfg(test)]
mod tidy;

use std::path::PathBuf;
use std::process::ExitCode;

/// An error message for the person at the terminal; printed, then exit 1.
pub type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  setup   install what is missing: rust-src and the wasm32 target, trunk,
          wasm-bindgen-cli, wasm-opt, Chromium + chromedriver, Go, and the
          npm packages of tests/
  serve   setup, then the release build on http://127.0.0.1:8080 (cross-origin
          isolated), rebuilt on change; `serve --no-isolation` serves it
          without the isolation headers, as a plain static host would
  test    setup, then every test: native, wasm in headless Chromium, the
          release build with its size, and the browser end-to-end tests
  fresh   only the new-machine checks of `test`: xtask builds on a toolchain
          without rust-src, and a wasm built without build-std is refused";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().cloned();
    let task_args = args.get(1..).unwrap_or_default();
    let root = repo_root();
    let outcome = match task.as_deref() {
        Some("setup") => setup::setup(&root),
        Some("serve") => setup::setup(&root).and_then(|()| serve::serve(&root, task_args)),
        Some("test") => setup::setup(&root).and_then(|()| test::test(&root)),
        Some("fresh") => fresh::xtask_builds_without_rust_src(&root)
            .and_then(|()| fresh::wasm_without_build_std_is_refused(&root)),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing task\n\n{USAGE}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: two levels above this crate, wherever the clone is.
fn repo_root() -> PathBuf {
    // `cargo run` sets CARGO_MANIFEST_DIR at run time too; prefer it over the
    // compile-time value, which names whichever tree last built a target
    // directory shared between clones.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .ancestors()
        .nth(2)
        .expect("crates/xtask sits two levels below the workspace root")
        .to_path_buf()
}

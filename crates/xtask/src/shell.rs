//! Running external programs: echo each command, fail with a message that names it.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::Result;

/// A command to run from `dir`.
pub fn command(program: &str, args: &[&str], dir: &Path) -> Command {
    let mut command = Command::new(program);
    command.args(args).current_dir(dir);
    command
}

/// Runs `command` with inherited output; an unsuccessful exit is an error.
pub fn run(command: &mut Command) -> Result {
    let shown = describe(command);
    println!("$ {shown}");
    let status = command
        .status()
        .map_err(|error| format!("could not start `{shown}`: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// The first line a program prints for `args` (such as `--version`), or
/// `None` when it is missing or fails.
pub fn first_line_of(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    // Some tools print their version on stderr.
    let text = if output.stdout.is_empty() {
        output.stderr
    } else {
        output.stdout
    };
    String::from_utf8_lossy(&text)
        .lines()
        .next()
        .map(|line| line.trim().to_owned())
}

/// Where `program` would be found on PATH, as a shell would find it.
pub fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

fn describe(command: &Command) -> String {
    let words = std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(OsStr::to_string_lossy)
        .collect::<Vec<_>>();
    words.join(" ")
}

/// What cargo's `build-std` must rebuild for the threaded wasm: std with
/// atomics, and the abort-on-panic runtime wasm32 uses.
pub const BUILD_STD: &str = "panic_abort,std";

/// `command` set up as a wasm build: std rebuilt with the thread features of
/// .cargo/config.toml, and trunk kept offline (it uses the tools on PATH).
///
/// Only the wasm children get build-std; host builds (xtask itself, the
/// native tests) use the toolchain's prebuilt std and need no rust-src.
pub fn as_wasm_build(command: &mut Command) -> &mut Command {
    command
        .env("CARGO_UNSTABLE_BUILD_STD", BUILD_STD)
        .env("TRUNK_OFFLINE", "true")
}

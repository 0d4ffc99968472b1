//! Checks that the README's commands start on a new machine, and that a wasm built the wrong way is refused.
//!
//! A new machine has rustup, cargo and the nightly, and nothing that set-up
//! installs: no rust-src, no wasm32 target. The first command builds xtask,
//! so nothing a host build of xtask needs may depend on those. This machine
//! has them (set-up put them there), so the check builds xtask with a copy of
//! the toolchain that lacks them:
//!
//! 1. Make the copy: `bin/rustc`, `bin/cargo` and the compiler's shared
//!    libraries in `lib/` hard-linked (or copied; rustc finds its sysroot
//!    from the real path of `librustc_driver`, so a symbolic link would lead
//!    it back to the original), and symbolic links to the rest of
//!    `lib/rustlib` except `src` (rust-src) and the wasm32 target.
//! 2. Show the copy is bare: asked to rebuild std, its cargo fails for want
//!    of rust-src. Without this the check could pass on a copy that still
//!    had it.
//! 3. Build and run `cargo xtask help` with it, from the repository root so
//!    that `.cargo/config.toml` applies, into a target directory of its own.
//!    This fails if `[unstable] build-std` comes back into that file.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::setup::WASM_TARGET;
use crate::shell::{command, run, BUILD_STD};
use crate::Result;

pub fn xtask_builds_without_rust_src(root: &Path) -> Result {
    let bare = BareToolchain::make()?;
    let result = bare.check(root);
    bare.remove();
    result
}

/// A copy of the active toolchain without rust-src or the wasm32 target.
struct BareToolchain {
    dir: PathBuf,
}

impl BareToolchain {
    fn make() -> Result<Self> {
        let sysroot = sysroot()?;
        let dir =
            std::env::temp_dir().join(format!("gobalance-bare-toolchain-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let io = |error: std::io::Error| {
            format!("making a bare toolchain in {}: {error}", dir.display())
        };
        fs::create_dir_all(dir.join("bin")).map_err(io)?;
        for program in ["rustc", "cargo"] {
            hard_link_or_copy(
                &sysroot.join("bin").join(program),
                &dir.join("bin").join(program),
            )
            .map_err(io)?;
        }
        fs::create_dir_all(dir.join("lib/rustlib")).map_err(io)?;
        for entry in fs::read_dir(sysroot.join("lib")).map_err(io)? {
            let entry = entry.map_err(io)?;
            if entry.file_type().map_err(io)?.is_file() {
                hard_link_or_copy(&entry.path(), &dir.join("lib").join(entry.file_name()))
                    .map_err(io)?;
            }
        }
        link_entries_except(
            &sysroot.join("lib/rustlib"),
            &dir.join("lib/rustlib"),
            &["src", WASM_TARGET],
        )
        .map_err(io)?;
        println!(
            "bare toolchain: {} (from {})",
            dir.display(),
            sysroot.display()
        );
        Ok(Self { dir })
    }

    /// A program of the bare toolchain, run from `dir`, with none of the
    /// variables that would lead it back to the full toolchain or change the
    /// build. rustup's proxy sets LD_LIBRARY_PATH to the full toolchain's
    /// `lib/`, which the loader would search before the copy's own.
    fn command(&self, program: &str, args: &[&str], dir: &Path) -> Command {
        let bin = self.dir.join("bin");
        let path = std::env::var_os("PATH").unwrap_or_default();
        let path =
            std::env::join_paths(std::iter::once(bin.clone()).chain(std::env::split_paths(&path)))
                .expect("PATH entries hold no separator");
        let mut command = command(&bin.join(program).to_string_lossy(), args, dir);
        command.env("PATH", path);
        for variable in [
            "LD_LIBRARY_PATH",
            "RUSTUP_TOOLCHAIN",
            "RUSTC",
            "RUSTDOC",
            "CARGO_UNSTABLE_BUILD_STD",
            "RUSTFLAGS",
            "CARGO_ENCODED_RUSTFLAGS",
        ] {
            command.env_remove(variable);
        }
        command
    }

    /// The bare toolchain's cargo, with its own rustc and target directory.
    fn cargo(&self, args: &[&str], dir: &Path) -> Command {
        let mut cargo = self.command("cargo", args, dir);
        cargo
            .env("RUSTC", self.dir.join("bin/rustc"))
            .env("CARGO_TARGET_DIR", self.dir.join("target"));
        cargo
    }

    fn check(&self, root: &Path) -> Result {
        let rust_src = self.dir.join("lib/rustlib/src");
        if rust_src.exists() {
            return Err(format!(
                "{} exists: the copy is not bare",
                rust_src.display()
            ));
        }
        let its_sysroot = self
            .command("rustc", &["--print", "sysroot"], root)
            .output()
            .map_err(|error| format!("could not run the bare toolchain's rustc: {error}"))?;
        let its_sysroot = PathBuf::from(String::from_utf8_lossy(&its_sysroot.stdout).trim());
        if its_sysroot != self.dir {
            return Err(format!(
                "the bare toolchain's rustc finds its sysroot at {}, not {}",
                its_sysroot.display(),
                self.dir.display()
            ));
        }
        // Step 2: the copy really lacks rust-src, so build-std must fail with it.
        let scratch = self.dir.join("scratch");
        fs::create_dir_all(&scratch).map_err(|error| error.to_string())?;
        let output = self
            .cargo(&["build", "--manifest-path"], &scratch)
            .arg(root.join("crates/xtask/Cargo.toml"))
            .env("CARGO_UNSTABLE_BUILD_STD", BUILD_STD)
            .output()
            .map_err(|error| format!("could not run the bare toolchain's cargo: {error}"))?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.success() || !stderr.contains("rust-src") {
            return Err(format!(
                "the bare toolchain was expected to fail to rebuild std for want of rust-src, \
                 but it {}:\n{stderr}",
                if output.status.success() {
                    "succeeded"
                } else {
                    "failed otherwise"
                }
            ));
        }
        println!("ok: the bare toolchain cannot rebuild std (no rust-src), as on a new machine");
        // Step 3: the README's first step, with that toolchain.
        run(&mut self.cargo(&["xtask", "help"], root)).map_err(|error| {
            format!(
                "{error}\nxtask does not build on a toolchain without rust-src: does \
                 .cargo/config.toml turn on build-std for every build again?"
            )
        })
    }

    fn remove(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The sysroot of the toolchain rust-toolchain.toml selects.
fn sysroot() -> Result<PathBuf> {
    let output = Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
        .map_err(|error| format!("could not run rustc: {error}"))?;
    if !output.status.success() {
        return Err("`rustc --print sysroot` failed".to_owned());
    }
    Ok(PathBuf::from(
        String::from_utf8_lossy(&output.stdout).trim(),
    ))
}

fn hard_link_or_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to)?;
    }
    Ok(())
}

fn link_entries_except(from: &Path, to: &Path, left_out: &[&str]) -> std::io::Result<()> {
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if left_out.iter().any(|left| name == *left) || to.join(&name).exists() {
            continue;
        }
        std::os::unix::fs::symlink(entry.path(), to.join(&name))?;
    }
    Ok(())
}

/// A threaded wasm checked without build-std must stop at web's build script
/// with its message, not build quietly on the single-threaded prebuilt std.
pub fn wasm_without_build_std_is_refused(root: &Path) -> Result {
    // Release, so the build script's host dependencies are the ones the
    // trunk build compiles anyway.
    let output = command(
        "cargo",
        &[
            "check",
            "--release",
            "--target",
            WASM_TARGET,
            "--package",
            "gobalance-web",
            "--lib",
        ],
        root,
    )
    .env_remove("CARGO_UNSTABLE_BUILD_STD")
    .output()
    .map_err(|error| format!("could not run cargo: {error}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() && stderr.contains("needs std rebuilt with atomics") {
        println!("ok: a threaded wasm without build-std is refused by web/build.rs");
        return Ok(());
    }
    Err(format!(
        "`cargo check --target {WASM_TARGET} -p gobalance-web` without build-std {}; \
         web/build.rs should refuse it:\n{stderr}",
        if output.status.success() {
            "succeeded"
        } else {
            "failed otherwise"
        }
    ))
}

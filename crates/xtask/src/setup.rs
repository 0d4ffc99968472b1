//! `cargo xtask setup`: installs only what is missing, checking each tool first and saying what it did.
//!
//! Steps, in order (later ones need earlier ones):
//! 1. The nightly's `rust-src` (for build-std) and the wasm32 target, via
//!    rustup. xtask itself builds without them: build-std is set only for
//!    the wasm children (`shell::as_wasm_build`).
//! 2. System packages (Chromium, chromedriver, Go, Node.js, npm): apt-get
//!    when root on Debian; elsewhere stop and say what to install.
//! 3. trunk, at the version this project was built with.
//! 4. wasm-bindgen-cli (and its test runner) at exactly the version of the
//!    `wasm-bindgen` crate in Cargo.lock: the two must agree byte for byte.
//! 5. wasm-opt from npm's binaryen: Debian's binaryen 108 cannot parse what
//!    wasm-bindgen 0.2.130 writes.
//! 6. The npm packages of `tests/` (`npm ci`), without any browser download:
//!    the browser tests drive Debian's Chromium.
//! 7. The crates of the wasm build, std's own included (build-std), fetched
//!    while online: trunk then builds with `--offline`.
//!
//! trunk is then kept offline: it only uses tools found on PATH whose versions
//! match `[tools]` in Trunk.toml, which steps 4 and 5 guarantee.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::shell::{as_wasm_build, command, find_on_path, first_line_of, run};
use crate::Result;

/// The toolchain of rust-toolchain.toml; installs are pinned to it explicitly
/// because they run outside the repo (see `install_crate`).
const TOOLCHAIN: &str = "nightly";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// trunk 0.22 needs rustc >= 1.96.1, hence the nightly.
const TRUNK_VERSION: &str = "0.22.1";
/// Must match `wasm_opt = "version_132"` in Trunk.toml.
const BINARYEN_NPM_PACKAGE: &str = "binaryen@132.0.0";
const WASM_OPT_VERSION_MARK: &str = "version 132";

/// One step of the set-up: what it does, and how long it takes on a new
/// 2-core machine when there is something to install (a check alone is quick).
struct Step {
    name: &'static str,
    first_time: &'static str,
    run: fn(&Path) -> Result,
}

const STEPS: &[Step] = &[
    Step {
        name: "Rust: rust-src and the wasm32 target",
        first_time: "about 1 minute",
        run: rust_components,
    },
    Step {
        name: "system packages: Chromium, chromedriver, Go, Node.js, npm",
        first_time: "about 3 minutes",
        run: system_packages,
    },
    Step {
        name: "trunk",
        first_time: "about 16 minutes (cargo install)",
        run: trunk,
    },
    Step {
        name: "wasm-bindgen-cli",
        first_time: "about 4 minutes (cargo install)",
        run: wasm_bindgen,
    },
    Step {
        name: "wasm-opt",
        first_time: "under a minute (npm)",
        run: wasm_opt,
    },
    Step {
        name: "npm packages of tests/",
        first_time: "under a minute (npm ci)",
        run: test_packages,
    },
    Step {
        name: "crates of the wasm build",
        first_time: "about 1 minute (cargo fetch)",
        run: wasm_crates,
    },
];

pub fn setup(root: &Path) -> Result {
    println!("== setup: checks each tool and installs only what is missing");
    drop_rustflags();
    put_cargo_bin_on_path();
    let started = Instant::now();
    for (index, step) in STEPS.iter().enumerate() {
        println!(
            "[{}/{}] {} (a first install takes {})",
            index + 1,
            STEPS.len(),
            step.name,
            step.first_time
        );
        let step_started = Instant::now();
        (step.run)(root)?;
        let seconds = step_started.elapsed().as_secs_f64();
        if seconds >= 5.0 {
            println!("      took {}", minutes_and_seconds(seconds));
        }
    }
    println!(
        "== setup: done in {}\n",
        minutes_and_seconds(started.elapsed().as_secs_f64())
    );
    Ok(())
}

fn minutes_and_seconds(seconds: f64) -> String {
    if seconds < 60.0 {
        format!("{seconds:.0} s")
    } else {
        format!("{} min {:.0} s", (seconds / 60.0) as u64, seconds % 60.0)
    }
}

/// A RUSTFLAGS variable replaces the wasm thread flags of .cargo/config.toml
/// entirely: the build then succeeds and the page hangs. Children must not see it.
fn drop_rustflags() {
    for variable in ["RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS"] {
        if std::env::var_os(variable).is_some() {
            println!("  note: ignoring {variable}: it would replace the wasm thread flags of .cargo/config.toml");
            std::env::remove_var(variable);
        }
    }
}

/// Tools installed by `cargo install` must be found by trunk and cargo even
/// when the shell's PATH lacks cargo's bin directory.
fn put_cargo_bin_on_path() {
    let Some(cargo_bin) = cargo_home().map(|home| home.join("bin")) else {
        return;
    };
    let path = std::env::var_os("PATH").unwrap_or_default();
    if std::env::split_paths(&path).any(|dir| dir == cargo_bin) {
        return;
    }
    let dirs = std::iter::once(cargo_bin).chain(std::env::split_paths(&path));
    let joined = std::env::join_paths(dirs).expect("PATH entries hold no separator");
    std::env::set_var("PATH", joined);
}

fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
}

fn rust_components(_root: &Path) -> Result {
    if find_on_path("rustup").is_none() {
        return Err(format!(
            "rustup is missing: install it, then the `{TOOLCHAIN}` toolchain with rust-src and {WASM_TARGET}"
        ));
    }
    let toolchain = format!("+{TOOLCHAIN}");
    let listed = |what: &str| {
        let output = std::process::Command::new("rustup")
            .args([toolchain.as_str(), what, "list", "--installed"])
            .output()
            .map_err(|error| format!("could not run rustup: {error}"))?;
        Ok::<_, String>(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let here = std::env::temp_dir();

    if listed("component")?
        .lines()
        .any(|line| line.starts_with("rust-src"))
    {
        println!("  ok       rust-src ({TOOLCHAIN})");
    } else {
        println!(
            "  install  rust-src ({TOOLCHAIN}): std is rebuilt with atomics for the threaded wasm"
        );
        run(&mut command(
            "rustup",
            &[&toolchain, "component", "add", "rust-src"],
            &here,
        ))?;
    }
    if listed("target")?
        .lines()
        .any(|line| line.trim() == WASM_TARGET)
    {
        println!("  ok       {WASM_TARGET} target ({TOOLCHAIN})");
    } else {
        println!("  install  {WASM_TARGET} target ({TOOLCHAIN})");
        run(&mut command(
            "rustup",
            &[&toolchain, "target", "add", WASM_TARGET],
            &here,
        ))?;
    }
    Ok(())
}

/// A program the tests need from the operating system, and its Debian package.
struct SystemTool {
    program: &'static str,
    version_args: &'static [&'static str],
    debian_package: &'static str,
    why: &'static str,
}

const SYSTEM_TOOLS: &[SystemTool] = &[
    SystemTool {
        program: "chromium",
        version_args: &["--version"],
        debian_package: "chromium",
        why: "the browser of the wasm and end-to-end tests",
    },
    SystemTool {
        program: "chromedriver",
        version_args: &["--version"],
        debian_package: "chromium-driver",
        why: "drives Chromium for wasm-bindgen-test",
    },
    SystemTool {
        program: "go",
        version_args: &["version"],
        debian_package: "golang-go",
        why: "builds and runs the lessons' Go programs",
    },
    SystemTool {
        program: "node",
        version_args: &["--version"],
        debian_package: "nodejs",
        why: "runs Playwright and the test server",
    },
    SystemTool {
        program: "npm",
        version_args: &["--version"],
        debian_package: "npm",
        why: "installs Playwright and wasm-opt",
    },
];

fn system_packages(_root: &Path) -> Result {
    let mut missing = Vec::new();
    for tool in SYSTEM_TOOLS {
        match first_line_of(tool.program, tool.version_args) {
            Some(version) => println!("  ok       {}: {version}", tool.program),
            None => missing.push(tool),
        }
    }
    if missing.is_empty() {
        return Ok(());
    }

    let packages: Vec<&str> = missing.iter().map(|tool| tool.debian_package).collect();
    for tool in &missing {
        println!("  missing  {} ({})", tool.program, tool.why);
    }
    if !(is_root() && Path::new("/etc/debian_version").exists()) {
        return Err(format!(
            "install these programs, then run this again: {}\n  (on Debian: sudo apt-get install -y {})",
            missing.iter().map(|tool| tool.program).collect::<Vec<_>>().join(", "),
            packages.join(" "),
        ));
    }
    println!("  install  {} (apt-get)", packages.join(" "));
    let here = std::env::temp_dir();
    run(command("apt-get", &["update"], &here).env("DEBIAN_FRONTEND", "noninteractive"))?;
    let mut install_args = vec!["install", "-y"];
    install_args.extend(&packages);
    run(command("apt-get", &install_args, &here).env("DEBIAN_FRONTEND", "noninteractive"))?;
    for tool in &missing {
        if first_line_of(tool.program, tool.version_args).is_none() {
            return Err(format!(
                "{} is still missing after installing {}",
                tool.program, tool.debian_package
            ));
        }
    }
    Ok(())
}

fn is_root() -> bool {
    first_line_of("id", &["-u"]).as_deref() == Some("0")
}

fn trunk(_root: &Path) -> Result {
    let wanted = format!("trunk {TRUNK_VERSION}");
    match first_line_of("trunk", &["--version"]) {
        Some(found) if found == wanted => {
            println!("  ok       {found}");
            Ok(())
        }
        found => {
            println!(
                "  install  {wanted} (found: {}; cargo install, about 16 minutes on 2 cores)",
                found.as_deref().unwrap_or("none")
            );
            install_crate(&["trunk", "--version", TRUNK_VERSION, "--locked"])
        }
    }
}

fn wasm_bindgen(root: &Path) -> Result {
    let version = locked_version(root, "wasm-bindgen")?;
    let cli_ok = first_line_of("wasm-bindgen", &["--version"]).as_deref()
        == Some(format!("wasm-bindgen {version}").as_str());
    let runner_ok = first_line_of("wasm-bindgen-test-runner", &["--version"]).as_deref()
        == Some(format!("wasm-bindgen-test-runner {version}").as_str());
    if cli_ok && runner_ok {
        println!("  ok       wasm-bindgen {version} and wasm-bindgen-test-runner {version} (the Cargo.lock version)");
        return Ok(());
    }
    println!("  install  wasm-bindgen-cli {version}, the version of the wasm-bindgen crate in Cargo.lock");
    // Not --locked: one of the CLI's locked dependencies is missing from the
    // registry this machine reaches; the unlocked resolution builds and works.
    install_crate(&["wasm-bindgen-cli", "--version", &version])
}

/// `cargo install` from outside the repo, so that the project's
/// .cargo/config.toml (build-std, wasm flags) does not apply to the tool.
fn install_crate(args: &[&str]) -> Result {
    let toolchain = format!("+{TOOLCHAIN}");
    let mut install_args = vec![toolchain.as_str(), "install"];
    install_args.extend(args);
    run(&mut command("cargo", &install_args, &std::env::temp_dir()))
}

/// The version of `package` in Cargo.lock, the one the wasm was built with.
pub(crate) fn locked_version(root: &Path, package: &str) -> Result<String> {
    let lock_path = root.join("Cargo.lock");
    if !lock_path.exists() {
        run(&mut command("cargo", &["generate-lockfile"], root))?;
    }
    let lock = fs::read_to_string(&lock_path)
        .map_err(|error| format!("cannot read {}: {error}", lock_path.display()))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == name_line {
            let version = lines
                .next()
                .and_then(|line| line.strip_prefix("version = \""))
                .and_then(|rest| rest.strip_suffix('"'));
            if let Some(version) = version {
                return Ok(version.to_owned());
            }
        }
    }
    Err(format!("{package} is not in {}", lock_path.display()))
}

fn wasm_opt(_root: &Path) -> Result {
    let is_wanted = |found: &Option<String>| {
        found
            .as_deref()
            .is_some_and(|line| line.contains(WASM_OPT_VERSION_MARK))
    };
    let found = first_line_of("wasm-opt", &["--version"]);
    if is_wanted(&found) {
        println!("  ok       {}", found.unwrap_or_default());
        return Ok(());
    }
    println!(
        "  install  wasm-opt from npm {BINARYEN_NPM_PACKAGE} (found: {})",
        found.as_deref().unwrap_or("none")
    );
    run(&mut command(
        "npm",
        &[
            "install",
            "--global",
            "--no-audit",
            "--no-fund",
            BINARYEN_NPM_PACKAGE,
        ],
        &std::env::temp_dir(),
    ))?;
    let found = first_line_of("wasm-opt", &["--version"]);
    if is_wanted(&found) {
        return Ok(());
    }
    let first = find_on_path("wasm-opt")
        .map_or_else(|| "none".to_owned(), |path| path.display().to_string());
    Err(format!(
        "installed {BINARYEN_NPM_PACKAGE}, but the wasm-opt first on PATH is {first} ({}). \
         Put npm's global bin directory (`npm prefix -g`/bin) before it on PATH, \
         or remove the older binaryen (Debian's 108 cannot read this wasm).",
        found.as_deref().unwrap_or("no version")
    ))
}

fn test_packages(root: &Path) -> Result {
    let tests = root.join("tests");
    let lock = tests.join("package-lock.json");
    let installed = tests.join("node_modules/.package-lock.json");
    let modified = |path: &Path| fs::metadata(path).and_then(|meta| meta.modified()).ok();
    if let (Some(wanted), Some(have)) = (modified(&lock), modified(&installed)) {
        if have >= wanted {
            println!("  ok       npm packages of tests/ (node_modules is up to date with package-lock.json)");
            return Ok(());
        }
    }
    println!("  install  npm packages of tests/ (npm ci)");
    run(command("npm", &["ci", "--no-audit", "--no-fund"], &tests)
        // Playwright drives Debian's Chromium; its own download fails here anyway.
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))
}

/// Plain `cargo fetch` skips the crates std itself needs on wasm32 (such as
/// dlmalloc) under build-std; naming the target fetches those too.
fn wasm_crates(root: &Path) -> Result {
    println!("  fetch    crates of the {WASM_TARGET} build (quick when cached)");
    run(as_wasm_build(&mut command(
        "cargo",
        &["fetch", "--target", WASM_TARGET],
        root,
    )))
}

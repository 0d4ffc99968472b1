//! Tidy checks over the whole repository, run as native tests.

use std::fs;
use std::path::{Path, PathBuf};

/// Folders that hold no source of ours.
const SKIPPED_DIRS: &[&str] = &[".git", "target", "dist", "node_modules"];

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if !SKIPPED_DIRS.iter().any(|skipped| name == *skipped) {
                rust_files(&path, found);
            }
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
}

/// ARCHITECTURE.md: every Rust file opens with one `//!` line saying what it is for.
#[test]
fn every_rust_file_opens_with_a_doc_line() {
    let root = crate::repo_root();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(
        !files.is_empty(),
        "no .rs files found under {}",
        root.display()
    );
    let undocumented: Vec<String> = files
        .iter()
        .filter(|path| !fs::read_to_string(path).is_ok_and(|text| text.starts_with("//!")))
        .map(|path| {
            path.strip_prefix(&root)
                .unwrap_or(path)
                .display()
                .to_string()
        })
        .collect();
    assert!(
        undocumented.is_empty(),
        "files without a leading `//!` line: {undocumented:?}"
    );
}

/// trunk uses the wasm-bindgen on PATH only when its version is exactly
/// `[tools] wasm_bindgen` of Trunk.toml, and set-up installs the Cargo.lock
/// version of the crate: the two must agree, or trunk tries to download.
#[test]
fn trunk_wants_the_wasm_bindgen_of_cargo_lock() {
    let root = crate::repo_root();
    let locked =
        crate::setup::locked_version(&root, "wasm-bindgen").expect("Cargo.lock names wasm-bindgen");
    let trunk_toml = fs::read_to_string(root.join("Trunk.toml")).expect("Trunk.toml is readable");
    let wanted = trunk_toml
        .lines()
        .find_map(|line| line.trim().strip_prefix("wasm_bindgen = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("Trunk.toml's [tools] names wasm_bindgen");
    assert_eq!(
        wanted, locked,
        "Trunk.toml's [tools] wasm_bindgen differs from the wasm-bindgen version in Cargo.lock"
    );
}

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

/// STYLE.md: every file opens with one `//!` line saying what it is for.
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

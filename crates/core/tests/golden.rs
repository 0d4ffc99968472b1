//! Golden trace hashes: fixed scenarios whose traces must hash the same on every platform and across changes.
//!
//! Each line of `golden_hashes.txt` is `<hash> <link>`. A change to the
//! engine that alters a trace shows up here; when it is intended, rewrite the
//! file with `GOBALANCE_UPDATE_GOLDEN=1 cargo test -p gobalance-core golden`.

use gobalance_core::link::parse;
use gobalance_core::simulate;

pub const GOLDEN: &str = include_str!("golden_hashes.txt");

/// Every golden link with the hash it has now.
pub fn current_hashes() -> Vec<(String, u64)> {
    GOLDEN
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let link = line
                .split_once(' ')
                .map_or(line, |(_, link)| link)
                .trim()
                .to_string();
            let scenario = parse(&link)
                .unwrap_or_else(|e| panic!("golden link {link}: {e}"))
                .scenario;
            let run = simulate(&scenario).unwrap_or_else(|e| panic!("golden link {link}: {e}"));
            (link, run.trace_hash)
        })
        .collect()
}

/// The lines whose hash differs from the recorded one, each with the link that reproduces it.
pub fn mismatches() -> Vec<String> {
    GOLDEN
        .lines()
        .filter(|line| !line.trim().is_empty())
        .zip(current_hashes())
        .filter_map(|(line, (link, hash))| {
            let recorded = line.split_once(' ').map_or("", |(h, _)| h);
            (recorded != format!("{hash:016x}"))
                .then(|| format!("{link}: recorded {recorded}, now {hash:016x}"))
        })
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn golden_trace_hashes_are_unchanged() {
    if std::env::var_os("GOBALANCE_UPDATE_GOLDEN").is_some() {
        let text: String = current_hashes()
            .iter()
            .map(|(link, hash)| format!("{hash:016x} {link}\n"))
            .collect();
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden_hashes.txt"),
            text,
        )
        .expect("write golden file");
        return;
    }
    let bad = mismatches();
    assert!(bad.is_empty(), "traces changed:\n{}", bad.join("\n"));
}

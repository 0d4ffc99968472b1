//! Golden trace hashes of interpreted programs: the same program on the same link hashes the same on every platform (natively here, in headless Chromium by `tests/wasm.rs`) and across changes.
//!
//! Each line of `golden_hashes.txt` is `<hash> <program> <link>`, the
//! program one of [`PROGRAMS`]. When a change is meant to alter a trace,
//! rewrite the file with `GOBALANCE_UPDATE_GOLDEN=1 cargo test -p
//! gobalance-lang golden`.

use gobalance_core::link::parse;
use gobalance_lang::run::run_source;

pub const GOLDEN: &str = include_str!("golden_hashes.txt");

/// The programs, carried in the test binary: the browser has no files to read.
pub const PROGRAMS: &[(&str, &str)] = &[
    ("pool", include_str!("../../core/go/pool/main.go")),
    ("steal", include_str!("../../core/go/steal/main.go")),
    ("ratelimit", include_str!("../../core/go/ratelimit/main.go")),
    ("leak", include_str!("../../core/go/leak/main.go")),
    (
        "worker_pool_sorted",
        include_str!("corpus/run/007_worker_pool_sorted.go"),
    ),
    ("fan_in", include_str!("corpus/run/008_fan_in.go")),
    (
        "context_timeout",
        include_str!("corpus/run/014_context_timeout.go"),
    ),
    (
        "loopvar_range_goroutines",
        include_str!("corpus/run/022_loopvar_range_goroutines.go"),
    ),
    (
        "rand_fixed_seed",
        include_str!("corpus/run/040_rand_fixed_seed.go"),
    ),
    (
        "select_ctx_worker",
        include_str!("corpus/run/042_select_ctx_worker.go"),
    ),
    (
        "steal_never_steals_fixed",
        include_str!("../../lessons/programs/steal-never-steals.fixed.go"),
    ),
];

/// Every golden line's program and link with the hash its run has now.
pub fn current_hashes() -> Vec<(String, String, u64)> {
    GOLDEN
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut parts = line.split_whitespace().skip(1);
            let (Some(name), Some(link)) = (parts.next(), parts.next()) else {
                panic!("a golden line is `<hash> <program> <link>`: {line}");
            };
            let source = PROGRAMS
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap_or_else(|| panic!("golden program {name} is not in PROGRAMS"))
                .1;
            let scenario = parse(link)
                .unwrap_or_else(|e| panic!("golden link {link}: {e}"))
                .scenario;
            let result = run_source(source, &scenario);
            let hash = result
                .trace_hash
                .unwrap_or_else(|| panic!("{name} on {link} did not end well:\n{}", result.stderr));
            (name.to_string(), link.to_string(), hash)
        })
        .collect()
}

/// The lines whose hash differs from the recorded one, each with what reproduces it.
pub fn mismatches() -> Vec<String> {
    GOLDEN
        .lines()
        .filter(|line| !line.trim().is_empty())
        .zip(current_hashes())
        .filter_map(|(line, (name, link, hash))| {
            let recorded = line.split_once(' ').map_or("", |(h, _)| h);
            (recorded != format!("{hash:016x}"))
                .then(|| format!("{name} on {link}: recorded {recorded}, now {hash:016x}"))
        })
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn golden_trace_hashes_of_programs_are_unchanged() {
    if std::env::var_os("GOBALANCE_UPDATE_GOLDEN").is_some() {
        let text: String = current_hashes()
            .iter()
            .map(|(name, link, hash)| format!("{hash:016x} {name} {link}\n"))
            .collect();
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden_hashes.txt"),
            text,
        )
        .expect("write the golden file");
        return;
    }
    let bad = mismatches();
    assert!(
        bad.is_empty(),
        "interpreted traces changed:\n{}",
        bad.join("\n")
    );
}

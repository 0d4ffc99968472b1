//! Fuzzes the whole path of a learner's program (parse, check, compile, run on the simulated runtime): never a panic or a hang, with small limits so each input runs in milliseconds.

#![no_main]

use gobalance_lang::run::{run_source_with, RunConfig};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(src) = std::str::from_utf8(bytes) else {
        return;
    };
    let scenario = gobalance_core::link::parse("tasks=20&workers=2&dur=1ms")
        .expect("a valid link")
        .scenario;
    // Small limits keep each input fast; the limits' own messages are part of what is fuzzed.
    let config = RunConfig {
        instructions_max: 200_000,
        frames_max: 200,
        slice_len_max: 1 << 16,
        ..RunConfig::default()
    };
    let result = run_source_with(src, &scenario, config, "main.go");
    assert!(
        matches!(result.exit_status, 0 | 1 | 2),
        "exit status {} for {src:?}",
        result.exit_status
    );
});

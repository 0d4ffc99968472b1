//! Fuzzes the parser and the type checker: any bytes give a tree or Go's errors, never a panic or a hang, and the checker never panics on a tree.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(file) = gobalance_lang::parse(bytes) {
        let _ = gobalance_lang::check::check(&file);
    }
});

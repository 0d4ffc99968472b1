//! `cargo xtask serve`: trunk serve on http://127.0.0.1:8080, cross-origin isolated.
//!
//! Address, port and the COOP/COEP headers live in Trunk.toml, so plain
//! `trunk serve` behaves the same.

use std::path::Path;

use crate::shell::{command, run};
use crate::Result;

pub fn serve(root: &Path) -> Result {
    println!("== serve: http://127.0.0.1:8080 (Ctrl-C stops)");
    run(command("trunk", &["serve"], root).env("TRUNK_OFFLINE", "true"))
}

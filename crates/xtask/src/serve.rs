//! `cargo xtask serve`: the release build, served on http://127.0.0.1:8080 and rebuilt on change.
//!
//! Address, port and the COOP/COEP headers live in Trunk.toml, so plain
//! `trunk serve --release` behaves the same. The release build is the one
//! the tests and the size budget measure; a debug wasm is 14 MB and not the
//! product. `--no-isolation` serves the built `dist/` without the headers,
//! as a static host that cannot set them would, so the service worker's
//! part can be seen.

use std::path::Path;

use crate::shell::{as_wasm_build, command, run};
use crate::Result;

pub fn serve(root: &Path, args: &[String]) -> Result {
    match args {
        [] => {
            println!("== serve: the release build on http://127.0.0.1:8080, rebuilt on every change: reload the page to see it (Ctrl-C stops)");
            println!("   a first build takes about 3 minutes, a rebuild after an edit about 30 s");
            run(as_wasm_build(&mut command(
                "trunk",
                &["serve", "--release"],
                root,
            )))
        }
        [flag] if flag == "--no-isolation" => {
            run(as_wasm_build(&mut command(
                "trunk",
                &["build", "--release"],
                root,
            )))?;
            println!("== serve: dist/ on http://127.0.0.1:8080 without COOP/COEP, as a plain static host (Ctrl-C stops)");
            run(&mut command(
                "node",
                &["serve-dist.mjs", "--port", "8080", "--no-isolation"],
                &root.join("tests"),
            ))
        }
        other => Err(format!(
            "serve takes no argument or --no-isolation, not `{}`",
            other.join(" ")
        )),
    }
}

//! Runs Go 1.19's compiler on a source file, and reads the errors it prints.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The errors `go build` prints for `src` as the file main.go, each as
/// `LINE:COL: message` (the form of `SyntaxError`'s `Display`), in order.
/// Fails the test if Go 1.19 is not installed: it is part of the set-up.
pub fn build_errors(src: &[u8]) -> Vec<String> {
    static NEXT_DIR: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "gobalance-lang-{}-{}",
        std::process::id(),
        NEXT_DIR.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("create a temporary directory");
    std::fs::write(dir.join("main.go"), src).expect("write main.go");
    let output = go_command(&dir)
        .args(["build", "-o", "/dev/null", "main.go"])
        .output()
        .expect("run go build");
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    // The compiler's errors read `./main.go:L:C: ...`; the go command's own
    // (from reading the package clause and imports) `main.go:L:C: ...`.
    text.lines()
        .filter_map(|line| {
            line.strip_prefix("./main.go:")
                .or_else(|| line.strip_prefix("main.go:"))
        })
        .map(str::to_string)
        .collect()
}

/// `go` of Go 1.19 run in `dir`, offline and with nothing from the
/// environment that would change what it builds: every test that asks Go
/// asks it this way.
pub fn go_command(dir: &Path) -> Command {
    let mut command = Command::new(go_binary());
    command
        .current_dir(dir)
        .env("GOFLAGS", "")
        .env("GOPROXY", "off")
        .env("GOWORK", "off")
        .env("GO111MODULE", "on")
        .env("GOTOOLCHAIN", "local");
    command
}

/// The `go` of Go 1.19: the one on the PATH, or Debian's golang-1.19.
fn go_binary() -> PathBuf {
    static GO: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    GO.get_or_init(|| {
        let candidates = [PathBuf::from("go"), PathBuf::from("/usr/lib/go-1.19/bin/go")];
        for go in &candidates {
            let Ok(output) = Command::new(go).arg("version").output() else { continue };
            if String::from_utf8_lossy(&output.stdout).contains("go1.19") {
                return go.clone();
            }
        }
        panic!(
            "these tests compare with Go 1.19's compiler, and found no Go 1.19 (`go` on the PATH or {}); \
             install it (Debian: apt-get install golang-1.19-go)",
            Path::new("/usr/lib/go-1.19/bin/go").display()
        )
    })
    .clone()
}

/// Runs `build_errors` on many sources, a few at a time.
pub fn build_errors_all(sources: &[Vec<u8>]) -> Vec<Vec<String>> {
    const AT_ONCE: usize = 4;
    let mut results = Vec::with_capacity(sources.len());
    for chunk in sources.chunks(AT_ONCE) {
        let batch: Vec<Vec<String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .iter()
                .map(|src| scope.spawn(|| build_errors(src)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("go build thread"))
                .collect()
        });
        results.extend(batch);
    }
    results
}

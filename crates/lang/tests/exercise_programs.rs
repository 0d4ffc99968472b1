//! The lessons' "fix the program" programs, broken and fixed, are Go 1.19's too: `go vet` accepts each beside the `work` package.

use std::path::Path;

use crate::go::go_command;

#[test]
fn every_exercise_program_passes_go_vet() {
    let programs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons/programs");
    let go_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/go");
    let module = std::env::temp_dir().join(format!("gobalance-exercises-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&module);
    std::fs::create_dir_all(module.join("work")).expect("create the module");
    std::fs::copy(go_root.join("go.mod"), module.join("go.mod")).expect("copy go.mod");
    for entry in std::fs::read_dir(go_root.join("work")).expect("read work/") {
        let path = entry.expect("an entry").path();
        std::fs::copy(
            &path,
            module.join("work").join(path.file_name().expect("a name")),
        )
        .expect("copy the work package");
    }
    let mut vetted = 0;
    for entry in std::fs::read_dir(&programs).expect("read the exercise programs") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .replace('.', "-");
        let dir = module.join(&name);
        std::fs::create_dir_all(&dir).expect("a folder per program");
        std::fs::copy(&path, dir.join("main.go")).expect("copy the program");
        let output = go_command(&module)
            .args(["vet", &format!("./{name}")])
            .output()
            .expect("run go vet");
        assert!(
            output.status.success(),
            "{}: go vet says\n{}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        vetted += 1;
    }
    let _ = std::fs::remove_dir_all(&module);
    assert_eq!(vetted, 6, "three programs to fix, each with its fix");
}

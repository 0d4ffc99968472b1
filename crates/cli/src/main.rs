//! The `gobalance` binary: a thin shell over `gobalance_cli::main`, so every command is testable as a library.

fn main() -> std::process::ExitCode {
    gobalance_cli::main(std::env::args_os())
}

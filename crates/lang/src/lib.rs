//! gobalance-lang: reading the Go programs a learner writes, for the simulated runtime to run.
//!
//! The playground lets a learner edit a Go program and run it on
//! gobalance's simulated runtime. A program goes through three steps:
//!
//! 1. **Parse** ([`parse`]): source bytes to a syntax tree ([`ast::File`]),
//!    or the syntax errors Go 1.19's compiler would print, with its words
//!    and positions (line, and column in bytes).
//! 2. **Check** ([`check`]): resolve names and compute types, keeping them
//!    in side tables indexed by each node's [`ast::NodeId`]; report the
//!    type errors `go build` would.
//! 3. **Run** ([`run`]): compile the checked tree for a stack machine and
//!    run it on the simulated runtime, each goroutine a goroutine of the
//!    engine.
//!
//! The parser takes the whole of Go's syntax for the subset the playground
//! supports (and most of the rest): see [`parse`] for what is left out.
//! It never panics and never recurses without bound, whatever the input:
//! the input is limited to [`MAX_SOURCE_BYTES`], nesting to
//! [`MAX_NESTING`] levels and [`MAX_STACK_BYTES`] of stack, and its time is
//! linear in the input.
//!
//! Modules: [`token`] (tokens, positions), `lex` (the scanner), [`ast`]
//! (the tree), `parse` (the parser), `header` (the go command's own reading
//! of the package clause and imports, which reports errors there first, in
//! go/parser's words), [`print`] (Go text for messages), [`error`] (errors,
//! and which of them Go shows).

pub mod ast;
pub mod check;
pub mod error;
mod header;
mod lex;
mod parse;
pub mod print;
pub mod run;
pub mod share;
pub mod token;

pub use error::SyntaxError;

/// The largest source accepted, in bytes: far above any program a learner
/// types, small enough to parse in a blink in a browser tab.
pub const MAX_SOURCE_BYTES: usize = 1 << 20;

/// The deepest nesting of brackets, blocks, types and statements accepted.
pub const MAX_NESTING: u32 = 1000;

/// The most stack the parser's recursion may use. A level of nesting costs
/// from tens of bytes (`!!!x`) to a few KiB (a function literal in a
/// function literal), several times more in debug builds; half of
/// WebAssembly's default 1 MiB stack leaves the rest to the caller. In an
/// optimized build this allows about 300 nested parentheses or 100 nested
/// function literals, far beyond what a person writes.
pub const MAX_STACK_BYTES: usize = 512 * 1024;

/// Parses one Go source file.
///
/// On error, returns what `go build` would print for the file, in its
/// order: syntax and lexical errors, at most one syntax error a line, at
/// most ten (then `too many errors`). A source that breaks a limit of this
/// crate gets a message naming the limit, last.
///
/// Not parsed as Go does: type parameters of generic types in forms other
/// than `type T[P Bound]` (e.g. `type T[P *C] ...` reads as an array
/// length); `//line` directives are plain comments. Go's branch checks
/// (`label L defined and not used`, `break is not in a loop`), which its
/// compiler runs while parsing, are left to the checker.
pub fn parse(src: impl AsRef<[u8]>) -> Result<ast::File, Vec<SyntaxError>> {
    let src = src.as_ref();
    if src.len() > MAX_SOURCE_BYTES {
        let message = format!(
            "source too large: {} bytes (the limit is {MAX_SOURCE_BYTES} bytes, 1 MiB)",
            src.len()
        );
        return Err(vec![SyntaxError::new(token::Pos::new(1, 1), message)]);
    }
    // `go build` reads the package clause and imports before compiling,
    // and stops at an error there.
    if let Some(error) = header::check(src) {
        return Err(vec![error]);
    }
    let (file, diagnostics) = parse::Parser::new(src).parse_file();
    match file {
        Some(file) if diagnostics.is_empty() => Ok(file),
        _ => Err(diagnostics.into_sorted()),
    }
}

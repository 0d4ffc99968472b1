//! The Go programs the strategies stand for, and the source lines their operations point at.
//!
//! A Go program marks the lines the simulator refers to with a trailing
//! `//@name` comment (several: `//@a @b`). Strategies resolve those names to
//! line numbers once per run, so the cursor a view draws always lands on the
//! line of the `.go` file that does the same thing. [`display_source`] strips
//! the markers for people.

/// Declares a strategy's marker names and resolves them against its source.
macro_rules! go_lines {
    ($name:ident { $($field:ident),* $(,)? }) => {
        #[derive(Clone, Copy, Debug)]
        pub(crate) struct $name { $(pub $field: u16),* }
        impl $name {
            pub(crate) fn resolve(source: &str) -> $name {
                $name { $($field: crate::program::line_of(source, stringify!($field))),* }
            }
            #[cfg(test)]
            pub(crate) const MARKERS: &'static [&'static str] = &[$(stringify!($field)),*];
        }
    };
}
pub(crate) use go_lines;

/// The 1-based line that carries `//@marker`, or 0 if none does (a test
/// checks every strategy's markers exist, so 0 never reaches a user).
pub fn line_of(source: &str, marker: &str) -> u16 {
    source
        .lines()
        .position(|line| markers(line).any(|m| m == marker))
        .map_or(0, |i| u16::try_from(i + 1).unwrap_or(u16::MAX))
}

fn markers(line: &str) -> impl Iterator<Item = &str> {
    line.split_once("//@")
        .map(|(_, tail)| tail)
        .into_iter()
        .flat_map(|tail| tail.split_whitespace().map(|m| m.trim_start_matches('@')))
}

/// The program as a person should read it: markers removed, lines kept in place.
pub fn display_source(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.split_once("//@") {
            Some((code, _)) => code.trim_end(),
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_resolve_to_their_line_and_vanish_from_display() {
        let src = "package main\n\nfunc main() { //@start @entry\n\tx := 1 //@assign\n}\n";
        assert_eq!(line_of(src, "start"), 3);
        assert_eq!(line_of(src, "entry"), 3);
        assert_eq!(line_of(src, "assign"), 4);
        assert_eq!(line_of(src, "missing"), 0);
        assert_eq!(
            display_source(src),
            "package main\n\nfunc main() {\n\tx := 1\n}"
        );
    }
}

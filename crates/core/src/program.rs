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

/// The command-line flags that make a strategy's Go program run `scenario`
/// with exactly these task `durations` (the ones the simulation drew), so
/// the real program and the simulation do the same work.
pub fn go_args(scenario: &crate::Scenario, durations: &[crate::Nanos]) -> Vec<String> {
    use crate::scenario::{Limiter, MainWait, StealAmount};
    let p = &scenario.params;
    let w = &scenario.workload;
    let list: Vec<String> = durations.iter().map(|d| d.to_string()).collect();
    let cpu = format!("{}.{:03}", w.cpu_permille / 1000, w.cpu_permille % 1000);
    let wait = match p.main_wait {
        MainWait::WaitGroup => "wg".to_string(),
        MainWait::Nothing => "none".to_string(),
        MainWait::Sleep(d) => d.to_string(),
    };
    let flags: [(&str, String); 17] = [
        ("workers", p.workers.to_string()),
        ("min_workers", p.min_workers.to_string()),
        ("max_workers", p.max_workers.to_string()),
        ("interval", p.sample_interval.to_string()),
        ("rate", p.rate_per_s.to_string()),
        ("burst", p.burst.to_string()),
        (
            "limiter",
            if p.limiter == Limiter::Bucket {
                "bucket"
            } else {
                "ticker"
            }
            .to_string(),
        ),
        (
            "steal",
            if p.steal == StealAmount::One {
                "one"
            } else {
                "half"
            }
            .to_string(),
        ),
        ("tasks_buffer", p.tasks_buffer.to_string()),
        ("results_buffer", p.results_buffer.to_string()),
        ("ordered", p.ordered.to_string()),
        ("cancel_after", p.cancel_after.to_string()),
        ("ctx", p.with_context.to_string()),
        ("wait", wait),
        ("tasks", w.tasks.to_string()),
        ("durations", list.join(",")),
        ("cpu", cpu),
    ];
    flags
        .into_iter()
        .map(|(name, value)| format!("-{name}={value}"))
        .collect()
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

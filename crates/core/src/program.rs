//! The Go programs the strategies stand for, and the source lines their operations point at.
//!
//! A Go program marks the lines the simulator refers to with a trailing
//! `//@name` comment (several: `//@a @b`). Strategies resolve those names to
//! line numbers once per run, so the cursor a view draws always lands on the
//! line of the `.go` file that does the same thing. [`display_source`] strips
//! the markers for people. [`go_flags`] are the flags that run a program on
//! a scenario.

use crate::{Nanos, Scenario};

/// Declares a strategy's marker names and resolves them against its
/// source; the simulated strategies and the real ones (gobalance-real) both
/// use it, so both point into the same Go program.
#[macro_export]
macro_rules! go_lines {
    ($name:ident { $($field:ident),* $(,)? }) => {
        #[derive(Clone, Copy, Debug)]
        pub(crate) struct $name { $(pub $field: u16),* }
        impl $name {
            pub(crate) fn resolve(source: &str) -> $name {
                $name { $($field: $crate::program::line_of(source, stringify!($field))),* }
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

/// The value of one of the Go programs' flags, typed as `work.Parse` declares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoValue {
    Int(u64),
    Text(String),
    Bool(bool),
    Duration(Nanos),
    /// Thousandths, a Go `float64` flag: `cpu=0.5` is `Milli(500)`.
    Milli(u32),
}

impl GoValue {
    /// As written on a command line, `-name=<this>`.
    pub fn arg(&self) -> String {
        match self {
            GoValue::Int(n) => n.to_string(),
            GoValue::Text(text) => text.clone(),
            GoValue::Bool(flag) => flag.to_string(),
            // Go's time.ParseDuration reads every unit Nanos prints.
            GoValue::Duration(d) => d.to_string(),
            GoValue::Milli(m) => milli(*m),
        }
    }

    /// As a Go expression of the flag's type, for a default in the source.
    pub fn go_literal(&self) -> String {
        match self {
            GoValue::Text(text) => {
                let mut quoted = String::with_capacity(text.len() + 2);
                quoted.push('"');
                for c in text.chars() {
                    if c == '"' || c == '\\' {
                        quoted.push('\\');
                    }
                    quoted.push(c);
                }
                quoted.push('"');
                quoted
            }
            GoValue::Duration(d) => {
                const UNITS: [(u64, &str); 3] = [
                    (1_000_000_000, "time.Second"),
                    (1_000_000, "time.Millisecond"),
                    (1_000, "time.Microsecond"),
                ];
                match UNITS.iter().find(|(scale, _)| d.0 != 0 && d.0 % scale == 0) {
                    Some((scale, unit)) => format!("{}*{unit}", d.0 / scale),
                    None => d.0.to_string(),
                }
            }
            other => other.arg(),
        }
    }
}

/// Thousandths as the shortest decimal: 500 is `0.5`, 1000 is `1`.
fn milli(m: u32) -> String {
    let text = format!("{}.{:03}", m / 1000, m % 1000);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Every flag the Go programs read, named as the link's fields, with
/// `scenario`'s values: `work.Parse` draws the durations from `dist`, `dur`
/// and `seed` as the simulation does, or takes the `durations` list.
pub fn go_flags(scenario: &Scenario) -> Vec<(&'static str, GoValue)> {
    use crate::scenario::{Limiter, MainWait, StealAmount};
    use GoValue::*;
    let p = &scenario.params;
    let w = &scenario.workload;
    let list: Vec<String> = w.durations.iter().map(Nanos::to_string).collect();
    let wait = match p.main_wait {
        MainWait::WaitGroup => "wg".to_string(),
        MainWait::Nothing => "none".to_string(),
        MainWait::Sleep(d) => d.to_string(),
    };
    let limiter = match p.limiter {
        Limiter::Ticker => "ticker",
        Limiter::Bucket => "bucket",
        Limiter::Tick => "tick",
    };
    let steal = match p.steal {
        StealAmount::One => "one",
        StealAmount::Half => "half",
    };
    vec![
        ("dist", Text(w.dist.key().to_string())),
        ("dur", Duration(w.dur)),
        ("durations", Text(list.join(","))),
        ("alpha", Milli(w.alpha_milli)),
        ("long_share", Milli(w.long_share_permille)),
        ("long_factor", Int(w.long_factor.into())),
        ("seed", Int(scenario.seed)),
        ("cores", Int(scenario.machine.cores.into())),
        ("workers", Int(p.workers.into())),
        ("min_workers", Int(p.min_workers.into())),
        ("max_workers", Int(p.max_workers.into())),
        ("tasks", Int(w.tasks.into())),
        ("tasks_buffer", Int(p.tasks_buffer.into())),
        ("results_buffer", Int(p.results_buffer.into())),
        ("rate", Int(p.rate_per_s.into())),
        ("burst", Int(p.burst.into())),
        ("cancel_after", Int(p.cancel_after.into())),
        ("interval", Duration(p.sample_interval)),
        ("cpu", Milli(w.cpu_permille)),
        ("limiter", Text(limiter.to_string())),
        ("steal", Text(steal.to_string())),
        ("wait", Text(wait)),
        ("ordered", Bool(p.ordered)),
        ("ctx", Bool(p.with_context)),
    ]
}

/// The command-line flags that make a strategy's Go program run `scenario`
/// with exactly these task `durations` (the ones the simulation drew), so
/// the real program and the simulation do the same work.
pub fn go_args(scenario: &Scenario, durations: &[Nanos]) -> Vec<String> {
    let list: Vec<String> = durations.iter().map(Nanos::to_string).collect();
    go_flags(scenario)
        .into_iter()
        .map(|(name, value)| {
            let value = match name {
                "dist" => GoValue::Text("list".to_string()),
                "durations" => GoValue::Text(list.join(",")),
                _ => value,
            };
            format!("-{name}={}", value.arg())
        })
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

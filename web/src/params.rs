//! The parameter panel's fields: which ones each strategy reads, their current text, and edits checked by the link parser.
//!
//! An edit is a link edit: the scenario is printed as its canonical query,
//! the edited key is replaced, and the result is parsed by the core's own
//! link parser. So the panel accepts exactly what a link accepts (units,
//! ranges, the rules between keys) and a refused value comes back as the same
//! field error a bad link shows.

use gobalance_core::link::{self, Link, FIELDS};
use gobalance_core::scenario::FieldError;
use gobalance_core::{Scenario, Strategy};

/// How a field is edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// A whole number with the link's range.
    Number { min: u64, max: u64 },
    /// Free text in the link's syntax: a duration such as `100ms`, a list, a decimal.
    Text,
    /// One of these link words, with what the menu shows for each.
    Choice(&'static [(&'static str, &'static str)]),
    /// `true` or `false`.
    Toggle,
}

/// One field of the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The link key it edits.
    pub key: &'static str,
    pub label: &'static str,
    pub input: Input,
}

const fn field(key: &'static str, label: &'static str, input: Input) -> Field {
    Field { key, label, input }
}

const WORKERS: Field = field(
    "workers",
    "workers",
    Input::Number {
        min: 1,
        max: 100_000,
    },
);
const TASKS_BUFFER: Field = field(
    "tasks_buffer",
    "tasks buffer",
    Input::Number {
        min: 0,
        max: 5_000_000,
    },
);
const RESULTS_BUFFER: Field = field(
    "results_buffer",
    "results buffer",
    Input::Number {
        min: 0,
        max: 5_000_000,
    },
);

/// The parameters a strategy's program reads (its `s.params` fields), in panel order.
pub fn strategy_fields(strategy: Strategy) -> Vec<Field> {
    match strategy {
        Strategy::Unbounded => vec![field(
            "wait",
            "main waits (wg, none, or a sleep)",
            Input::Text,
        )],
        Strategy::Pool => vec![WORKERS, TASKS_BUFFER, RESULTS_BUFFER],
        Strategy::Static => vec![WORKERS],
        Strategy::Steal => vec![
            WORKERS,
            field(
                "steal",
                "steal",
                Input::Choice(&[("half", "half"), ("one", "one")]),
            ),
        ],
        Strategy::Dynamic => vec![
            field(
                "min_workers",
                "min workers",
                Input::Number {
                    min: 1,
                    max: 100_000,
                },
            ),
            field(
                "max_workers",
                "max workers",
                Input::Number {
                    min: 1,
                    max: 100_000,
                },
            ),
            field("interval", "sample interval", Input::Text),
            TASKS_BUFFER,
            RESULTS_BUFFER,
        ],
        Strategy::Fanout => vec![
            WORKERS,
            field("ordered", "restore input order", Input::Toggle),
            TASKS_BUFFER,
            RESULTS_BUFFER,
        ],
        Strategy::RateLimit => vec![
            WORKERS,
            field(
                "limiter",
                "limiter",
                Input::Choice(&[("ticker", "ticker"), ("bucket", "token bucket")]),
            ),
            field(
                "rate",
                "rate (tasks/s)",
                Input::Number {
                    min: 1,
                    max: 1_000_000_000,
                },
            ),
            field(
                "burst",
                "burst",
                Input::Number {
                    min: 1,
                    max: 100_000,
                },
            ),
            TASKS_BUFFER,
            RESULTS_BUFFER,
        ],
        Strategy::Semaphore => vec![field(
            "workers",
            "semaphore slots",
            Input::Number {
                min: 1,
                max: 100_000,
            },
        )],
        Strategy::Leak => vec![
            field(
                "cancel_after",
                "keep first N results",
                Input::Number {
                    min: 0,
                    max: 5_000_000,
                },
            ),
            field("ctx", "producers watch ctx.Done()", Input::Toggle),
        ],
    }
}

const DISTS: &[(&str, &str)] = &[
    ("fixed", "fixed"),
    ("uniform", "uniform"),
    ("exp", "exponential"),
    ("pareto", "Pareto (heavy tail)"),
    ("bimodal", "bimodal"),
    ("list", "explicit list"),
];

/// The workload's fields; the distribution decides which extra ones apply.
pub fn workload_fields(scenario: &Scenario) -> Vec<Field> {
    let mut fields = vec![
        field(
            "tasks",
            "tasks",
            Input::Number {
                min: 1,
                max: 5_000_000,
            },
        ),
        field("dist", "durations", Input::Choice(DISTS)),
    ];
    match scenario.workload.dist.key() {
        "list" => fields.push(field("durations", "durations list", Input::Text)),
        "pareto" => {
            fields.push(field("dur", "mean duration", Input::Text));
            fields.push(field("alpha", "alpha", Input::Text));
        }
        "bimodal" => {
            fields.push(field("dur", "short duration", Input::Text));
            fields.push(field("long_share", "long share", Input::Text));
            fields.push(field(
                "long_factor",
                "long factor",
                Input::Number {
                    min: 1,
                    max: 10_000,
                },
            ));
        }
        "fixed" => fields.push(field("dur", "duration", Input::Text)),
        _ => fields.push(field("dur", "mean duration", Input::Text)),
    }
    fields.push(field("cpu", "CPU share (0 to 1)", Input::Text));
    fields
}

/// The machine and the seed.
pub fn machine_fields() -> Vec<Field> {
    vec![
        field(
            "cores",
            "cores (GOMAXPROCS)",
            Input::Number { min: 1, max: 256 },
        ),
        field(
            "seed",
            "seed",
            Input::Number {
                min: 0,
                max: u64::MAX,
            },
        ),
    ]
}

/// The strategy menu: every strategy, in lesson order.
pub fn strategy_choices() -> Vec<(&'static str, &'static str)> {
    Strategy::ALL.iter().map(|s| (s.key(), s.title())).collect()
}

/// The current text of `key` for `scenario`, as a link would print it.
pub fn value(scenario: &Scenario, key: &str) -> String {
    // `durations` alone implies `dist=list`, so links leave `dist` out then.
    if key == "dist" {
        return scenario.workload.dist.key().to_owned();
    }
    let query = scenario_query(scenario);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.to_owned())
        .or_else(|| {
            FIELDS
                .iter()
                .find(|f| f.name == key)
                .map(|f| f.default_value())
        })
        .unwrap_or_default()
}

/// What the help text of a field says, from the link format's registry.
pub fn meaning(key: &str) -> String {
    FIELDS
        .iter()
        .find(|f| f.name == key)
        .map(|f| format!("{} Allowed: {}.", f.meaning, f.range()))
        .unwrap_or_default()
}

fn scenario_query(scenario: &Scenario) -> String {
    link::to_query(&Link {
        scenario: scenario.clone(),
        view: link::View::default(),
    })
}

/// Applies one edit through the link parser; a refused value names its field.
pub fn edit(scenario: &Scenario, key: &str, text: &str) -> Result<Scenario, FieldError> {
    let text = text.trim();
    let mut pairs: Vec<String> = scenario_query(scenario)
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| {
            let k = pair.split_once('=').map_or(*pair, |(k, _)| k);
            // A new distribution other than `list` drops the explicit list,
            // which would otherwise imply `dist=list` again.
            k != key && !(key == "dist" && k == "durations")
        })
        .map(str::to_owned)
        .collect();
    pairs.push(format!("{key}={}", encode(text)));
    match link::parse(&pairs.join("&")) {
        Ok(link) => Ok(link.scenario),
        Err(errors) => {
            let mine = errors.0.iter().find(|e| e.field == key).cloned();
            Err(mine.unwrap_or_else(|| errors.0[0].clone()))
        }
    }
}

/// Percent-encodes what a query value may not hold, as a form would.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b',' | b'-' | b'_' | b'~' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gobalance_core::scenario::Dist;
    use gobalance_core::Nanos;

    #[test]
    fn each_strategy_lists_the_parameters_its_program_reads() {
        let keys = |s| strategy_fields(s).iter().map(|f| f.key).collect::<Vec<_>>();
        assert_eq!(
            keys(Strategy::Pool),
            ["workers", "tasks_buffer", "results_buffer"]
        );
        assert_eq!(keys(Strategy::Steal), ["workers", "steal"]);
        assert_eq!(keys(Strategy::Unbounded), ["wait"]);
        assert_eq!(keys(Strategy::Leak), ["cancel_after", "ctx"]);
        for strategy in Strategy::ALL {
            for f in strategy_fields(strategy) {
                assert!(
                    FIELDS.iter().any(|doc| doc.name == f.key),
                    "{} is a link key",
                    f.key
                );
            }
        }
    }

    #[test]
    fn values_are_read_as_links_print_them_with_defaults_filled_in() {
        let s = Scenario::default();
        assert_eq!(value(&s, "strategy"), "pool");
        assert_eq!(value(&s, "workers"), "4");
        assert_eq!(value(&s, "dur"), "100ms");
    }

    #[test]
    fn an_edit_goes_through_the_link_parser() {
        let s = Scenario::default();
        let edited = edit(&s, "dur", "1.5ms").unwrap();
        assert_eq!(edited.workload.dur, Nanos(1_500_000));
        let steal = edit(&edited, "strategy", "steal").unwrap();
        assert_eq!(steal.strategy, Strategy::Steal);
        assert_eq!(steal.workload.dur, Nanos(1_500_000), "other fields stay");

        let refused = edit(&s, "workers", "0").unwrap_err();
        assert_eq!(refused.field, "workers");
        assert_eq!(refused.given, "0");

        let junk = edit(&s, "dur", "fast&slow").unwrap_err();
        assert_eq!(junk.field, "dur");
    }

    #[test]
    fn choosing_a_distribution_drops_an_explicit_list() {
        let listed = edit(&Scenario::default(), "durations", "10ms,20ms").unwrap();
        assert_eq!(listed.workload.dist, Dist::List);
        let exp = edit(&listed, "dist", "exp").unwrap();
        assert_eq!(exp.workload.dist, Dist::Exponential);
        assert!(exp.workload.durations.is_empty());
        let keys: Vec<&str> = workload_fields(&exp).iter().map(|f| f.key).collect();
        assert_eq!(keys, ["tasks", "dist", "dur", "cpu"]);
    }
}

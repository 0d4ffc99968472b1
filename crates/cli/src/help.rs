//! The long help: examples, the strategies, and every link field from `link::FIELDS` with its range, default and meaning.

use gobalance_core::link::{FieldDoc, FIELDS};
use gobalance_core::Strategy;
use std::fmt::Write as _;

/// Help text is wrapped to fit an 80-column terminal.
const WIDTH: usize = 80;
const INDENT: &str = "      ";

/// Everything `gobalance help` prints after clap's usage and command list.
pub fn long_help() -> String {
    let mut out = String::new();
    out.push_str(
        "Examples:
  gobalance run 'strategy=pool&workers=4&tasks=20&dur=100ms'
  gobalance run 'strategy=pool&workers=4' --json
  gobalance sweep 'strategy=steal&dist=pareto&dur=20ms' --workers 1..16
  gobalance trace 'strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms' -o run.json
  gobalance code steal

Links:
  A link is a scenario written as a URL query, keys and values joined by `&`.
  Quote it: the shell ends a command at `&`. A whole share URL works too.
  Every field has a default, so 'strategy=pool' alone is a scenario.

Strategies:
",
    );
    for strategy in Strategy::ALL {
        let _ = writeln!(out, "  {:<12}{}", strategy.key(), strategy.title());
    }
    out.push_str("\nLink fields:\n");
    for doc in FIELDS.iter().filter(|doc| !doc.is_view()) {
        field(&mut out, doc);
    }
    out.push_str(
        "\nView fields (the page's state in a shared link; the command line ignores them):\n",
    );
    for doc in FIELDS.iter().filter(|doc| doc.is_view()) {
        field(&mut out, doc);
    }
    out.push_str(
        "\nExit status:
  0 on success; 2 on bad input (every problem on standard error, one a line)
  or when the simulated program fails (deadlock, panic, a limit).
",
    );
    out
}

fn field(out: &mut String, doc: &FieldDoc) {
    let _ = writeln!(out, "  {}", doc.name);
    wrap(out, doc.meaning);
    wrap(
        out,
        &format!("Values: {}. Default: {}.", doc.range(), doc.default_value()),
    );
}

/// Appends `text` as indented lines of at most [`WIDTH`] columns, breaking between words.
fn wrap(out: &mut String, text: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && INDENT.len() + line.len() + 1 + word.len() > WIDTH {
            let _ = writeln!(out, "{INDENT}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{INDENT}{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_the_terminal_and_keep_every_word() {
        let text = "word ".repeat(40);
        let mut out = String::new();
        wrap(&mut out, &text);
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH), "{out}");
        assert_eq!(out.split_whitespace().count(), 40);
    }
}

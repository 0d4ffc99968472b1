//! `gobalance help` (also `--help` and no arguments) lists every link field and strategy; `code` prints the Go programs.

use crate::support::{gobalance, stdout_of};
use gobalance_core::link::FIELDS;
use gobalance_core::Strategy;
use predicates::prelude::*;

#[test]
fn help_lists_every_field_with_its_range_and_default() {
    for args in [&["help"][..], &["--help"][..], &[][..]] {
        let help = stdout_of(args);
        // Wrapping breaks lines anywhere, so compare with whitespace collapsed.
        let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
        for doc in FIELDS {
            assert!(
                help.lines().any(|line| line.trim() == doc.name),
                "`gobalance {}` lacks the field {}",
                args.join(" "),
                doc.name
            );
            let meaning = doc.meaning.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(&meaning), "no meaning for {}", doc.name);
            let values = format!("Values: {}. Default: {}.", doc.range(), doc.default_value());
            assert!(flat.contains(&values), "no `{values}` for {}", doc.name);
        }
        for strategy in Strategy::ALL {
            assert!(
                help.contains(strategy.key()),
                "no strategy {}",
                strategy.key()
            );
        }
        assert!(help.contains("Usage:"));
    }
}

#[test]
fn code_prints_each_strategys_go_program_without_markers() {
    for strategy in Strategy::ALL {
        gobalance()
            .args(["code", strategy.key()])
            .assert()
            .success()
            .stdout(predicate::str::contains("package main"))
            .stdout(predicate::str::contains("//@").not());
    }
}

#[test]
fn code_takes_a_link_too() {
    let by_name = stdout_of(&["code", "steal"]);
    let by_link = stdout_of(&["code", "strategy=steal&workers=8"]);
    assert_eq!(by_name, by_link);
}

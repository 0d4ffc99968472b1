//! Fuzzes the scenario link parser: it never panics or hangs, the lenient result always validates, and whatever parses prints back to itself.

#![no_main]

use gobalance_core::link::{parse, parse_lenient, to_query};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // Links arrive as text; invalid UTF-8 becomes U+FFFD, as a browser would show it.
    let input = String::from_utf8_lossy(bytes);
    let (lenient, _) = parse_lenient(&input);
    if let Err(errors) = lenient.scenario.validate() {
        panic!("lenient parse of {input:?} gave an invalid scenario: {errors:?}");
    }
    if let Ok(link) = parse(&input) {
        let query = to_query(&link);
        match parse(&query) {
            Ok(again) if again == link => {}
            Ok(again) => {
                panic!("{input:?} printed as {query:?} parses to a different link: {again:?}")
            }
            Err(errors) => panic!("{input:?} printed as {query:?} is refused:\n{errors}"),
        }
        let again = to_query(&parse(&query).expect("checked above"));
        assert_eq!(again, query, "printing {input:?} is not stable");
    }
});

//! Numbers in links: whole numbers, exact decimals, durations and byte sizes, read as integers (never through `f64`) and written back.

use crate::time::Nanos;

/// The byte units a size may be written in, largest first, so printing picks the largest that divides.
const BYTE_UNITS: [(u64, &str); 3] = [(1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")];

/// Digits only: `7`, never `7.0`.
pub(super) fn parse_whole(text: &str) -> Option<u64> {
    if text.contains('.') {
        return None;
    }
    parse_exact(text, 1)
}

/// `digits[.digits]` times `unit`, exactly: None if malformed, past `u64`, or
/// not a whole number of the stored unit (`0.1234` thousandths).
pub(super) fn parse_exact(number: &str, unit: u64) -> Option<u64> {
    let (int_digits, frac_digits) = match number.split_once('.') {
        Some((int_digits, frac_digits)) => (int_digits, Some(frac_digits)),
        None => (number, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int_digits) {
        return None;
    }
    let mut whole: u64 = 0;
    for b in int_digits.bytes() {
        whole = whole.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    let mut total = whole.checked_mul(unit)?;
    if let Some(frac_digits) = frac_digits {
        if !all_digits(frac_digits) {
            return None;
        }
        // Trailing zeros change nothing; past 9 significant decimals no value
        // is whole in any stored unit (the finest is 1 ns of a second).
        let frac_digits = frac_digits.trim_end_matches('0');
        if frac_digits.len() > 9 {
            return None;
        }
        let mut frac: u128 = 0;
        for b in frac_digits.bytes() {
            frac = frac * 10 + u128::from(b - b'0');
        }
        let scale = 10u128.pow(frac_digits.len() as u32);
        let scaled = frac * u128::from(unit);
        if !scaled.is_multiple_of(scale) {
            return None;
        }
        total = total.checked_add(u64::try_from(scaled / scale).ok()?)?;
    }
    Some(total)
}

/// `1.5ms`, `100us` (also `µs`), `2s`, `7ns`, or a bare `0` as Go's `time.ParseDuration` allows.
pub fn parse_duration(text: &str) -> Option<Nanos> {
    if text == "0" {
        return Some(Nanos::ZERO);
    }
    let unit_at = text.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, unit) = text.split_at(unit_at);
    let unit_ns = match unit {
        "ns" => 1,
        // The micro sign (U+00B5) and the Greek mu (U+03BC) look alike; accept both.
        "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        _ => return None,
    };
    parse_exact(number, unit_ns).map(Nanos)
}

/// `2048`, `2KB`, `1.5MB`: binary units, any case, `KiB` spellings too.
pub(super) fn parse_bytes(text: &str) -> Option<u64> {
    let unit_at = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(unit_at);
    let unit_bytes = if unit.is_empty() || unit.eq_ignore_ascii_case("b") {
        1
    } else {
        BYTE_UNITS.iter().find_map(|(bytes, name)| {
            let binary = format!("{}iB", &name[..1]);
            (unit.eq_ignore_ascii_case(name) || unit.eq_ignore_ascii_case(&binary))
                .then_some(*bytes)
        })?
    };
    parse_exact(number, unit_bytes)
}

/// Thousandths as the shortest exact decimal: 250 is `0.25`, 2000 is `2`.
pub(super) fn milli_text(thousandths: u64) -> String {
    let (whole, fraction) = (thousandths / 1000, thousandths % 1000);
    if fraction == 0 {
        whole.to_string()
    } else {
        let digits = format!("{fraction:03}");
        format!("{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// Bytes in the largest unit that divides them: 2048 is `2KB`, 0 is `0B`.
pub(super) fn bytes_text(bytes: u64) -> String {
    match BYTE_UNITS
        .iter()
        .find(|(unit, _)| bytes != 0 && bytes.is_multiple_of(*unit))
    {
        Some((unit, name)) => format!("{}{name}", bytes / unit),
        None => format!("{bytes}B"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_decimals_never_round() {
        assert_eq!(parse_exact("0.125", 1000), Some(125));
        assert_eq!(parse_exact("0.1234", 1000), None);
        assert_eq!(parse_exact("0.12340", 1000), None);
        assert_eq!(parse_exact("0.1250000000000", 1000), Some(125));
        assert_eq!(parse_exact("1.5", 1_000_000), Some(1_500_000));
        assert_eq!(parse_exact("18446744073709551615", 1), Some(u64::MAX));
        assert_eq!(parse_exact("18446744073709551616", 1), None);
    }

    #[test]
    fn printed_numbers_read_back_to_themselves() {
        for thousandths in [0, 1, 10, 250, 1000, 1500, 10_000] {
            assert_eq!(
                parse_exact(&milli_text(thousandths), 1000),
                Some(thousandths)
            );
        }
        for bytes in [0, 1, 1023, 1024, 1536, 1 << 20, 3 << 30, (1 << 34) + 1] {
            assert_eq!(parse_bytes(&bytes_text(bytes)), Some(bytes), "{bytes}");
        }
    }
}

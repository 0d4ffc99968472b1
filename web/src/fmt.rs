//! Numbers as the page shows them: virtual times, sizes, counts and ratios.
//!
//! Display only: nothing printed here is ever parsed back (links use the
//! core's own canonical printing).

use gobalance_core::Nanos;

/// A virtual time or span with three decimals in the largest unit that keeps
/// it at least 1: `0 ns`, `950 ns`, `1.500 µs`, `12.345 ms`, `2.000 s`.
pub fn duration(t: Nanos) -> String {
    let ns = t.0;
    let scaled = |scale: u64, unit: &str| {
        let whole = ns / scale;
        // Thousandths of the unit, truncated so the clock never shows a time
        // that has not happened yet.
        let thousandths = (ns % scale) / (scale / 1000);
        format!("{whole}.{thousandths:03} {unit}")
    };
    match ns {
        0..=999 => format!("{ns} ns"),
        1_000..=999_999 => scaled(1_000, "µs"),
        1_000_000..=999_999_999 => scaled(1_000_000, "ms"),
        _ => scaled(1_000_000_000, "s"),
    }
}

/// A size in binary units, as Go's runtime reports memory: `512 B`, `2.0 KB`, `1.5 MB`.
pub fn bytes(b: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if b < 1024 {
        return format!("{b} B");
    }
    let mut value = b as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{} {}", decimal(value, 1), UNITS[unit])
}

/// A count with thousands separated: `1,000,000`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A ratio as a percentage with one decimal: `0.4993` is `49.9%`.
pub fn percent(ratio: f64) -> String {
    format!("{}%", decimal(ratio * 100.0, 1))
}

/// `value` with `places` decimals, rounded half away from zero: `decimal(2.25, 1)`
/// is `2.3`. Written with integers, because the page would otherwise carry
/// core's float formatting (about 6 kB of gzipped wasm) for these alone.
/// Anything not finite or past ±9e15 shows as `–`: a display value, never one.
pub fn decimal(value: f64, places: u32) -> String {
    let scale = 10u64.pow(places.min(6));
    let scaled = (value * scale as f64).round();
    if !scaled.is_finite() || scaled.abs() > 9e15 {
        return "–".to_owned();
    }
    let sign = if scaled < 0.0 { "-" } else { "" };
    let magnitude = scaled.abs() as u64;
    if places == 0 {
        return format!("{sign}{magnitude}");
    }
    let (whole, fraction) = (magnitude / scale, magnitude % scale);
    format!(
        "{sign}{whole}.{fraction:0width$}",
        width = places.min(6) as usize
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_keep_three_decimals_in_the_largest_unit() {
        assert_eq!(duration(Nanos(0)), "0 ns");
        assert_eq!(duration(Nanos(950)), "950 ns");
        assert_eq!(duration(Nanos(1_500)), "1.500 µs");
        assert_eq!(duration(Nanos(12_345_678)), "12.345 ms");
        assert_eq!(duration(Nanos::from_secs(2)), "2.000 s");
        assert_eq!(duration(Nanos(999_999_999)), "999.999 ms");
    }

    #[test]
    fn sizes_use_binary_units() {
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(2048), "2.0 KB");
        assert_eq!(bytes(3 * 1024 * 1024 / 2), "1.5 MB");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(1_000_000), "1,000,000");
        assert_eq!(percent(0.4993), "49.9%");
    }

    #[test]
    fn decimals_round_half_away_from_zero_with_integers() {
        assert_eq!(decimal(2.25, 1), "2.3");
        assert_eq!(decimal(-2.25, 1), "-2.3");
        assert_eq!(decimal(0.04, 1), "0.0");
        assert_eq!(decimal(99.96, 1), "100.0");
        assert_eq!(decimal(1.0 / 3.0, 3), "0.333");
        assert_eq!(decimal(560.0, 1), "560.0");
        assert_eq!(decimal(7.6, 0), "8");
        assert_eq!(decimal(f64::NAN, 1), "–");
        assert_eq!(decimal(f64::INFINITY, 1), "–");
    }
}

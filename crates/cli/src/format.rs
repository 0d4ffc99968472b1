//! Numbers as people read them in tables: milliseconds, percentages, byte sizes.

use gobalance_core::Nanos;

/// Milliseconds with up to six decimals and no trailing zeros (`500`, `0.0003`),
/// so a table shows exact nanoseconds without a wall of zeros.
pub fn ms(t: Nanos) -> String {
    let text = format!("{:.6}", t.as_ms_f64());
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text} ms")
}

/// A share as a percentage with two decimals: `99.98%`.
pub fn percent(share: f64) -> String {
    format!("{:.2}%", share * 100.0)
}

/// Bytes with the binary unit the link format uses (1KB = 1024B): `12 KB (12288 B)`.
pub fn bytes(n: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")];
    for (scale, unit) in UNITS {
        if n >= scale {
            let value = n as f64 / scale as f64;
            let text = format!("{value:.1}");
            let text = text.trim_end_matches(".0");
            return format!("{text} {unit} ({n} B)");
        }
    }
    format!("{n} B")
}

/// A trace hash as the 16 hex digits people compare runs by.
pub fn hash(h: u64) -> String {
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_keep_nanoseconds_and_drop_trailing_zeros() {
        assert_eq!(ms(Nanos::from_ms(500)), "500 ms");
        assert_eq!(ms(Nanos(500_100_000)), "500.1 ms");
        assert_eq!(ms(Nanos(300)), "0.0003 ms");
        assert_eq!(ms(Nanos::ZERO), "0 ms");
    }

    #[test]
    fn bytes_pick_the_largest_binary_unit() {
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(12_288), "12 KB (12288 B)");
        assert_eq!(bytes(1_572_864), "1.5 MB (1572864 B)");
    }

    #[test]
    fn hashes_are_sixteen_hex_digits() {
        assert_eq!(hash(0xab), "00000000000000ab");
    }
}

//! Constant values: exact integers (to 127 bits), exact fractions falling back to float64, strings and booleans, with Go's literal syntax and printing.

use std::fmt;

use crate::token::{LitKind, Op};

/// A constant's value. Integers are exact up to 127 bits, which covers
/// every value Go's 64-bit types hold and shifts such as `1 << 70`; beyond
/// that an operation reports an overflow (Go allows 512 bits).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    Int(i128),
    Float(Float),
    String(String),
}

/// A floating-point constant: an exact fraction while numerator and
/// denominator fit, else a float64 (so `0.1 + 0.2` is exactly `0.3`, as in Go).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Float {
    /// Numerator and a positive denominator, in lowest terms.
    Ratio(i128, i128),
    Approx(f64),
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Float {
    pub fn ratio(num: i128, den: i128) -> Float {
        if den == 0 {
            return Float::Approx(f64::NAN);
        }
        let g = gcd(num, den).max(1);
        let (num, den) = (num / g, den / g);
        if den < 0 {
            match (num.checked_neg(), den.checked_neg()) {
                (Some(n), Some(d)) => Float::Ratio(n, d),
                _ => Float::Approx(num as f64 / den as f64),
            }
        } else {
            Float::Ratio(num, den)
        }
    }

    pub fn to_f64(self) -> f64 {
        match self {
            Float::Ratio(num, den) => num as f64 / den as f64,
            Float::Approx(x) => x,
        }
    }

    /// The value as an integer, if it is one.
    pub fn to_int(self) -> Option<i128> {
        match self {
            Float::Ratio(num, 1) => Some(num),
            Float::Ratio(..) => None,
            Float::Approx(x) if x.fract() == 0.0 && x.abs() < 1.7e38 => Some(x as i128),
            Float::Approx(_) => None,
        }
    }

    fn arith(self, op: Op, other: Float) -> Option<Float> {
        if let (Float::Ratio(a, b), Float::Ratio(c, d)) = (self, other) {
            let exact = match op {
                Op::Add => a
                    .checked_mul(d)
                    .zip(c.checked_mul(b))
                    .and_then(|(x, y)| x.checked_add(y))
                    .zip(b.checked_mul(d)),
                Op::Sub => a
                    .checked_mul(d)
                    .zip(c.checked_mul(b))
                    .and_then(|(x, y)| x.checked_sub(y))
                    .zip(b.checked_mul(d)),
                Op::Mul => a.checked_mul(c).zip(b.checked_mul(d)),
                Op::Div => a.checked_mul(d).zip(b.checked_mul(c)),
                _ => return None,
            };
            if let Some((num, den)) = exact {
                return Some(Float::ratio(num, den));
            }
        }
        let (x, y) = (self.to_f64(), other.to_f64());
        Some(Float::Approx(match op {
            Op::Add => x + y,
            Op::Sub => x - y,
            Op::Mul => x * y,
            Op::Div => x / y,
            _ => return None,
        }))
    }

    fn compare(self, other: Float) -> std::cmp::Ordering {
        if let (Float::Ratio(a, b), Float::Ratio(c, d)) = (self, other) {
            if let (Some(x), Some(y)) = (a.checked_mul(d), c.checked_mul(b)) {
                return x.cmp(&y);
            }
        }
        self.to_f64()
            .partial_cmp(&other.to_f64())
            .unwrap_or(std::cmp::Ordering::Equal)
    }
}

/// Why a constant operation has no result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConstError {
    DivisionByZero,
    Overflow,
}

impl Value {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Float(f) => Some(f.to_f64()),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i128> {
        match self {
            Value::Int(n) => Some(*n),
            Value::Float(f) => f.to_int(),
            _ => None,
        }
    }

    pub fn as_float(&self) -> Option<Float> {
        match self {
            Value::Int(n) => Some(Float::Ratio(*n, 1)),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    pub fn is_zero(&self) -> bool {
        match self {
            Value::Int(n) => *n == 0,
            Value::Float(f) => f.to_f64() == 0.0,
            _ => false,
        }
    }

    /// `op x` for `+`, `-`, `^` and `!`; `unsigned_bits` gives `^` on an
    /// unsigned type its width.
    pub fn unary(&self, op: Op, unsigned_bits: Option<u32>) -> Result<Value, ConstError> {
        Ok(match (op, self) {
            (Op::Add, v) => v.clone(),
            (Op::Sub, Value::Int(n)) => Value::Int(n.checked_neg().ok_or(ConstError::Overflow)?),
            (Op::Sub, Value::Float(f)) => Value::Float(
                Float::Ratio(0, 1)
                    .arith(Op::Sub, *f)
                    .ok_or(ConstError::Overflow)?,
            ),
            (Op::Xor, Value::Int(n)) => match unsigned_bits {
                Some(bits) if bits < 127 => Value::Int(!n & ((1i128 << bits) - 1)),
                _ => Value::Int(!n),
            },
            (Op::Not, Value::Bool(b)) => Value::Bool(!b),
            _ => return Err(ConstError::Overflow),
        })
    }

    /// `x op y` for arithmetic and logic operators (not comparisons or
    /// shifts); `integer` asks for integer division.
    pub fn binary(&self, op: Op, other: &Value, integer: bool) -> Result<Value, ConstError> {
        use Value::*;
        Ok(match (self, other) {
            (Int(a), Int(b)) if integer || !matches!(op, Op::Div) => {
                let (a, b) = (*a, *b);
                let result = match op {
                    Op::Add => a.checked_add(b),
                    Op::Sub => a.checked_sub(b),
                    Op::Mul => a.checked_mul(b),
                    Op::Div | Op::Rem if b == 0 => return Err(ConstError::DivisionByZero),
                    Op::Div => a.checked_div(b),
                    Op::Rem => a.checked_rem(b),
                    Op::And => Some(a & b),
                    Op::Or => Some(a | b),
                    Op::Xor => Some(a ^ b),
                    Op::AndNot => Some(a & !b),
                    _ => None,
                };
                Int(result.ok_or(ConstError::Overflow)?)
            }
            (Int(_) | Float(_), Int(_) | Float(_)) => {
                let (a, b) = (self.as_float().unwrap(), other.as_float().unwrap());
                if op == Op::Div && b.to_f64() == 0.0 {
                    return Err(ConstError::DivisionByZero);
                }
                let f = a.arith(op, b).ok_or(ConstError::Overflow)?;
                if !f.to_f64().is_finite() {
                    return Err(ConstError::Overflow);
                }
                Float(f)
            }
            (String(a), String(b)) if op == Op::Add => String(format!("{a}{b}")),
            (Bool(a), Bool(b)) => match op {
                Op::AndAnd => Bool(*a && *b),
                Op::OrOr => Bool(*a || *b),
                _ => return Err(ConstError::Overflow),
            },
            _ => return Err(ConstError::Overflow),
        })
    }

    pub fn shift(&self, op: Op, count: u128) -> Result<Value, ConstError> {
        let n = self.as_int().ok_or(ConstError::Overflow)?;
        Ok(Value::Int(match op {
            Op::Shl if n == 0 => 0,
            Op::Shl => {
                if count >= 127 {
                    return Err(ConstError::Overflow);
                }
                let shifted = n << count;
                if shifted >> count != n {
                    return Err(ConstError::Overflow);
                }
                shifted
            }
            _ => n >> count.min(127),
        }))
    }

    pub fn compare(&self, op: Op, other: &Value) -> Option<bool> {
        use std::cmp::Ordering;
        let ordering = match (self, other) {
            (Value::Int(a), Value::Int(b)) => a.cmp(b),
            (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
                self.as_float()?.compare(other.as_float()?)
            }
            (Value::String(a), Value::String(b)) => a.cmp(b),
            (Value::Bool(a), Value::Bool(b)) => match op {
                Op::Eql => return Some(a == b),
                Op::Neq => return Some(a != b),
                _ => return None,
            },
            _ => return None,
        };
        Some(match op {
            Op::Eql => ordering == Ordering::Equal,
            Op::Neq => ordering != Ordering::Equal,
            Op::Lss => ordering == Ordering::Less,
            Op::Leq => ordering != Ordering::Greater,
            Op::Gtr => ordering == Ordering::Greater,
            Op::Geq => ordering != Ordering::Less,
            _ => return None,
        })
    }
}

/// Go's constant printing (`go/constant`'s `String`): integers in decimal,
/// floats in `%.6g`, strings quoted and cut at 72 characters.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(n) => write!(f, "{n}"),
            Value::Float(x) => match x {
                Float::Ratio(n, 1) if n.abs() < 1_000_000 => write!(f, "{n}"),
                _ => f.write_str(&format_g6(x.to_f64())),
            },
            Value::String(s) => {
                const MAX_CHARS: usize = 72;
                let quoted = quote(s);
                if quoted.chars().count() > MAX_CHARS {
                    let cut: String = quoted.chars().take(MAX_CHARS - 3).collect();
                    write!(f, "{cut}...")
                } else {
                    f.write_str(&quoted)
                }
            }
        }
    }
}

/// C's `%.6g`: six significant digits, trailing zeros dropped, an exponent
/// below 1e-4 or from 1e6.
fn format_g6(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN".into()
        } else if x > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let sci = format!("{:.5e}", x);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let trim = |s: &str| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if !(-4..6).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{}{:02}", trim(mantissa), sign, exp.abs())
    } else {
        let decimals = (5 - exp).max(0) as usize;
        trim(&format!("{:.*}", decimals, x))
    }
}

/// Go's `strconv.Quote`.
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The value of a literal as written, or `None` if it is malformed or too
/// large (the parser reports malformed ones).
pub fn literal_value(kind: LitKind, text: &str) -> Option<Value> {
    match kind {
        LitKind::Int => parse_int(text).map(Value::Int),
        LitKind::Float => parse_float(text).map(Value::Float),
        LitKind::Imag => None,
        LitKind::Rune => {
            let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
            let chars = unescape(inner, '\'')?;
            let mut it = chars.chars();
            let c = it.next()?;
            if it.next().is_some() {
                return None;
            }
            Some(Value::Int(c as i128))
        }
        LitKind::String => {
            if let Some(raw) = text.strip_prefix('`') {
                Some(Value::String(raw.strip_suffix('`')?.replace('\r', "")))
            } else {
                let inner = text.strip_prefix('"')?.strip_suffix('"')?;
                unescape(inner, '"').map(Value::String)
            }
        }
    }
}

fn parse_int(text: &str) -> Option<i128> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let (digits, radix) = if let Some(hex) = lower.strip_prefix("0x") {
        (hex.to_string(), 16)
    } else if let Some(bin) = lower.strip_prefix("0b") {
        (bin.to_string(), 2)
    } else if let Some(oct) = lower.strip_prefix("0o") {
        (oct.to_string(), 8)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (lower[1..].to_string(), 8)
    } else {
        (lower, 10)
    };
    i128::from_str_radix(&digits, radix).ok()
}

fn parse_float(text: &str) -> Option<Float> {
    let clean: String = text
        .chars()
        .filter(|&c| c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    if clean.starts_with("0x") {
        return None;
    }
    let (mantissa, exp) = match clean.split_once('e') {
        Some((m, e)) => (m.to_string(), e.parse::<i32>().ok()?),
        None => (clean.clone(), 0),
    };
    let (whole, frac) = mantissa.split_once('.').unwrap_or((&mantissa, ""));
    let digits = format!("{whole}{frac}");
    let exp = exp - frac.len() as i32;
    let exact = digits.trim_start_matches('0');
    let num: Option<i128> = if exact.is_empty() {
        Some(0)
    } else if exact.len() <= 36 {
        exact.parse().ok()
    } else {
        None
    };
    if let Some(num) = num {
        let scale = 10i128.checked_pow(exp.unsigned_abs());
        if let Some(scale) = scale {
            if exp >= 0 {
                if let Some(n) = num.checked_mul(scale) {
                    return Some(Float::ratio(n, 1));
                }
            } else {
                return Some(Float::ratio(num, scale));
            }
        }
    }
    clean.parse::<f64>().ok().map(Float::Approx)
}

/// The characters of a quoted literal's inside.
fn unescape(s: &str, quote: char) -> Option<String> {
    let mut out = String::new();
    let mut bytes: Vec<u8> = Vec::new();
    let mut chars = s.chars().peekable();
    let flush = |bytes: &mut Vec<u8>, out: &mut String| {
        if !bytes.is_empty() {
            out.push_str(&String::from_utf8_lossy(bytes));
            bytes.clear();
        }
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            flush(&mut bytes, &mut out);
            out.push(c);
            continue;
        }
        let e = chars.next()?;
        let simple = match e {
            'a' => Some('\x07'),
            'b' => Some('\x08'),
            'f' => Some('\x0c'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\x0b'),
            '\\' => Some('\\'),
            c if c == quote => Some(c),
            _ => None,
        };
        if let Some(c) = simple {
            flush(&mut bytes, &mut out);
            out.push(c);
            continue;
        }
        let (count, radix) = match e {
            'x' => (2, 16),
            'u' => (4, 16),
            'U' => (8, 16),
            '0'..='7' => (2, 8),
            _ => return None,
        };
        let mut digits = String::new();
        if radix == 8 {
            digits.push(e);
        }
        for _ in 0..count {
            digits.push(chars.next()?);
        }
        let n = u32::from_str_radix(&digits, radix).ok()?;
        if e == 'x' || radix == 8 {
            if quote == '\'' {
                flush(&mut bytes, &mut out);
                out.push(char::from_u32(n)?);
            } else {
                bytes.push(u8::try_from(n).ok()?);
            }
        } else {
            flush(&mut bytes, &mut out);
            out.push(char::from_u32(n)?);
        }
    }
    flush(&mut bytes, &mut out);
    Some(out)
}

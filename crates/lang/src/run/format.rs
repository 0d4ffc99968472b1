//! Package fmt's printing: values by their dynamic types as Go prints them (`%v`, `%+v`, `%d`, `%s`, `%q`, `%x`, `%f`, `%T`...), and durations as `time.Duration.String`.

use std::fmt::Write;

use super::value::{Ptr, Value};
// One quoting for the checker's messages and the program's %q.
pub(super) use crate::check::constant::quote;
use crate::check::types::{predeclared as pd, BasicKind};
use crate::check::{Type, TypeId, TypeTable};
use gobalance_core::time::GoDuration;
use gobalance_core::Nanos;

/// `fmt.Sprint` (`spaces` between every operand for `Sprintln`, else only between non-strings).
pub(super) fn sprint(types: &TypeTable, args: &[Value], always_spaces: bool) -> String {
    let mut out = String::new();
    let mut previous_string = true;
    for (i, a) in args.iter().enumerate() {
        let is_string = matches!(a, Value::Iface(x) if types.is_string(x.0));
        if i > 0 && (always_spaces || (!is_string && !previous_string)) {
            out.push(' ');
        }
        write_any(&mut out, types, a, &Spec::verb('v'), true);
        previous_string = is_string;
    }
    out
}

/// A parsed `%` directive.
#[derive(Clone, Debug, Default)]
struct Spec {
    verb: char,
    minus: bool,
    plus: bool,
    zero: bool,
    space: bool,
    sharp: bool,
    width: Option<usize>,
    precision: Option<usize>,
}

impl Spec {
    fn verb(verb: char) -> Spec {
        Spec {
            verb,
            ..Spec::default()
        }
    }
}

pub(super) fn sprintf(types: &TypeTable, format: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut chars = format.chars().peekable();
    let mut next_arg = 0;
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&f) = chars.peek() {
            match f {
                '-' => spec.minus = true,
                '+' => spec.plus = true,
                '0' => spec.zero = true,
                ' ' => spec.space = true,
                '#' => spec.sharp = true,
                _ => break,
            }
            chars.next();
        }
        let number = |chars: &mut std::iter::Peekable<std::str::Chars>| {
            let mut n: Option<usize> = None;
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                n = Some(n.unwrap_or(0) * 10 + d as usize);
                chars.next();
            }
            n
        };
        spec.width = number(&mut chars);
        if chars.peek() == Some(&'.') {
            chars.next();
            spec.precision = Some(number(&mut chars).unwrap_or(0));
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        spec.verb = verb;
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.get(next_arg) else {
            let _ = write!(out, "%!{verb}(MISSING)");
            continue;
        };
        next_arg += 1;
        let mut text = String::new();
        write_any(&mut text, types, arg, &spec, true);
        pad(&mut out, &text, &spec);
    }
    if next_arg < args.len() {
        out.push_str("%!(EXTRA ");
        for (i, a) in args[next_arg..].iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&type_name(types, a));
            out.push('=');
            write_any(&mut out, types, a, &Spec::verb('v'), true);
        }
        out.push(')');
    }
    out
}

fn pad(out: &mut String, text: &str, spec: &Spec) {
    let len = text.chars().count();
    let Some(width) = spec.width.filter(|w| *w > len) else {
        out.push_str(text);
        return;
    };
    let fill = width - len;
    if spec.minus {
        out.push_str(text);
        out.extend(std::iter::repeat_n(' ', fill));
    } else if spec.zero
        && matches!(
            spec.verb,
            'd' | 'f' | 'x' | 'X' | 'e' | 'g' | 'v' | 'b' | 'o'
        )
    {
        let (sign, digits) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => match text.strip_prefix('+') {
                Some(rest) => ("+", rest),
                None => ("", text),
            },
        };
        out.push_str(sign);
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(digits);
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(text);
    }
}

/// The name `%T` prints for a value held in an interface.
pub(super) fn type_name(types: &TypeTable, v: &Value) -> String {
    match v {
        Value::Iface(x) => qualified(types, x.0),
        Value::Error(_) => "*errors.errorString".into(),
        Value::Context(_) => "*context.cancelCtx".into(),
        _ => "<nil>".into(),
    }
}

fn qualified(types: &TypeTable, ty: TypeId) -> String {
    let text = types.type_string(ty);
    match types.get(ty) {
        Type::Named(n) if n.qualifier.is_none() && ty != pd::INVALID && n.name != "error" => {
            format!("main.{text}")
        }
        Type::Pointer(elem) => match types.get(*elem) {
            Type::Named(n) if n.qualifier.is_none() => format!("*main.{}", n.name),
            _ => text,
        },
        _ => text,
    }
}

/// Writes a value held in an interface (or a library value).
fn write_any(out: &mut String, types: &TypeTable, v: &Value, spec: &Spec, top: bool) {
    match v {
        Value::Iface(x) => write_typed(out, types, x.0, &x.1, spec, top, 0),
        Value::Error(e) => write_string(out, &e.message, spec),
        Value::Context(_) => out.push_str("context.Background.WithCancel"),
        Value::Nil => match spec.verb {
            'v' | 's' => out.push_str("<nil>"),
            'T' => out.push_str("<nil>"),
            verb => {
                let _ = write!(out, "%!{verb}(<nil>)");
            }
        },
        other => write_typed(out, types, pd::INVALID, other, spec, top, 0),
    }
}

fn write_string(out: &mut String, s: &str, spec: &Spec) {
    match spec.verb {
        'q' => out.push_str(&quote(s)),
        'x' => s.bytes().for_each(|b| {
            let _ = write!(out, "{b:02x}");
        }),
        'X' => s.bytes().for_each(|b| {
            let _ = write!(out, "{b:02X}");
        }),
        'v' | 's' => match spec.precision {
            Some(p) => out.extend(s.chars().take(p)),
            None => out.push_str(s),
        },
        verb => {
            let _ = write!(out, "%!{verb}(string={s})");
        }
    }
}

fn is_duration(types: &TypeTable, ty: TypeId) -> bool {
    matches!(types.get(ty), Type::Named(n) if n.qualifier.as_deref() == Some("time") && n.name == "Duration")
}

fn write_typed(
    out: &mut String,
    types: &TypeTable,
    ty: TypeId,
    v: &Value,
    spec: &Spec,
    top: bool,
    depth: u32,
) {
    if depth > 20 {
        out.push_str("...");
        return;
    }
    if spec.verb == 'T' {
        out.push_str(&qualified(types, ty));
        return;
    }
    if is_duration(types, ty) && matches!(spec.verb, 'v' | 's') {
        out.push_str(&duration(v.as_int()));
        return;
    }
    match (types.under_type(ty).clone(), v) {
        (_, Value::Error(e)) => write_string(out, &e.message, spec),
        (_, Value::Iface(x)) => write_typed(out, types, x.0, &x.1, spec, false, depth + 1),
        (Type::Interface(_), Value::Nil) => out.push_str("<nil>"),
        (Type::Basic(kind, _), v) => write_basic(out, kind, v, spec),
        (Type::Struct(fields), Value::Struct(values)) => {
            out.push('{');
            for (i, (f, v)) in fields.iter().zip(values.iter()).enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                if spec.plus && spec.verb == 'v' {
                    out.push_str(&f.name);
                    out.push(':');
                }
                write_typed(out, types, f.ty, v, spec, false, depth + 1);
            }
            out.push('}');
        }
        (Type::Array(_, elem), Value::Struct(values)) => {
            write_list(out, types, elem, values.iter(), spec, depth)
        }
        (Type::Slice(elem), Value::Slice(s)) => {
            let items = s.to_vec();
            if spec.verb == 's' || spec.verb == 'x' {
                if let Some(BasicKind::Uint8) = types.basic_kind(elem) {
                    let bytes: Vec<u8> = items.iter().map(|b| b.as_int() as u8).collect();
                    write_string(out, &String::from_utf8_lossy(&bytes), spec);
                    return;
                }
            }
            write_list(out, types, elem, items.iter(), spec, depth)
        }
        (Type::Slice(_), Value::Nil) => out.push_str("[]"),
        (Type::Map(k, val), Value::Map(m)) => {
            out.push_str("map[");
            for (i, (key, value)) in m.borrow().entries.values().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_typed(out, types, k, key, spec, false, depth + 1);
                out.push(':');
                write_typed(out, types, val, value, spec, false, depth + 1);
            }
            out.push(']');
        }
        (Type::Map(..), Value::Nil) => out.push_str("map[]"),
        (Type::Pointer(elem), Value::Pointer(p)) => {
            let pointee = types.under_type(elem);
            if top
                && matches!(
                    pointee,
                    Type::Struct(_) | Type::Array(..) | Type::Slice(_) | Type::Map(..)
                )
                && spec.verb != 'p'
            {
                out.push('&');
                write_typed(out, types, elem, &p.load(), spec, false, depth + 1);
            } else {
                let _ = write!(out, "0x{:x}", fake_address(p));
            }
        }
        (_, Value::Nil) => out.push_str(if spec.verb == 'p' {
            "%!p(<nil>)"
        } else {
            "<nil>"
        }),
        (_, Value::Chan(c)) => {
            let _ = write!(
                out,
                "0xc{:09x}",
                (std::rc::Rc::as_ptr(c) as usize as u64) & 0xf_ffff_ffff
            );
        }
        (_, Value::Func(f)) => {
            let _ = write!(out, "0x{:x}", (std::rc::Rc::as_ptr(f) as usize) & 0xffffff);
        }
        (_, Value::WaitGroup(_)) | (_, Value::Mutex(_)) => out.push_str("{{} [0 0 0]}"),
        (_, Value::Int(i)) => {
            let _ = write!(out, "{i}");
        }
        (_, Value::Float(f)) => write_basic(out, BasicKind::Float64, &Value::Float(*f), spec),
        (_, Value::Str(s)) => write_string(out, s, spec),
        (_, Value::Bool(b)) => {
            let _ = write!(out, "{b}");
        }
        (_, Value::Struct(values)) => {
            write_list(out, types, pd::INVALID, values.iter(), spec, depth)
        }
        (_, other) => {
            let _ = write!(out, "{other:?}");
        }
    }
}

/// An address in the style of Go's heap (`0xc000...`): Go prints real
/// addresses, which no run reproduces.
fn fake_address(p: &Ptr) -> u64 {
    0xc0_0000_0000 + (p.address() as u64 & 0xff_ffff)
}

fn write_list<'v>(
    out: &mut String,
    types: &TypeTable,
    elem: TypeId,
    items: impl Iterator<Item = &'v Value>,
    spec: &Spec,
    depth: u32,
) {
    out.push('[');
    for (i, v) in items.enumerate() {
        if i > 0 {
            out.push(' ');
        }
        write_typed(out, types, elem, v, spec, false, depth + 1);
    }
    out.push(']');
}

fn write_basic(out: &mut String, kind: BasicKind, v: &Value, spec: &Spec) {
    if kind.is_boolean() {
        match spec.verb {
            'v' | 't' => {
                let _ = write!(out, "{}", v.as_bool());
            }
            verb => {
                let _ = write!(out, "%!{verb}(bool={})", v.as_bool());
            }
        }
    } else if kind.is_string() {
        write_string(out, v.as_str(), spec);
    } else if kind.is_integer() {
        let i = v.as_int();
        let unsigned = kind.is_unsigned();
        let text = match spec.verb {
            'v' | 'd' => {
                if unsigned {
                    format!("{}", i as u64)
                } else if spec.plus && spec.verb != 'v' && i >= 0 {
                    format!("+{i}")
                } else {
                    format!("{i}")
                }
            }
            'x' => {
                if unsigned || i >= 0 {
                    format!("{:x}", i as u64)
                } else {
                    format!("-{:x}", i.unsigned_abs())
                }
            }
            'X' => {
                if unsigned || i >= 0 {
                    format!("{:X}", i as u64)
                } else {
                    format!("-{:X}", i.unsigned_abs())
                }
            }
            'b' => format!("{:b}", i),
            'o' => format!("{:o}", i),
            'c' => char::from_u32(i as u32).unwrap_or('\u{FFFD}').to_string(),
            'q' => format!("'{}'", char::from_u32(i as u32).unwrap_or('\u{FFFD}')),
            'U' => format!("U+{:04X}", i),
            'f' | 'e' | 'g' | 's' => format!("%!{}(int={i})", spec.verb),
            verb => format!("%!{verb}(int={i})"),
        };
        out.push_str(&text);
    } else if kind.is_float() {
        let f = v.as_float();
        let text = match spec.verb {
            'v' | 'g' if spec.precision.is_none() => {
                shortest(f, if kind == BasicKind::Float32 { 32 } else { 64 })
            }
            'f' | 'F' => format!("{:.*}", spec.precision.unwrap_or(6), f),
            'e' => exponent(&format!("{:.*e}", spec.precision.unwrap_or(6), f)),
            'g' => shortest(f, 64),
            verb => format!("%!{verb}(float64={})", shortest(f, 64)),
        };
        if spec.plus && spec.verb != 'v' && f >= 0.0 {
            out.push('+');
        }
        out.push_str(&text);
    }
}

/// Rust's `1.5e3` as Go's `1.5e+03`.
fn exponent(text: &str) -> String {
    let Some((mantissa, exp)) = text.split_once('e') else {
        return text.to_string();
    };
    let exp: i32 = exp.parse().unwrap_or(0);
    format!(
        "{mantissa}e{}{:02}",
        if exp < 0 { '-' } else { '+' },
        exp.abs()
    )
}

/// `%v` of a float: the shortest digits that read back the same, in
/// exponent form when the decimal exponent is below -4 or from 6 up, as
/// strconv's shortest `%g` (and so fmt's `%v`) decides.
pub(super) fn shortest(f: f64, bits: u32) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let sci = if bits == 32 {
        format!("{:e}", f as f32)
    } else {
        format!("{f:e}")
    };
    let exp = sci.split_once('e').map_or("0", |(_, e)| e);
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..6).contains(&exp) {
        return exponent(&sci);
    }
    if bits == 32 {
        format!("{}", f as f32)
    } else {
        format!("{f}")
    }
}

/// Go's `time.Duration.String`: `1.5s`, `250ms`, `1h30m0s`, `0s`, `-2ms`.
pub(super) fn duration(d: i64) -> String {
    let magnitude = GoDuration(Nanos(d.unsigned_abs()));
    if d < 0 {
        format!("-{magnitude}")
    } else {
        magnitude.to_string()
    }
}

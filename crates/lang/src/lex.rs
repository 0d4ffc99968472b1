//! The scanner: Go source bytes to tokens, with automatic semicolons and Go's lexical errors.
//!
//! It works the way Go's own scanner does, so that its errors come out with
//! the same words at the same places:
//!
//! 1. Characters are decoded one at a time; a NUL, a byte that is not UTF-8,
//!    or a byte order mark after the start is reported and skipped.
//! 2. The parser holds exactly one token and asks for the next one when it
//!    has used it; the scanner keeps no queue, so an error in a token is
//!    reported when the parser steps onto it.
//! 3. A newline (or the end of the file, or a comment spanning lines) after
//!    a name, a literal, `break`, `continue`, `fallthrough`, `return`, `++`,
//!    `--`, `)`, `]` or `}` becomes a `;` token whose text is `newline` (or
//!    `EOF`), which is what "unexpected newline" in messages refers to.
//! 4. A malformed literal is still one literal token (marked bad), so the
//!    parser goes on as if it were well formed.

use std::borrow::Cow;

use crate::error::Diagnostics;
use crate::token::{LitKind, Op, Pos, Tok, PREC_ADD, PREC_AND_AND, PREC_CMP, PREC_MUL, PREC_OR_OR};

const BOM: char = '\u{feff}';

pub(crate) struct Lexer<'a> {
    src: &'a [u8],
    /// Offset of the byte after the current character.
    read: usize,
    /// The current character, `None` at the end of the input.
    ch: Option<char>,
    /// Its width in bytes (0 at the end).
    ch_width: usize,
    /// 0-based line and byte column of the current character.
    line: u32,
    col: u32,
    /// Whether a newline here would end a statement.
    newline_ends_stmt: bool,

    // The current token.
    pub tok: Tok,
    pub pos: Pos,
    /// Start and end offset of a name's or literal's text.
    lit_span: (usize, usize),
    /// For `Semi`: `semicolon`, `newline` or `EOF`, as messages name it.
    pub semi_text: &'static str,
    /// For `Literal`.
    pub lit_kind: LitKind,
    /// For `Literal`: it was malformed (and an error reported).
    pub lit_bad: bool,
    /// For `Operator`, `Star`, `AssignOp` and `IncOp`.
    pub op: Op,
    /// For `Operator` and `Star`: binding strength as a binary operator.
    pub prec: u8,

    pub diag: Diagnostics,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a [u8]) -> Lexer<'a> {
        let mut lexer = Lexer {
            src,
            read: 0,
            ch: Some(' '),
            ch_width: 0,
            line: 0,
            col: 0,
            newline_ends_stmt: false,
            tok: Tok::Eof,
            pos: Pos::new(1, 1),
            lit_span: (0, 0),
            semi_text: "",
            lit_kind: LitKind::Int,
            lit_bad: false,
            op: Op::Add,
            prec: 0,
            diag: Diagnostics::default(),
        };
        lexer.next_char();
        lexer
    }

    /// The text of the current name or literal.
    pub fn lit(&self) -> Cow<'a, str> {
        String::from_utf8_lossy(&self.src[self.lit_span.0..self.lit_span.1])
    }

    fn char_pos(&self) -> Pos {
        Pos::new(self.line + 1, self.col + 1)
    }

    /// Reports an error at the current character.
    fn error_here(&mut self, message: String) {
        let pos = self.char_pos();
        self.diag.report(pos, message);
    }

    /// Reports an error `offset` bytes into the current token.
    fn error_in_token(&mut self, offset: usize, message: String) {
        let pos = Pos::new(self.pos.line, self.pos.col + offset as u32);
        self.diag.report(pos, message);
    }

    /// Steps to the next character, reporting and skipping what Go rejects
    /// in source text.
    fn next_char(&mut self) {
        loop {
            self.col += self.ch_width as u32;
            if self.ch == Some('\n') {
                self.line += 1;
                self.col = 0;
            }
            let Some(&byte) = self.src.get(self.read) else {
                self.ch = None;
                self.ch_width = 0;
                return;
            };
            if byte < 0x80 {
                self.read += 1;
                self.ch = Some(byte as char);
                self.ch_width = 1;
                if byte == 0 {
                    self.error_here("invalid NUL character".into());
                    continue;
                }
                return;
            }
            match decode_utf8(&self.src[self.read..]) {
                Some((c, width)) => {
                    self.read += width;
                    self.ch = Some(c);
                    self.ch_width = width;
                    if c == BOM {
                        if self.line > 0 || self.col > 0 {
                            self.error_here("invalid BOM in the middle of the file".into());
                        }
                        continue;
                    }
                    return;
                }
                None => {
                    self.read += 1;
                    self.ch = Some(char::REPLACEMENT_CHARACTER);
                    self.ch_width = 1;
                    self.error_here("invalid UTF-8 encoding".into());
                    continue;
                }
            }
        }
    }

    /// Offset of the current character.
    fn offset(&self) -> usize {
        self.read - self.ch_width
    }

    fn at(&self, c: char) -> bool {
        self.ch == Some(c)
    }

    /// Scans the next token into the current-token fields.
    pub fn next(&mut self) {
        let newline_ends_stmt = self.newline_ends_stmt;
        self.newline_ends_stmt = false;
        if self.diag.stopped_at.is_some() {
            // A limit was hit or enough errors were found: end the input
            // so that every loop of the parser winds down.
            self.tok = Tok::Eof;
            return;
        }
        loop {
            while matches!(self.ch, Some(' ' | '\t' | '\r')) || self.at('\n') && !newline_ends_stmt
            {
                self.next_char();
            }
            self.pos = self.char_pos();
            let start = self.offset();
            let Some(c) = self.ch else {
                if newline_ends_stmt {
                    self.semi("EOF");
                } else {
                    self.tok = Tok::Eof;
                }
                return;
            };
            if c.is_ascii_alphabetic() || c == '_' || !c.is_ascii() && self.at_ident_char(true) {
                self.next_char();
                self.ident(start);
                return;
            }
            self.next_char();
            let (op, prec) = match c {
                '\n' => return self.semi("newline"),
                '0'..='9' => return self.number(start, false),
                '"' => return self.interpreted_string(start),
                '`' => return self.raw_string(start),
                '\'' => return self.rune(start),
                '(' => return self.punct(Tok::Lparen),
                '[' => return self.punct(Tok::Lbrack),
                '{' => return self.punct(Tok::Lbrace),
                ',' => return self.punct(Tok::Comma),
                ';' => return self.semi("semicolon"),
                ')' | ']' | '}' => {
                    self.newline_ends_stmt = true;
                    let tok = match c {
                        ')' => Tok::Rparen,
                        ']' => Tok::Rbrack,
                        _ => Tok::Rbrace,
                    };
                    return self.punct(tok);
                }
                ':' => {
                    let tok = if self.eat('=') {
                        Tok::Define
                    } else {
                        Tok::Colon
                    };
                    return self.punct(tok);
                }
                '.' => {
                    if matches!(self.ch, Some('0'..='9')) {
                        return self.number(start, true);
                    }
                    if self.at('.') && self.src.get(self.read) == Some(&b'.') {
                        self.next_char();
                        self.next_char();
                        return self.punct(Tok::DotDotDot);
                    }
                    return self.punct(Tok::Dot);
                }
                '+' | '-' => {
                    let op = if c == '+' { Op::Add } else { Op::Sub };
                    if self.eat(c) {
                        self.newline_ends_stmt = true;
                        self.op = op;
                        return self.punct(Tok::IncOp);
                    }
                    (op, PREC_ADD)
                }
                '*' => {
                    self.op = Op::Mul;
                    self.prec = PREC_MUL;
                    let tok = if self.eat('=') {
                        Tok::AssignOp
                    } else {
                        Tok::Star
                    };
                    return self.punct(tok);
                }
                '/' => {
                    if self.eat('/') {
                        self.skip_line();
                        continue;
                    }
                    if self.eat('*') {
                        let start_line = self.pos.line;
                        self.skip_comment();
                        if self.line + 1 > start_line && newline_ends_stmt {
                            // A comment spanning lines acts as a newline.
                            return self.semi("newline");
                        }
                        continue;
                    }
                    (Op::Div, PREC_MUL)
                }
                '%' => (Op::Rem, PREC_MUL),
                '&' => {
                    if self.eat('&') {
                        return self.operator(Op::AndAnd, PREC_AND_AND);
                    }
                    if self.eat('^') {
                        (Op::AndNot, PREC_MUL)
                    } else {
                        (Op::And, PREC_MUL)
                    }
                }
                '|' => {
                    if self.eat('|') {
                        return self.operator(Op::OrOr, PREC_OR_OR);
                    }
                    (Op::Or, PREC_ADD)
                }
                '^' => (Op::Xor, PREC_ADD),
                '<' => {
                    if self.eat('=') {
                        return self.operator(Op::Leq, PREC_CMP);
                    }
                    if self.eat('<') {
                        (Op::Shl, PREC_MUL)
                    } else if self.eat('-') {
                        return self.punct(Tok::Arrow);
                    } else {
                        return self.operator(Op::Lss, PREC_CMP);
                    }
                }
                '>' => {
                    if self.eat('=') {
                        return self.operator(Op::Geq, PREC_CMP);
                    }
                    if self.eat('>') {
                        (Op::Shr, PREC_MUL)
                    } else {
                        return self.operator(Op::Gtr, PREC_CMP);
                    }
                }
                '=' => {
                    if self.eat('=') {
                        return self.operator(Op::Eql, PREC_CMP);
                    }
                    return self.punct(Tok::Assign);
                }
                '!' => {
                    if self.eat('=') {
                        return self.operator(Op::Neq, PREC_CMP);
                    }
                    return self.operator(Op::Not, 0);
                }
                '~' => return self.operator(Op::Tilde, 0),
                _ => {
                    // The character was stepped over above; report it where
                    // it stood and scan on.
                    let message = format!("invalid character {}", unicode_name(c));
                    self.diag.report(self.pos, message);
                    continue;
                }
            };
            // An operator that may also be an assignment operator: `+` or `+=`.
            self.op = op;
            self.prec = prec;
            self.tok = if self.eat('=') {
                Tok::AssignOp
            } else {
                Tok::Operator
            };
            return;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        if self.at(c) {
            self.next_char();
            return true;
        }
        false
    }

    fn punct(&mut self, tok: Tok) {
        self.tok = tok;
    }

    fn operator(&mut self, op: Op, prec: u8) {
        self.op = op;
        self.prec = prec;
        self.tok = Tok::Operator;
    }

    fn semi(&mut self, text: &'static str) {
        self.semi_text = text;
        self.tok = Tok::Semi;
    }

    fn literal(&mut self, start: usize, kind: LitKind, ok: bool) {
        self.newline_ends_stmt = true;
        self.tok = Tok::Literal;
        self.lit_span = (start, self.offset());
        self.lit_kind = kind;
        self.lit_bad = !ok;
    }

    /// Whether the current (non-ASCII) character may be part of a name.
    /// Like Go, a digit cannot start one, and any other character that is
    /// not a letter is reported but kept in the name, so that one stray
    /// character gives one error.
    fn at_ident_char(&mut self, first: bool) -> bool {
        let Some(c) = self.ch else { return false };
        if is_letter(c) || c == '_' {
            return true;
        }
        if is_digit(c) {
            if first {
                self.error_here(format!(
                    "identifier cannot begin with digit {}",
                    unicode_name(c)
                ));
            }
            return true;
        }
        if !c.is_ascii() {
            self.error_here(format!(
                "invalid character {} in identifier",
                unicode_name(c)
            ));
            return true;
        }
        false
    }

    fn ident(&mut self, start: usize) {
        while matches!(self.ch, Some(c) if c.is_ascii_alphanumeric() || c == '_') {
            self.next_char();
        }
        while matches!(self.ch, Some(c) if !c.is_ascii()) && self.at_ident_char(false) {
            self.next_char();
            while matches!(self.ch, Some(c) if c.is_ascii_alphanumeric() || c == '_') {
                self.next_char();
            }
        }
        let word = &self.src[start..self.offset()];
        if let Some(keyword) = Tok::keyword(word) {
            self.newline_ends_stmt = keyword.ends_statement();
            self.tok = keyword;
            return;
        }
        self.newline_ends_stmt = true;
        self.lit_span = (start, self.offset());
        self.tok = Tok::Name;
    }

    fn skip_line(&mut self) {
        // The newline itself stays: it may end the statement.
        while self.ch.is_some() && !self.at('\n') {
            self.next_char();
        }
    }

    fn skip_comment(&mut self) {
        while self.ch.is_some() {
            while self.eat('*') {
                if self.eat('/') {
                    return;
                }
            }
            self.next_char();
        }
        self.error_in_token(0, "comment not terminated".into());
    }

    /// Scans digits and `_` of a number in `base`, noting the offset of the
    /// first digit too large for a base up to 10. Returns whether digits
    /// (bit 0) and separators (bit 1) were seen.
    fn digits(&mut self, base: u32, invalid_at: &mut Option<usize>) -> u8 {
        let mut seen = 0;
        loop {
            match self.ch {
                Some('_') => seen |= 2,
                Some(c) if base <= 10 && c.is_ascii_digit() => {
                    seen |= 1;
                    if c.to_digit(10).unwrap_or(0) >= base && invalid_at.is_none() {
                        *invalid_at = Some((self.col + 1 - self.pos.col) as usize);
                    }
                }
                Some(c) if base > 10 && c.is_ascii_hexdigit() => seen |= 1,
                _ => return seen,
            }
            self.next_char();
        }
    }

    fn number(&mut self, start: usize, mut seen_point: bool) {
        let mut ok = true;
        let mut kind = LitKind::Int;
        let mut base = 10;
        // One of none (decimal), '0' (old-style octal), 'x', 'o' or 'b'.
        let mut prefix = None;
        let mut seen = 0;
        let mut invalid_at = None;

        if !seen_point {
            // The first digit was stepped over by the caller.
            if self.src[start] == b'0' {
                match self.ch.map(|c| c.to_ascii_lowercase()) {
                    Some(p @ ('x' | 'o' | 'b')) => {
                        self.next_char();
                        base = match p {
                            'x' => 16,
                            'o' => 8,
                            _ => 2,
                        };
                        prefix = Some(p);
                    }
                    _ => {
                        base = 8;
                        prefix = Some('0');
                        seen = 1;
                    }
                }
            } else {
                seen = 1;
            }
            seen |= self.digits(base, &mut invalid_at);
            if self.at('.') {
                if matches!(prefix, Some('o' | 'b')) {
                    self.error_here(format!(
                        "invalid radix point in {} literal",
                        base_name(base)
                    ));
                    ok = false;
                }
                self.next_char();
                seen_point = true;
            }
        }
        if seen_point {
            kind = LitKind::Float;
            seen |= self.digits(base, &mut invalid_at);
        }
        if seen & 1 == 0 && ok {
            self.error_here(format!("{} literal has no digits", base_name(base)));
            ok = false;
        }

        let exponent = self.ch.map(|c| c.to_ascii_lowercase());
        if let Some(e @ ('e' | 'p')) = exponent {
            let ch = self.ch.unwrap_or(e);
            if ok {
                if e == 'e' && matches!(prefix, Some(p) if p != '0') {
                    self.error_here(format!(
                        "{} exponent requires decimal mantissa",
                        quote_rune(ch)
                    ));
                    ok = false;
                } else if e == 'p' && prefix != Some('x') {
                    self.error_here(format!(
                        "{} exponent requires hexadecimal mantissa",
                        quote_rune(ch)
                    ));
                    ok = false;
                }
            }
            self.next_char();
            kind = LitKind::Float;
            if matches!(self.ch, Some('+' | '-')) {
                self.next_char();
            }
            let exp_seen = self.digits(10, &mut None);
            seen = exp_seen | (seen & 2);
            if exp_seen & 1 == 0 && ok {
                self.error_here("exponent has no digits".into());
                ok = false;
            }
        } else if prefix == Some('x') && kind == LitKind::Float && ok {
            self.error_here("hexadecimal mantissa requires a 'p' exponent".into());
            ok = false;
        }

        if self.eat('i') {
            kind = LitKind::Imag;
        }
        self.literal(start, kind, ok);

        if kind == LitKind::Int && ok {
            if let Some(offset) = invalid_at {
                let digit = self.src[start + offset] as char;
                self.error_in_token(
                    offset,
                    format!(
                        "invalid digit {} in {} literal",
                        quote_rune(digit),
                        base_name(base)
                    ),
                );
                ok = false;
            }
        }
        if seen & 2 != 0 && ok {
            if let Some(offset) = misplaced_separator(&self.src[start..self.offset()]) {
                self.error_in_token(offset, "'_' must separate successive digits".into());
                ok = false;
            }
        }
        self.lit_bad = !ok;
    }

    fn rune(&mut self, start: usize) {
        let mut ok = true;
        let mut chars = 0;
        loop {
            match self.ch {
                Some('\'') => {
                    if ok {
                        if chars == 0 {
                            self.error_here("empty rune literal or unescaped '".into());
                            ok = false;
                        } else if chars != 1 {
                            self.error_in_token(
                                0,
                                "more than one character in rune literal".into(),
                            );
                            ok = false;
                        }
                    }
                    self.next_char();
                    break;
                }
                Some('\\') => {
                    self.next_char();
                    ok &= self.escape('\'');
                }
                Some('\n') => {
                    if ok {
                        self.error_here("newline in rune literal".into());
                        ok = false;
                    }
                    break;
                }
                None => {
                    if ok {
                        self.error_in_token(0, "rune literal not terminated".into());
                        ok = false;
                    }
                    break;
                }
                Some(_) => self.next_char(),
            }
            chars += 1;
        }
        self.literal(start, LitKind::Rune, ok);
    }

    fn interpreted_string(&mut self, start: usize) {
        let mut ok = true;
        loop {
            match self.ch {
                Some('"') => {
                    self.next_char();
                    break;
                }
                Some('\\') => {
                    self.next_char();
                    ok &= self.escape('"');
                }
                Some('\n') => {
                    self.error_here("newline in string".into());
                    ok = false;
                    break;
                }
                None => {
                    self.error_in_token(0, "string not terminated".into());
                    ok = false;
                    break;
                }
                Some(_) => self.next_char(),
            }
        }
        self.literal(start, LitKind::String, ok);
    }

    fn raw_string(&mut self, start: usize) {
        let mut ok = true;
        loop {
            match self.ch {
                Some('`') => {
                    self.next_char();
                    break;
                }
                None => {
                    self.error_in_token(0, "string not terminated".into());
                    ok = false;
                    break;
                }
                Some(_) => self.next_char(),
            }
        }
        self.literal(start, LitKind::String, ok);
    }

    /// Scans an escape after its `\`. At the end of the input it says
    /// nothing: the literal's own "not terminated" error covers it.
    fn escape(&mut self, quote: char) -> bool {
        let Some(c) = self.ch else { return true };
        let (digits, base, max): (u32, u32, u32) = match c {
            'a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' | '\\' => {
                self.next_char();
                return true;
            }
            _ if c == quote => {
                self.next_char();
                return true;
            }
            '0'..='7' => (3, 8, 255),
            'x' => (2, 16, 255),
            'u' => (4, 16, char::MAX as u32),
            'U' => (8, 16, char::MAX as u32),
            _ => {
                self.error_here("unknown escape".into());
                return false;
            }
        };
        if base == 16 {
            self.next_char();
        }
        let mut value: u32 = 0;
        for _ in 0..digits {
            let Some(c) = self.ch else { return true };
            let digit = c.to_digit(16).filter(|&d| d < base);
            let Some(digit) = digit else {
                self.error_here(format!(
                    "invalid character {} in {} escape",
                    quote_rune(c),
                    base_name(base)
                ));
                return false;
            };
            value = value.wrapping_mul(base).wrapping_add(digit);
            self.next_char();
        }
        if value > max && base == 8 {
            self.error_here(format!("octal escape value {value} > 255"));
            return false;
        }
        if value > max || (0xD800..0xE000).contains(&value) {
            self.error_here(format!(
                "escape is invalid Unicode code point {}",
                code_point_name(value)
            ));
            return false;
        }
        true
    }
}

/// Decodes the UTF-8 sequence at the start of `bytes`, or `None` if it is
/// not valid (overlong, a surrogate, past U+10FFFF, or cut short).
fn decode_utf8(bytes: &[u8]) -> Option<(char, usize)> {
    let width = match bytes.first()? {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let text = std::str::from_utf8(bytes.get(..width)?).ok()?;
    text.chars().next().map(|c| (c, width))
}

fn base_name(base: u32) -> &'static str {
    match base {
        2 => "binary",
        8 => "octal",
        16 => "hexadecimal",
        _ => "decimal",
    }
}

/// The offset of the first `_` in a number's text that does not stand
/// between two digits (a base prefix counts as a digit), if any.
fn misplaced_separator(text: &[u8]) -> Option<usize> {
    #[derive(PartialEq, Clone, Copy)]
    enum Last {
        Digit,
        Separator,
        Other,
    }
    let hex = text.len() >= 2 && text[0] == b'0' && text[1].eq_ignore_ascii_case(&b'x');
    let mut i = 0;
    let mut last = Last::Other;
    if text.len() >= 2
        && text[0] == b'0'
        && matches!(text[1].to_ascii_lowercase(), b'x' | b'o' | b'b')
    {
        last = Last::Digit;
        i = 2;
    }
    while i < text.len() {
        let previous = last;
        let b = text[i];
        if b == b'_' {
            if previous != Last::Digit {
                return Some(i);
            }
            last = Last::Separator;
        } else if b.is_ascii_digit() || hex && b.is_ascii_hexdigit() {
            last = Last::Digit;
        } else {
            if previous == Last::Separator {
                return Some(i - 1);
            }
            last = Last::Other;
        }
        i += 1;
    }
    (last == Last::Separator).then(|| text.len() - 1)
}

/// Go's letters: Unicode's general category L. Rust's `is_alphabetic` also
/// takes letter numbers (category Nl) and some marks; numbers are excluded
/// here, marks are a known difference.
fn is_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_numeric()
}

/// Go's digits: Unicode's category Nd, approximated by Rust's numerics
/// that are not letters.
fn is_digit(c: char) -> bool {
    c.is_numeric() && !c.is_alphabetic()
}

/// Whether Go would print the character itself (`strconv.IsPrint`),
/// approximated: not a control, not a separator other than the space, not
/// a format character of the common kinds.
fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | BOM))
        && !(0xE000..=0xF8FF).contains(&(c as u32))
}

/// `U+0040 '@'`, as Go's `%#U` prints a character.
pub(crate) fn unicode_name(c: char) -> String {
    if is_printable(c) {
        format!("U+{:04X} '{}'", c as u32, c)
    } else {
        format!("U+{:04X}", c as u32)
    }
}

fn code_point_name(value: u32) -> String {
    match char::from_u32(value) {
        Some(c) => unicode_name(c),
        None => format!("U+{value:04X}"),
    }
}

/// `'a'`, `'\n'`, `'\x00'`: a character quoted as Go's `%q` does.
pub(crate) fn quote_rune(c: char) -> String {
    let inner = match c {
        '\x07' => "\\a".to_string(),
        '\x08' => "\\b".to_string(),
        '\x0c' => "\\f".to_string(),
        '\n' => "\\n".to_string(),
        '\r' => "\\r".to_string(),
        '\t' => "\\t".to_string(),
        '\x0b' => "\\v".to_string(),
        '\\' => "\\\\".to_string(),
        '\'' => "\\'".to_string(),
        _ if is_printable(c) => c.to_string(),
        _ if (c as u32) < 0x80 => format!("\\x{:02x}", c as u32),
        _ if (c as u32) < 0x10000 => format!("\\u{:04x}", c as u32),
        _ => format!("\\U{:08x}", c as u32),
    };
    format!("'{inner}'")
}

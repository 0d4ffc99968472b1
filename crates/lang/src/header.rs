//! The check `go build` makes before compiling: the package clause and imports, read as the go command reads them.
//!
//! The go command reads a file's imports itself (to find packages) before
//! its compiler sees the file, with go/build and go/parser rather than the
//! compiler's parser. A broken package clause or import is therefore
//! reported in go/parser's words (`expected 'STRING', found newline`),
//! once, and the compiler never runs. This module reproduces that:
//!
//! 1. Find the header as go/build's reader does: the bytes up to the last
//!    import declaration (and the comments after it). A byte the reader
//!    does not expect makes the header the whole file.
//! 2. Scan it as go/scanner does, and parse the package clause and import
//!    declarations as go/parser does, keeping its errors (one a line).
//! 3. The go command prints the first of them by position.

use crate::error::SyntaxError;
use crate::lex::unicode_name;
use crate::token::Pos;

/// The go command's error for the file's header, if it has one.
pub(crate) fn check(src: &[u8]) -> Option<SyntaxError> {
    let end = header_end(src)?;
    let mut parser = HeaderParser::new(&src[..end]);
    parser.parse();
    parser.first_error()
}

// ---- Step 1: go/build's reader ---------------------------------------------------

/// How many bytes go/build hands to go/parser; `None` when it fails
/// without a position (a NUL byte), which is left to the compiler's parser.
fn header_end(src: &[u8]) -> Option<usize> {
    let start = if src.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    let mut reader = ImportReader {
        src,
        read: start,
        peeked: None,
        broken: false,
        nul: false,
        eof: false,
    };
    reader.keyword(b"package");
    reader.ident();
    while reader.peek(true) == Some(b'i') {
        reader.keyword(b"import");
        if reader.peek(true) == Some(b'(') {
            reader.take(false);
            while reader.peek(true) != Some(b')') && !reader.stopped() {
                reader.import_spec();
            }
            reader.take(false);
        } else {
            reader.import_spec();
        }
    }
    if reader.nul {
        return None;
    }
    if reader.broken {
        return Some(src.len());
    }
    // The byte that ended the header was read but is not part of it.
    Some(if reader.eof {
        reader.read
    } else {
        reader.read - 1
    })
}

struct ImportReader<'a> {
    src: &'a [u8],
    read: usize,
    /// A byte read ahead (`Some(0)` at the end of the input).
    peeked: Option<u8>,
    broken: bool,
    nul: bool,
    /// A read went past the end.
    eof: bool,
}

impl ImportReader<'_> {
    fn stopped(&self) -> bool {
        self.broken || self.nul
    }

    fn read_byte(&mut self) -> u8 {
        match self.src.get(self.read) {
            Some(&b) => {
                self.read += 1;
                if b == 0 {
                    self.nul = true;
                }
                b
            }
            None => {
                self.eof = true;
                0
            }
        }
    }

    /// The next byte, after spaces, `;` and comments if `skip_space`.
    fn peek(&mut self, skip_space: bool) -> Option<u8> {
        if self.stopped() {
            return None;
        }
        let mut c = match self.peeked {
            Some(c) if c != 0 => c,
            _ => self.read_byte(),
        };
        while skip_space && !self.stopped() && !self.eof {
            match c {
                b' ' | b'\x0c' | b'\t' | b'\r' | b'\n' | b';' => c = self.read_byte(),
                b'/' => {
                    c = self.read_byte();
                    if c == b'/' {
                        while c != b'\n' && !self.stopped() && !self.eof {
                            c = self.read_byte();
                        }
                    } else if c == b'*' {
                        let (mut previous, mut c) = (0, 0);
                        while (previous != b'*' || c != b'/') && !self.stopped() {
                            if self.eof {
                                self.broken = true;
                            }
                            previous = c;
                            c = self.read_byte();
                        }
                    } else {
                        self.broken = true;
                    }
                    c = self.read_byte();
                }
                _ => break,
            }
        }
        self.peeked = Some(c);
        Some(c)
    }

    fn take(&mut self, skip_space: bool) -> Option<u8> {
        let c = self.peek(skip_space);
        self.peeked = None;
        c
    }

    fn keyword(&mut self, word: &[u8]) {
        self.peek(true);
        for &expected in word {
            if self.take(false) != Some(expected) {
                self.broken = true;
                return;
            }
        }
        if self.peek(false).is_some_and(is_ident_byte) {
            self.broken = true;
        }
    }

    fn ident(&mut self) {
        if !self.peek(true).is_some_and(is_ident_byte) {
            self.broken = true;
            return;
        }
        while self.peek(false).is_some_and(is_ident_byte) {
            self.peeked = None;
        }
    }

    fn string(&mut self) {
        match self.take(true) {
            Some(b'`') => {
                while !self.stopped() {
                    if self.take(false) == Some(b'`') {
                        break;
                    }
                    if self.eof {
                        self.broken = true;
                    }
                }
            }
            Some(b'"') => {
                while !self.stopped() {
                    let c = self.take(false);
                    if c == Some(b'"') {
                        break;
                    }
                    if self.eof || c == Some(b'\n') {
                        self.broken = true;
                    }
                    if c == Some(b'\\') {
                        self.take(false);
                    }
                }
            }
            _ => self.broken = true,
        }
    }

    fn import_spec(&mut self) {
        match self.peek(true) {
            Some(b'.') => self.peeked = None,
            Some(c) if is_ident_byte(c) => self.ident(),
            _ => {}
        }
        self.string();
    }
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

// ---- Step 2: go/scanner and go/parser --------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Ident,
    String,
    /// A number or rune literal.
    OtherLiteral,
    Keyword,
    Operator,
    /// `;`, or one inserted at a newline (text `\n`).
    Semi,
    Illegal,
    Eof,
}

const KEYWORDS: [&str; 25] = [
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

/// Go's operators, longest first where one is a prefix of another.
const OPERATORS: [&str; 47] = [
    "<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "+=",
    "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "&^", "+", "-", "*", "/", "%", "&", "|",
    "^", "<", ">", "=", "!", "(", ")", "[", "]", "{", "}", ",", ".", ":", "~",
];

struct HeaderParser<'a> {
    src: &'a [u8],
    /// Offset of the current character, and of the one after it.
    offset: usize,
    read: usize,
    ch: Option<char>,
    insert_semi: bool,
    /// The current token.
    kind: Kind,
    text: String,
    token_offset: usize,
    /// Errors kept, by offset, in the order reported.
    errors: Vec<(usize, String)>,
    /// Set at go/parser's first error: nothing after it can come first.
    done: bool,
}

impl<'a> HeaderParser<'a> {
    fn new(src: &'a [u8]) -> HeaderParser<'a> {
        let mut p = HeaderParser {
            src,
            offset: 0,
            read: 0,
            ch: Some(' '),
            insert_semi: false,
            kind: Kind::Eof,
            text: String::new(),
            token_offset: 0,
            errors: Vec::new(),
            done: false,
        };
        p.next_char();
        if p.ch == Some('\u{feff}') {
            p.next_char();
        }
        p.next();
        p
    }

    fn pos(&self, offset: usize) -> Pos {
        let before = &self.src[..offset.min(self.src.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        Pos::new(line, (offset - line_start) as u32 + 1)
    }

    fn first_error(&self) -> Option<SyntaxError> {
        // The first of equals, as Go's stable sort keeps them.
        let (offset, message) = self.errors.iter().min_by_key(|e| e.0)?;
        Some(SyntaxError::new(self.pos(*offset), message.clone()))
    }

    fn scan_error(&mut self, offset: usize, message: String) {
        self.errors.push((offset, message));
    }

    /// go/parser's own errors: one a line.
    fn parse_error(&mut self, offset: usize, message: String) {
        self.done = true;
        let line = self.pos(offset).line;
        if let Some((last, _)) = self.errors.last() {
            if self.pos(*last).line == line {
                return;
            }
        }
        self.errors.push((offset, message));
    }

    fn next_char(&mut self) {
        let Some(&byte) = self.src.get(self.read) else {
            self.offset = self.src.len();
            self.ch = None;
            return;
        };
        self.offset = self.read;
        if byte < 0x80 {
            if byte == 0 {
                self.scan_error(self.offset, "illegal character NUL".into());
            }
            self.read += 1;
            self.ch = Some(byte as char);
            return;
        }
        let rest = &self.src[self.read..];
        let decoded = std::str::from_utf8(&rest[..rest.len().min(4)])
            .or_else(|e| std::str::from_utf8(&rest[..e.valid_up_to()]))
            .ok()
            .and_then(|s| s.chars().next());
        match decoded {
            Some(c) => {
                if c == '\u{feff}' && self.offset > 0 {
                    self.scan_error(self.offset, "illegal byte order mark".into());
                }
                self.read += c.len_utf8();
                self.ch = Some(c);
            }
            None => {
                self.scan_error(self.offset, "illegal UTF-8 encoding".into());
                self.read += 1;
                self.ch = Some(char::REPLACEMENT_CHARACTER);
            }
        }
    }

    fn text_from(&self, start: usize) -> String {
        String::from_utf8_lossy(&self.src[start..self.offset]).into_owned()
    }

    /// The next token, skipping comments (as go/parser does).
    fn next(&mut self) {
        loop {
            while matches!(self.ch, Some(' ' | '\t' | '\r'))
                || self.ch == Some('\n') && !self.insert_semi
            {
                self.next_char();
            }
            let start = self.offset;
            self.token_offset = start;
            let insert_semi = self.insert_semi;
            self.insert_semi = false;
            let Some(c) = self.ch else {
                self.kind = if insert_semi { Kind::Semi } else { Kind::Eof };
                self.text = if insert_semi {
                    "\n".into()
                } else {
                    "EOF".into()
                };
                return;
            };
            if c.is_ascii_alphabetic()
                || c == '_'
                || !c.is_ascii() && c.is_alphabetic() && !c.is_numeric()
            {
                while matches!(self.ch, Some(c) if c.is_alphanumeric() || c == '_') {
                    self.next_char();
                }
                self.text = self.text_from(start);
                self.kind = if self.text.len() > 1 && KEYWORDS.contains(&self.text.as_str()) {
                    Kind::Keyword
                } else {
                    Kind::Ident
                };
                self.insert_semi = self.kind == Kind::Ident
                    || matches!(
                        self.text.as_str(),
                        "break" | "continue" | "fallthrough" | "return"
                    );
                return;
            }
            let next_byte = self.src.get(self.read).copied();
            if c.is_ascii_digit() || c == '.' && next_byte.is_some_and(|b| b.is_ascii_digit()) {
                // Numbers do not belong in a header; any error in one is the
                // compiler's to report, so they are scanned loosely.
                while matches!(self.ch, Some(c) if c.is_ascii_alphanumeric() || c == '_' || c == '.')
                {
                    self.next_char();
                }
                self.text = self.text_from(start);
                self.kind = Kind::OtherLiteral;
                self.insert_semi = true;
                return;
            }
            self.next_char();
            match c {
                '\n' => {
                    self.kind = Kind::Semi;
                    self.text = "\n".into();
                    return;
                }
                '"' | '`' | '\'' => {
                    match c {
                        '"' => self.scan_string(start),
                        '`' => self.scan_raw_string(start),
                        _ => self.scan_rune(start),
                    }
                    self.text = self.text_from(start);
                    self.kind = if c == '\'' {
                        Kind::OtherLiteral
                    } else {
                        Kind::String
                    };
                    self.insert_semi = true;
                    return;
                }
                '/' if matches!(self.ch, Some('/' | '*')) => {
                    if insert_semi && self.comment_reaches_line_end(start) {
                        // The comment ends the line: a semicolon, then the
                        // comment again.
                        self.offset = start;
                        self.read = start + 1;
                        self.ch = Some('/');
                        self.kind = Kind::Semi;
                        self.text = "\n".into();
                        return;
                    }
                    self.scan_comment(start);
                    continue;
                }
                ';' => {
                    self.kind = Kind::Semi;
                    self.text = ";".into();
                    return;
                }
                _ => {}
            }
            let rest = &self.src[start..];
            if let Some(op) = OPERATORS.iter().find(|op| rest.starts_with(op.as_bytes())) {
                for _ in 1..op.len() {
                    self.next_char();
                }
                self.kind = Kind::Operator;
                self.text = (*op).to_string();
                self.insert_semi = matches!(*op, ")" | "]" | "}" | "++" | "--");
                return;
            }
            if c != '\u{feff}' {
                self.scan_error(start, format!("illegal character {}", unicode_name(c)));
            }
            self.insert_semi = insert_semi;
            self.kind = Kind::Illegal;
            self.text = c.to_string();
            return;
        }
    }

    /// After `/` (the current character is `/` or `*`): whether the
    /// comment runs to the end of its line (or the file) with no code
    /// after it on that line. Looks ahead without consuming.
    fn comment_reaches_line_end(&self, start: usize) -> bool {
        let src = &self.src[start..];
        if src.starts_with(b"//") {
            return true;
        }
        let mut i = 2;
        loop {
            // After each `/* ... */`, only spaces and further comments may
            // follow before the newline.
            let Some(close) = src[i..].windows(2).position(|w| w == b"*/") else {
                return true;
            };
            if src[i..i + close].contains(&b'\n') {
                return true;
            }
            i += close + 2;
            while i < src.len() && matches!(src[i], b' ' | b'\t' | b'\r') {
                i += 1;
            }
            if i >= src.len() || src[i] == b'\n' || src[i..].starts_with(b"//") {
                return true;
            }
            if !src[i..].starts_with(b"/*") {
                return false;
            }
            i += 2;
        }
    }

    fn scan_comment(&mut self, start: usize) {
        if self.ch == Some('/') {
            while self.ch.is_some() && self.ch != Some('\n') {
                self.next_char();
            }
            return;
        }
        self.next_char();
        while let Some(c) = self.ch {
            self.next_char();
            if c == '*' && self.ch == Some('/') {
                self.next_char();
                return;
            }
        }
        self.scan_error(start, "comment not terminated".into());
    }

    fn scan_string(&mut self, start: usize) {
        loop {
            match self.ch {
                None | Some('\n') => {
                    self.scan_error(start, "string literal not terminated".into());
                    return;
                }
                Some(c) => {
                    self.next_char();
                    if c == '"' {
                        return;
                    }
                    if c == '\\' {
                        self.scan_escape('"');
                    }
                }
            }
        }
    }

    fn scan_raw_string(&mut self, start: usize) {
        loop {
            match self.ch {
                None => {
                    self.scan_error(start, "raw string literal not terminated".into());
                    return;
                }
                Some(c) => {
                    self.next_char();
                    if c == '`' {
                        return;
                    }
                }
            }
        }
    }

    fn scan_rune(&mut self, start: usize) {
        let mut valid = true;
        let mut chars = 0;
        loop {
            match self.ch {
                None | Some('\n') => {
                    if valid {
                        self.scan_error(start, "rune literal not terminated".into());
                        valid = false;
                    }
                    break;
                }
                Some(c) => {
                    self.next_char();
                    if c == '\'' {
                        break;
                    }
                    chars += 1;
                    if c == '\\' && !self.scan_escape('\'') {
                        valid = false;
                    }
                }
            }
        }
        if valid && chars != 1 {
            self.scan_error(start, "illegal rune literal".into());
        }
    }

    fn scan_escape(&mut self, quote: char) -> bool {
        let start = self.offset;
        let (digits, base, max): (u32, u32, u32) = match self.ch {
            Some(c)
                if c == quote || matches!(c, 'a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' | '\\') =>
            {
                self.next_char();
                return true;
            }
            Some('0'..='7') => (3, 8, 255),
            Some(c @ ('x' | 'u' | 'U')) => {
                self.next_char();
                match c {
                    'x' => (2, 16, 255),
                    'u' => (4, 16, char::MAX as u32),
                    _ => (8, 16, char::MAX as u32),
                }
            }
            Some(_) => {
                self.scan_error(start, "unknown escape sequence".into());
                return false;
            }
            None => {
                self.scan_error(start, "escape sequence not terminated".into());
                return false;
            }
        };
        let mut value: u32 = 0;
        for _ in 0..digits {
            let Some(c) = self.ch else {
                self.scan_error(self.offset, "escape sequence not terminated".into());
                return false;
            };
            let Some(digit) = c.to_digit(16).filter(|&d| d < base) else {
                self.scan_error(
                    self.offset,
                    format!("illegal character {} in escape sequence", unicode_name(c)),
                );
                return false;
            };
            value = value.wrapping_mul(base).wrapping_add(digit);
            self.next_char();
        }
        if value > max || (0xD800..0xE000).contains(&value) {
            self.scan_error(
                start,
                "escape sequence is invalid Unicode code point".into(),
            );
            return false;
        }
        true
    }

    // ---- go/parser, ImportsOnly --------------------------------------------------

    fn at(&self, kind: Kind, text: &str) -> bool {
        self.kind == kind && self.text == text
    }

    /// go/parser's `expected X, found Y` at the current token.
    fn expected(&mut self, what: &str) {
        let found = match self.kind {
            Kind::Semi if self.text == "\n" => "newline".to_string(),
            Kind::Ident | Kind::String | Kind::OtherLiteral => self.text.clone(),
            Kind::Illegal => "'ILLEGAL'".into(),
            _ => format!("'{}'", self.text),
        };
        self.parse_error(self.token_offset, format!("expected {what}, found {found}"));
    }

    fn expect(&mut self, kind: Kind, text: &str, what: &str) {
        if !self.at(kind, text) {
            self.expected(what);
        }
        self.next();
    }

    fn expect_semi(&mut self) {
        if self.at(Kind::Operator, ")") || self.at(Kind::Operator, "}") {
            return;
        }
        match self.kind {
            Kind::Semi => self.next(),
            _ => self.expected("';'"),
        }
    }

    fn parse(&mut self) {
        if !self.errors.is_empty() {
            // Go does not read on past a broken first token.
            return;
        }
        self.expect(Kind::Keyword, "package", "'package'");
        if self.done {
            return;
        }
        if self.kind == Kind::Ident {
            self.next();
        } else {
            self.expected("'IDENT'");
            return;
        }
        self.expect_semi();
        if !self.errors.is_empty() {
            return;
        }
        while !self.done && self.at(Kind::Keyword, "import") {
            self.next();
            if self.at(Kind::Operator, "(") {
                self.next();
                while !self.done && !self.at(Kind::Operator, ")") && self.kind != Kind::Eof {
                    self.import_spec();
                }
                if self.done {
                    return;
                }
                self.expect(Kind::Operator, ")", "')'");
                if !self.done {
                    self.expect_semi();
                }
            } else {
                self.import_spec();
            }
        }
    }

    fn import_spec(&mut self) {
        if self.at(Kind::Operator, ".") || self.kind == Kind::Ident {
            self.next();
        }
        if self.kind == Kind::String {
            if !valid_import_path(&self.text) {
                let message = format!("invalid import path: {}", self.text);
                self.parse_error(self.token_offset, message);
                return;
            }
            self.next();
        } else {
            self.expected("'STRING'");
            return;
        }
        self.expect_semi();
    }
}

/// Whether go/parser accepts a (well-formed, quoted) import path: not
/// empty, no spaces, controls or the characters Go forbids.
fn valid_import_path(quoted: &str) -> bool {
    const ILLEGAL: &str = "!\"#$%&'()*,:;<=>?[\\]^{|}`\u{FFFD}";
    let Some(path) = unquote(quoted) else {
        return false;
    };
    !path.is_empty()
        && path
            .chars()
            .all(|c| !c.is_control() && !c.is_whitespace() && !ILLEGAL.contains(c))
}

/// The value of a string literal, for the common escapes; `None` for one
/// this does not decode (no import path needs one).
fn unquote(quoted: &str) -> Option<String> {
    if let Some(raw) = quoted.strip_prefix('`') {
        return raw.strip_suffix('`').map(|s| s.replace('\r', ""));
    }
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    if !inner.contains('\\') {
        return Some(inner.to_string());
    }
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            '\\' => '\\',
            '"' => '"',
            _ => return None,
        });
    }
    Some(out)
}

//! The little JSON that saved progress needs: a reader into plain values and a string quoter, whole numbers only.
//!
//! serde_json did this before, and cost about 8 kB of the page's gzipped
//! wasm (its number parsing and maps) for a format of a few small objects
//! of whole numbers; the first visit's budget is 300 kB. The reader follows
//! RFC 8259, in steps:
//! 1. Skip whitespace, read one value by its first character.
//! 2. Objects and arrays nest at most `DEPTH_MAX` deep, so no saved text
//!    can overflow the stack.
//! 3. Numbers are checked against the grammar and kept as their text; the
//!    caller reads whole numbers from it (`as_u64`), so no float code is
//!    needed. Strings are unescaped, `\u` surrogate pairs included.
//! 4. Anything after the value but whitespace is an error.
//!
//! Errors name what was expected and the byte where it was not found.

/// A JSON value. Object members keep their order; `get` finds the first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number's text, as written.
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// How deep arrays and objects may nest.
const DEPTH_MAX: usize = 64;

impl Json {
    /// The value of `key` in an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A number that is a whole number from 0 to `u64::MAX`, written without fraction or exponent.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(text) => text.parse().ok(),
            _ => None,
        }
    }

    /// A whole number that may be negative.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(text) => text.parse().ok(),
            _ => None,
        }
    }
}

/// Reads one JSON value that makes up the whole of `text`.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = reader.value(0)?;
    reader.whitespace();
    if reader.at < reader.bytes.len() {
        return Err(reader.expected("the end of the text"));
    }
    Ok(value)
}

/// `text` as a JSON string literal.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from(HEX[(u32::from(c) >> 4) as usize]));
                out.push(char::from(HEX[(u32::from(c) & 0xf) as usize]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn expected(&self, what: &str) -> String {
        match self.bytes.get(self.at) {
            Some(_) => format!("expected {what} at byte {}", self.at),
            None => format!("expected {what} at the end of the text (byte {})", self.at),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.whitespace();
        if self.peek() == Some(byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        self.whitespace();
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            _ => Err(self.expected("a value")),
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, String> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.expected(&format!("`{word}`")))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, String> {
        if depth > DEPTH_MAX {
            return Err(format!(
                "nested deeper than {DEPTH_MAX} at byte {}",
                self.at
            ));
        }
        self.at += 1;
        let mut members = Vec::new();
        if self.eat(b'}') {
            return Ok(Json::Object(members));
        }
        loop {
            self.whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.expected("a member name in quotes"));
            }
            let key = self.string()?;
            if !self.eat(b':') {
                return Err(self.expected("`:`"));
            }
            members.push((key, self.value(depth)?));
            if self.eat(b'}') {
                return Ok(Json::Object(members));
            }
            if !self.eat(b',') {
                return Err(self.expected("`,` or `}`"));
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, String> {
        if depth > DEPTH_MAX {
            return Err(format!(
                "nested deeper than {DEPTH_MAX} at byte {}",
                self.at
            ));
        }
        self.at += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            if self.eat(b']') {
                return Ok(Json::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.expected("`,` or `]`"));
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json, String> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.expected("a digit")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.expected("a digit after `.`"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.expected("a digit in the exponent"));
            }
        }
        let text =
            std::str::from_utf8(&self.bytes[start..self.at]).expect("ASCII digits and signs");
        Ok(Json::Number(text.to_owned()))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut n = 0;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| char::from(b).to_digit(16));
            let Some(digit) = digit else {
                return Err(self.expected("four hex digits after `\\u`"));
            };
            n = n * 16 + digit;
            self.at += 1;
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while !matches!(self.peek(), None | Some(b'"' | b'\\' | 0..=0x1f)) {
                self.at += 1;
            }
            // The input is a &str, and the run stops only at ASCII bytes.
            out.push_str(
                std::str::from_utf8(&self.bytes[start..self.at]).expect("a whole run of UTF-8"),
            );
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let unit = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&unit)
                                && self.bytes[self.at..].starts_with(b"\\u")
                            {
                                self.at += 2;
                                let low = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&low) {
                                    return Err(self.expected("a low surrogate"));
                                }
                                0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)
                            } else {
                                unit
                            };
                            out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                            continue;
                        }
                        _ => return Err(self.expected("an escape such as `\\n` or `\\u0041`")),
                    };
                    self.at += 1;
                    out.push(escaped);
                }
                _ => return Err(self.expected("`\"` to end the string")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(members: &[(&str, Json)]) -> Json {
        Json::Object(
            members
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn reads_the_saved_format() {
        let value = parse(r#" {"version":1,"lessons":{"a":{"choice":2,"exercises_met":[0, 1]}}} "#)
            .unwrap();
        assert_eq!(value.get("version").and_then(Json::as_u64), Some(1));
        let lesson = value.get("lessons").and_then(|l| l.get("a")).unwrap();
        assert_eq!(
            lesson,
            &object(&[
                ("choice", Json::Number("2".into())),
                (
                    "exercises_met",
                    Json::Array(vec![Json::Number("0".into()), Json::Number("1".into())])
                ),
            ])
        );
    }

    #[test]
    fn numbers_keep_their_text_and_only_whole_ones_read_as_integers() {
        assert_eq!(parse("-12").unwrap().as_i64(), Some(-12));
        assert_eq!(parse("-12").unwrap().as_u64(), None);
        assert_eq!(parse("1.5e3").unwrap(), Json::Number("1.5e3".into()));
        assert_eq!(parse("1.5e3").unwrap().as_u64(), None);
        assert_eq!(
            parse("18446744073709551616").unwrap().as_u64(),
            None,
            "past u64::MAX"
        );
    }

    #[test]
    fn strings_are_unescaped_and_quoted_back() {
        let text = "a\"b\\c\n\u{1}é😀";
        assert_eq!(parse(&quote(text)).unwrap(), Json::String(text.to_owned()));
        assert_eq!(
            parse(r#""\u00e9\ud83d\ude00\/""#).unwrap(),
            Json::String("é😀/".into())
        );
    }

    #[test]
    fn every_malformed_text_is_refused_with_where() {
        for (text, says) in [
            ("", "expected a value at the end of the text (byte 0)"),
            (
                r#"{"version":1,"lessons":"#,
                "expected a value at the end of the text (byte 23)",
            ),
            ("{1:2}", "expected a member name in quotes at byte 1"),
            ("[1 2]", "expected `,` or `]` at byte 3"),
            ("01", "expected the end of the text at byte 1"),
            ("1.", "expected a digit after `.`"),
            ("tru", "expected `true` at byte 0"),
            (r#""a"#, "expected `\"` to end the string"),
            (r#""\x""#, "expected an escape"),
            ("{} x", "expected the end of the text at byte 3"),
        ] {
            let error = parse(text).unwrap_err();
            assert!(error.starts_with(says), "{text:?}: {error}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing_the_stack() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).unwrap_err().contains("nested deeper than 64"));
        let fine = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(parse(&fine).is_ok());
    }
}

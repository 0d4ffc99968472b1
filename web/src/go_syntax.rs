//! Go source split into coloured pieces for the editor, line by line: keywords, predeclared names, strings, numbers and comments.
//!
//! A highlighter, not a lexer: it never fails, and a program that does not
//! parse still colours sensibly. Comments and raw strings may span lines,
//! so each line starts in the state the previous one ended in.

/// What a piece of a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Plain,
    Keyword,
    /// Predeclared types, constants and functions (`int`, `nil`, `make`).
    Builtin,
    Text,
    Number,
    Comment,
}

impl Class {
    /// The CSS class of a piece (none for plain text).
    pub fn css(self) -> Option<&'static str> {
        match self {
            Class::Plain => None,
            Class::Keyword => Some("tok-keyword"),
            Class::Builtin => Some("tok-builtin"),
            Class::Text => Some("tok-string"),
            Class::Number => Some("tok-number"),
            Class::Comment => Some("tok-comment"),
        }
    }
}

const KEYWORDS: &[&str] = &[
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

const BUILTINS: &[&str] = &[
    "append", "bool", "byte", "cap", "close", "complex", "copy", "delete", "error", "false",
    "float32", "float64", "int", "int16", "int32", "int64", "int8", "iota", "len", "make", "new",
    "nil", "panic", "print", "println", "recover", "rune", "string", "true", "uint", "uint16",
    "uint32", "uint64", "uint8", "uintptr", "any",
];

/// Where a line starts: inside a block comment or a raw string, or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    Nothing,
    BlockComment,
    RawString,
}

/// Every line of `source`, as (class, text) pieces that together are the line.
pub fn highlight(source: &str) -> Vec<Vec<(Class, &str)>> {
    let mut open = Open::Nothing;
    source
        .split('\n')
        .map(|line| {
            let (pieces, still_open) = line_pieces(line, open);
            open = still_open;
            pieces
        })
        .collect()
}

fn line_pieces(line: &str, mut open: Open) -> (Vec<(Class, &str)>, Open) {
    let bytes = line.as_bytes();
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let class = match open {
            Open::BlockComment => {
                i = find(line, i, "*/").map_or(bytes.len(), |end| {
                    open = Open::Nothing;
                    end + 2
                });
                Class::Comment
            }
            Open::RawString => {
                i = find(line, i, "`").map_or(bytes.len(), |end| {
                    open = Open::Nothing;
                    end + 1
                });
                Class::Text
            }
            Open::Nothing => match bytes[i] {
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i = bytes.len();
                    Class::Comment
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    open = Open::BlockComment;
                    i += 2;
                    continue_piece(line, &mut i, &mut open)
                }
                b'`' => {
                    open = Open::RawString;
                    i += 1;
                    continue_piece(line, &mut i, &mut open)
                }
                quote @ (b'"' | b'\'') => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != quote {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    i = (i + 1).min(bytes.len());
                    Class::Text
                }
                b'0'..=b'9' => {
                    while i < bytes.len()
                        && (bytes[i].is_ascii_alphanumeric()
                            || bytes[i] == b'.'
                            || bytes[i] == b'_')
                    {
                        i += 1;
                    }
                    Class::Number
                }
                b if b.is_ascii_alphabetic() || b == b'_' => {
                    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_')
                    {
                        i += 1;
                    }
                    let word = &line[start..i];
                    // A selector's name (`wg.Done`, `x.len`) is no keyword.
                    let selected = start > 0 && bytes[start - 1] == b'.';
                    if !selected && KEYWORDS.contains(&word) {
                        Class::Keyword
                    } else if !selected && BUILTINS.contains(&word) {
                        Class::Builtin
                    } else {
                        Class::Plain
                    }
                }
                _ => {
                    // Up to the next byte that may start a piece, on a char boundary.
                    i += 1;
                    while i < bytes.len() && !starts_piece(bytes, i) {
                        i += 1;
                    }
                    Class::Plain
                }
            },
        };
        push(&mut pieces, class, &line[start..i]);
    }
    (pieces, open)
}

/// A comment or raw string just opened at `start`: its piece runs to its end on this line.
fn continue_piece(line: &str, i: &mut usize, open: &mut Open) -> Class {
    let (close, class) = match open {
        Open::BlockComment => ("*/", Class::Comment),
        _ => ("`", Class::Text),
    };
    *i = find(line, *i, close).map_or(line.len(), |end| {
        *open = Open::Nothing;
        end + close.len()
    });
    class
}

fn starts_piece(bytes: &[u8], i: usize) -> bool {
    let b = bytes[i];
    b.is_ascii_alphanumeric()
        || matches!(b, b'_' | b'"' | b'\'' | b'`')
        || (b == b'/' && matches!(bytes.get(i + 1), Some(b'/' | b'*')))
}

fn find(line: &str, from: usize, what: &str) -> Option<usize> {
    line.get(from..)?.find(what).map(|at| from + at)
}

/// Adds a piece unless it is empty.
fn push<'a>(pieces: &mut Vec<(Class, &'a str)>, class: Class, text: &'a str) {
    if text.is_empty() {
        return;
    }
    pieces.push((class, text));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(line: &str) -> Vec<(Class, String)> {
        highlight(line)[0]
            .iter()
            .map(|(c, t)| (*c, t.to_string()))
            .collect()
    }

    #[test]
    fn a_line_is_cut_into_its_pieces_and_nothing_is_lost() {
        let source = include_str!("../../crates/core/go/pool/main.go");
        for (line, pieces) in source.split('\n').zip(highlight(source)) {
            let joined: String = pieces.iter().map(|(_, t)| *t).collect();
            assert_eq!(joined, line);
        }
        let line = "\tgo worker(w, \"a\\\"b\", 42) // start é";
        let pieces = classes(line);
        assert!(
            pieces.contains(&(Class::Keyword, "go".into())),
            "{pieces:?}"
        );
        assert!(
            pieces.contains(&(Class::Text, "\"a\\\"b\"".into())),
            "{pieces:?}"
        );
        assert!(pieces.contains(&(Class::Number, "42".into())), "{pieces:?}");
        assert!(
            pieces.contains(&(Class::Comment, "// start é".into())),
            "{pieces:?}"
        );
        assert!(classes("wg.Done()").iter().all(|(c, _)| *c == Class::Plain));
        assert!(classes("x := make(chan int)").contains(&(Class::Builtin, "make".into())));
    }

    #[test]
    fn comments_and_raw_strings_carry_over_lines() {
        let lines = highlight("a /* one\ntwo */ b\nx := `raw\nstill` + y");
        assert_eq!(lines[0].last(), Some(&(Class::Comment, "/* one")));
        assert_eq!(lines[1][0], (Class::Comment, "two */"));
        assert_eq!(lines[2].last(), Some(&(Class::Text, "`raw")));
        assert_eq!(lines[3][0], (Class::Text, "still`"));
    }

    #[test]
    fn broken_text_never_panics() {
        for text in ["\"unterminated", "'\\", "/*", "`", "é\"é\\", "0x_é", "/"] {
            let pieces = highlight(text);
            let joined: String = pieces[0].iter().map(|(_, t)| *t).collect();
            assert_eq!(joined, text);
        }
    }
}

//! Go's tokens and operators, with the words Go's compiler uses for them in messages.

use std::fmt;

/// A position as Go's compiler reports it: 1-based line, and 1-based column
/// counted in bytes (a tab is one column, `é` is two).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// The kind of a token. Operators other than `*` share one kind
/// (`Operator`, `AssignOp`, `IncOp`) and carry their [`Op`] beside it, as
/// in Go's scanner, so the parser can match on a whole class at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    Eof,
    Name,
    Literal,
    /// A binary or unary operator except `*`: `+`, `&&`, `!`, `==`, ...
    Operator,
    /// `op=`, e.g. `+=`, `<<=`.
    AssignOp,
    /// `++` or `--`.
    IncOp,
    Assign,
    Define,
    Arrow,
    Star,
    Lparen,
    Lbrack,
    Lbrace,
    Rparen,
    Rbrack,
    Rbrace,
    Comma,
    /// `;`, or one inserted at a newline or at the end of the file.
    Semi,
    Colon,
    Dot,
    DotDotDot,
    Break,
    Case,
    Chan,
    Const,
    Continue,
    Default,
    Defer,
    Else,
    Fallthrough,
    For,
    Func,
    Go,
    Goto,
    If,
    Import,
    Interface,
    Map,
    Package,
    Range,
    Return,
    Select,
    Struct,
    Switch,
    Type,
    Var,
}

/// The keywords, in Go's order.
const KEYWORDS: [(&str, Tok); 25] = [
    ("break", Tok::Break),
    ("case", Tok::Case),
    ("chan", Tok::Chan),
    ("const", Tok::Const),
    ("continue", Tok::Continue),
    ("default", Tok::Default),
    ("defer", Tok::Defer),
    ("else", Tok::Else),
    ("fallthrough", Tok::Fallthrough),
    ("for", Tok::For),
    ("func", Tok::Func),
    ("go", Tok::Go),
    ("goto", Tok::Goto),
    ("if", Tok::If),
    ("import", Tok::Import),
    ("interface", Tok::Interface),
    ("map", Tok::Map),
    ("package", Tok::Package),
    ("range", Tok::Range),
    ("return", Tok::Return),
    ("select", Tok::Select),
    ("struct", Tok::Struct),
    ("switch", Tok::Switch),
    ("type", Tok::Type),
    ("var", Tok::Var),
];

impl Tok {
    /// The keyword spelled `word`, if it is one.
    pub fn keyword(word: &[u8]) -> Option<Tok> {
        KEYWORDS
            .iter()
            .find(|(k, _)| k.as_bytes() == word)
            .map(|&(_, t)| t)
    }

    /// The token's spelling, or its class name for the token classes
    /// (`name`, `literal`, `op`).
    pub fn as_str(self) -> &'static str {
        if let Some((k, _)) = KEYWORDS.iter().find(|(_, t)| *t == self) {
            return k;
        }
        match self {
            Tok::Eof => "EOF",
            Tok::Name => "name",
            Tok::Literal => "literal",
            Tok::Operator => "op",
            Tok::AssignOp => "op=",
            Tok::IncOp => "opop",
            Tok::Assign => "=",
            Tok::Define => ":=",
            Tok::Arrow => "<-",
            Tok::Star => "*",
            Tok::Lparen => "(",
            Tok::Lbrack => "[",
            Tok::Lbrace => "{",
            Tok::Rparen => ")",
            Tok::Rbrack => "]",
            Tok::Rbrace => "}",
            Tok::Comma => ",",
            Tok::Semi => ";",
            Tok::Colon => ":",
            Tok::Dot => ".",
            Tok::DotDotDot => "...",
            _ => unreachable!("keywords are found above"),
        }
    }

    /// The word for the token in "expecting ..." messages: punctuation that
    /// reads badly on its own is spelled out.
    pub fn describe(self) -> &'static str {
        match self {
            Tok::Comma => "comma",
            Tok::Semi => "semicolon or newline",
            other => other.as_str(),
        }
    }

    /// Whether a newline right after this token ends the statement (Go's
    /// automatic semicolon rule; names, literals and `)`, `]`, `}`, `++`,
    /// `--` are decided by the scanner where it makes them).
    pub fn ends_statement(self) -> bool {
        matches!(
            self,
            Tok::Break | Tok::Continue | Tok::Fallthrough | Tok::Return
        )
    }
}

/// Binding strength of the binary operators, weakest first.
pub const PREC_OR_OR: u8 = 1;
pub const PREC_AND_AND: u8 = 2;
pub const PREC_CMP: u8 = 3;
pub const PREC_ADD: u8 = 4;
pub const PREC_MUL: u8 = 5;

/// An operator, unary or binary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// The `:` of `:=`, only in assignments.
    Def,
    Not,
    Recv,
    Tilde,
    OrOr,
    AndAnd,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
    Add,
    Sub,
    Or,
    Xor,
    Mul,
    Div,
    Rem,
    And,
    AndNot,
    Shl,
    Shr,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Def => ":",
            Op::Not => "!",
            Op::Recv => "<-",
            Op::Tilde => "~",
            Op::OrOr => "||",
            Op::AndAnd => "&&",
            Op::Eql => "==",
            Op::Neq => "!=",
            Op::Lss => "<",
            Op::Leq => "<=",
            Op::Gtr => ">",
            Op::Geq => ">=",
            Op::Add => "+",
            Op::Sub => "-",
            Op::Or => "|",
            Op::Xor => "^",
            Op::Mul => "*",
            Op::Div => "/",
            Op::Rem => "%",
            Op::And => "&",
            Op::AndNot => "&^",
            Op::Shl => "<<",
            Op::Shr => ">>",
        }
    }

    /// Binding strength as a binary operator; 0 for the unary-only ones.
    pub fn precedence(self) -> u8 {
        match self {
            Op::OrOr => PREC_OR_OR,
            Op::AndAnd => PREC_AND_AND,
            Op::Eql | Op::Neq | Op::Lss | Op::Leq | Op::Gtr | Op::Geq => PREC_CMP,
            Op::Add | Op::Sub | Op::Or | Op::Xor => PREC_ADD,
            Op::Mul | Op::Div | Op::Rem | Op::And | Op::AndNot | Op::Shl | Op::Shr => PREC_MUL,
            Op::Def | Op::Not | Op::Recv | Op::Tilde => 0,
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of a basic literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LitKind {
    Int,
    Float,
    Imag,
    Rune,
    String,
}

//! The recursive-descent parser: tokens to a [`File`], with Go 1.19's syntax errors.
//!
//! Learners compare what the page says with what `go build` says, so the
//! parser makes the same decisions as Go's (cmd/compile/internal/syntax),
//! including on broken input:
//!
//! 1. One function per production, looking at one token. Where Go's
//!    grammar is ambiguous the parser decides as Go's does: an operand
//!    followed by `{` in an `if`, `for` or `switch` header is not a
//!    composite literal unless parenthesized (`xnest` counts the brackets
//!    around the current expression, and is negative in a header); `<-chan
//!    T` is a type only once the operand is known to be a channel type.
//! 2. An error names the token it found and what it expected, at the
//!    token's position (`unexpected newline, expecting comma or }`). Then
//!    the parser skips to a token that can follow the broken production
//!    (inside a function also to a statement keyword) and goes on, so later
//!    errors come out as Go's do.
//! 3. Which errors are shown is decided in [`crate::error`]: one syntax
//!    error per line, at most ten.
//! 4. Limits keep a hostile input from costing more than a linear pass:
//!    the parse stops with an error when nesting passes
//!    [`crate::MAX_NESTING`] levels or the recursion has used
//!    [`crate::MAX_STACK_BYTES`] of stack (whichever comes first: a level
//!    costs from tens of bytes to kilobytes, more in debug builds), and
//!    when it has made far more steps than the input has bytes (which
//!    would be a bug).
//!
//! `expr.rs` parses expressions, `types.rs` types, `stmt.rs` statements,
//! this file declarations and the machinery the others share.

mod expr;
mod stmt;
mod types;

use crate::ast::*;
use crate::error::Diagnostics;
use crate::lex::Lexer;
use crate::token::{Op, Pos, Tok};
use crate::{MAX_NESTING, MAX_STACK_BYTES};

/// The keywords that start a statement: inside a function the parser
/// stops skipping at them after an error.
const STATEMENT_KEYWORDS: u64 = set(&[
    Tok::Break,
    Tok::Const,
    Tok::Continue,
    Tok::Defer,
    Tok::Fallthrough,
    Tok::For,
    Tok::Go,
    Tok::Goto,
    Tok::If,
    Tok::Return,
    Tok::Select,
    Tok::Switch,
    Tok::Type,
    Tok::Var,
]);

const fn set(toks: &[Tok]) -> u64 {
    let mut bits = 0;
    let mut i = 0;
    while i < toks.len() {
        bits |= 1 << toks[i] as u64;
        i += 1;
    }
    bits
}

fn contains(set: u64, tok: Tok) -> bool {
    set & (1 << tok as u64) != 0
}

/// A statement that may head a `for`: `range` clauses only parse there.
enum Simple {
    Stmt(Box<Stmt>),
    Range {
        lhs: Vec<Expr>,
        define: bool,
        range_pos: Pos,
        x: Expr,
    },
}

pub(crate) struct Parser<'a> {
    lex: Lexer<'a>,
    next_id: u32,
    /// How many function bodies enclose the current token.
    func_depth: u32,
    /// Brackets enclosing the current expression; -1 in a statement
    /// header, where `{` after a name opens the block.
    xnest: i32,
    /// Current nesting of recursive productions, against [`MAX_NESTING`].
    depth: u32,
    /// The address of a local of the outermost parse frame: how far the
    /// stack has grown since is measured from it.
    stack_base: usize,
    /// Productions entered so far, against `max_steps`.
    steps: u64,
    max_steps: u64,
}

impl<'a> Parser<'a> {
    pub fn new(src: &'a [u8]) -> Parser<'a> {
        let mut lex = Lexer::new(src);
        lex.next();
        Parser {
            lex,
            next_id: 0,
            func_depth: 0,
            xnest: 0,
            depth: 0,
            stack_base: 0,
            steps: 0,
            // Generous: a parse takes a few steps a token, and a token is
            // at least a byte.
            max_steps: 64 * (src.len() as u64 + 64),
        }
    }

    /// The file, and the errors in the order Go prints them.
    pub fn parse_file(mut self) -> (Option<File>, Diagnostics) {
        self.stack_base = stack_address();
        let file = self.file();
        (file, self.lex.diag)
    }

    // ---- Tokens and errors -------------------------------------------------

    fn tok(&self) -> Tok {
        self.lex.tok
    }

    fn pos(&self) -> Pos {
        self.lex.pos
    }

    fn next(&mut self) {
        self.lex.next();
    }

    fn at_op(&self, op: Op) -> bool {
        self.tok() == Tok::Operator && self.lex.op == op
    }

    fn got(&mut self, tok: Tok) -> bool {
        if self.tok() == tok {
            self.next();
            return true;
        }
        false
    }

    fn want(&mut self, tok: Tok) {
        if !self.got(tok) {
            self.syntax_error(&format!("expecting {}", tok.describe()));
            self.advance(&[]);
        }
    }

    /// Like `got(Assign)`, but takes a `:=` too (after saying it should be `=`).
    fn got_assign(&mut self) -> bool {
        match self.tok() {
            Tok::Define => {
                self.syntax_error("expecting =");
                self.next();
                true
            }
            Tok::Assign => {
                self.next();
                true
            }
            _ => false,
        }
    }

    fn new_id(&mut self) -> NodeId {
        let id = NodeId(self.next_id);
        self.next_id += 1;
        id
    }

    fn error_at(&mut self, pos: Pos, message: String) {
        self.lex.diag.report(pos, message);
    }

    fn syntax_error(&mut self, message: &str) {
        self.syntax_error_at(self.pos(), message);
    }

    /// Reports `syntax error: ...`. A message starting with `expecting`,
    /// `in`, `at` or `after` is about the current token, which it names.
    fn syntax_error_at(&mut self, pos: Pos, message: &str) {
        if self.tok() == Tok::Eof && self.lex.diag.reported > 0 {
            // Running into the end after an error says nothing new.
            return;
        }
        let joined = if message.is_empty() {
            String::new()
        } else if message.starts_with("in ")
            || message.starts_with("at ")
            || message.starts_with("after ")
        {
            format!(" {message}")
        } else if message.starts_with("expecting ") {
            format!(", {message}")
        } else {
            return self.error_at(pos, format!("syntax error: {message}"));
        };
        let found = match self.tok() {
            Tok::Name => self.lex.lit().into_owned(),
            Tok::Semi => self.lex.semi_text.to_string(),
            Tok::Literal => format!("literal {}", self.lex.lit()),
            Tok::Operator => self.lex.op.as_str().to_string(),
            Tok::AssignOp => format!("{}=", self.lex.op),
            Tok::IncOp => format!("{0}{0}", self.lex.op),
            other => other.describe().to_string(),
        };
        self.error_at(pos, format!("syntax error: unexpected {found}{joined}"));
    }

    /// Skips tokens up to one in `follow` (or, inside a function, a
    /// statement keyword), never past the end. With `follow` empty it
    /// skips exactly one token, so that the parser always moves on.
    fn advance(&mut self, follow: &[Tok]) {
        let mut stop = set(&[Tok::Eof]);
        if !follow.is_empty() {
            if self.func_depth > 0 {
                stop |= STATEMENT_KEYWORDS;
            }
            stop |= set(follow);
        }
        while !contains(stop, self.tok()) {
            self.next();
            if follow.is_empty() {
                break;
            }
        }
    }

    /// Counts a step into a recursive production; false (after stopping
    /// the parse) if it nests too deeply or the parse runs far too long.
    fn enter(&mut self) -> bool {
        self.steps += 1;
        let message = if self.depth >= MAX_NESTING {
            format!(
                "too deeply nested: more than {MAX_NESTING} levels of brackets, blocks or types"
            )
        } else if self.stack_base.saturating_sub(stack_address()) > MAX_STACK_BYTES {
            format!(
                "too deeply nested: parsing it would take more than {} KiB of stack",
                MAX_STACK_BYTES / 1024
            )
        } else if self.steps > self.max_steps {
            "parse stopped: too many steps for the input size (a parser bug)".to_string()
        } else {
            self.depth += 1;
            return true;
        };
        let pos = self.pos();
        self.lex.diag.stop(pos, message);
        // Ending the input winds every production down.
        self.lex.tok = Tok::Eof;
        false
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// `f { sep f } [sep] close`: a list closed by `close`, separated by
    /// `sep`, an optional `sep` before `close`. `f` returns true to end the
    /// list early. Returns where `close` was found.
    fn list(
        &mut self,
        context: &str,
        sep: Tok,
        close: Tok,
        mut f: impl FnMut(&mut Self) -> bool,
    ) -> Pos {
        let mut done = false;
        while self.tok() != Tok::Eof && self.tok() != close && !done {
            done = f(self);
            if !self.got(sep) && self.tok() != close {
                let message = format!(
                    "in {context}; possibly missing {} or {}",
                    sep.describe(),
                    close.describe()
                );
                self.syntax_error(&message);
                self.advance(&[Tok::Rparen, Tok::Rbrack, Tok::Rbrace]);
                if self.tok() != close {
                    return self.pos();
                }
            }
        }
        let pos = self.pos();
        self.want(close);
        pos
    }

    // ---- Names -----------------------------------------------------------------

    fn name(&mut self) -> Ident {
        let pos = self.pos();
        let id = self.new_id();
        if self.tok() == Tok::Name {
            let name = self.lex.lit().into_owned();
            self.next();
            return Ident { id, pos, name };
        }
        self.syntax_error("expecting name");
        self.advance(&[]);
        Ident {
            id,
            pos,
            name: "_".into(),
        }
    }

    fn name_list(&mut self, first: Ident) -> Vec<Ident> {
        let mut names = vec![first];
        while self.got(Tok::Comma) {
            names.push(self.name());
        }
        names
    }

    // ---- Declarations ----------------------------------------------------------

    fn file(&mut self) -> Option<File> {
        let pos = self.pos();
        if !self.got(Tok::Package) {
            self.syntax_error("package statement must be first");
            return None;
        }
        let package = self.name();
        self.want(Tok::Semi);
        if self.lex.diag.reported > 0 {
            // Go's compiler stops at a broken package clause.
            return None;
        }

        let mut imports = Vec::new();
        while self.got(Tok::Import) {
            let group = self.group(Self::import_spec);
            imports.extend(group.specs);
            self.want(Tok::Semi);
        }

        let mut decls: Vec<Decl> = Vec::new();
        let top_level_starts = [Tok::Const, Tok::Type, Tok::Var, Tok::Func];
        while self.tok() != Tok::Eof {
            match self.tok() {
                Tok::Const => {
                    self.next();
                    decls.push(Decl::Const(self.group(Self::const_spec)));
                }
                Tok::Type => {
                    self.next();
                    decls.push(Decl::Type(self.group(Self::type_spec)));
                }
                Tok::Var => {
                    self.next();
                    decls.push(Decl::Var(self.group(Self::var_spec)));
                }
                Tok::Func => {
                    self.next();
                    if let Some(func) = self.func_decl() {
                        decls.push(Decl::Func(Box::new(func)));
                    }
                }
                _ => {
                    let after_bodiless_func =
                        matches!(decls.last(), Some(Decl::Func(f)) if f.body.is_none());
                    if self.tok() == Tok::Lbrace && after_bodiless_func {
                        self.syntax_error("unexpected semicolon or newline before {");
                    } else {
                        self.syntax_error("non-declaration statement outside function body");
                    }
                    self.advance(&top_level_starts);
                    continue;
                }
            }
            if self.tok() != Tok::Eof && !self.got(Tok::Semi) {
                self.syntax_error("after top level declaration");
                self.advance(&top_level_starts);
            }
        }
        Some(File {
            pos,
            package,
            imports,
            decls,
            node_count: self.next_id,
        })
    }

    /// `spec` or `( { spec ; } )`, after the keyword.
    fn group<S>(&mut self, mut spec: impl FnMut(&mut Self) -> S) -> GenDecl<S> {
        let pos = self.pos();
        let mut specs = Vec::new();
        let grouped = self.got(Tok::Lparen);
        if grouped {
            self.list("grouped declaration", Tok::Semi, Tok::Rparen, |p| {
                specs.push(spec(p));
                false
            });
        } else {
            specs.push(spec(self));
        }
        GenDecl {
            pos,
            grouped,
            specs,
        }
    }

    fn import_spec(&mut self) -> ImportSpec {
        let pos = self.pos();
        let name = match self.tok() {
            Tok::Name => Some(self.name()),
            Tok::Dot => {
                let id = self.new_id();
                self.next();
                Some(Ident {
                    id,
                    pos,
                    name: ".".into(),
                })
            }
            _ => None,
        };
        let Some(mut path) = self.literal() else {
            self.syntax_error("missing import path");
            self.advance(&[Tok::Semi, Tok::Rparen]);
            return ImportSpec {
                pos,
                name,
                path: None,
            };
        };
        if !path.bad && path.kind != crate::token::LitKind::String {
            self.syntax_error("import path must be a string");
            path.bad = true;
        }
        ImportSpec {
            pos,
            name,
            path: Some(path),
        }
    }

    fn const_spec(&mut self) -> ConstSpec {
        let pos = self.pos();
        let first = self.name();
        let names = self.name_list(first);
        let (mut ty, mut values) = (None, Vec::new());
        if !matches!(self.tok(), Tok::Eof | Tok::Semi | Tok::Rparen) {
            ty = self.type_or_nil();
            if self.got_assign() {
                values = self.expr_list();
            }
        }
        ConstSpec {
            pos,
            names,
            ty,
            values,
        }
    }

    fn var_spec(&mut self) -> VarSpec {
        let pos = self.pos();
        let first = self.name();
        let names = self.name_list(first);
        let (mut ty, mut values) = (None, Vec::new());
        if self.got_assign() {
            values = self.expr_list();
        } else {
            ty = Some(self.type_());
            if self.got_assign() {
                values = self.expr_list();
            }
        }
        VarSpec {
            pos,
            names,
            ty,
            values,
        }
    }

    fn type_spec(&mut self) -> TypeSpec {
        let pos = self.pos();
        let name = self.name();
        let mut type_params = Vec::new();
        let mut alias = false;
        let ty = if self.tok() == Tok::Lbrack {
            // `T [N]E`, `T []E`, or the type parameters of `T[P any] E`.
            let lbrack = self.pos();
            self.next();
            match self.tok() {
                Tok::Name => {
                    let first = self.name();
                    if self.tok() == Tok::Lbrack
                        || self.tok() != Tok::Rbrack && self.starts_type_param_bound()
                    {
                        type_params = self.param_list(Some(first), Tok::Rbrack, true);
                        alias = self.got_assign();
                        self.type_or_nil()
                    } else {
                        let first = name_expr(first);
                        self.xnest += 1;
                        let x = self.pexpr(Some(first), false);
                        let len = self.binary_expr(Some(x), 0);
                        self.xnest -= 1;
                        Some(self.array_type(lbrack, Some(len)))
                    }
                }
                Tok::Rbrack => {
                    self.next();
                    Some(self.slice_type(lbrack))
                }
                _ => Some(self.array_type(lbrack, None)),
            }
        } else {
            alias = self.got_assign();
            self.type_or_nil()
        };
        let ty = ty.unwrap_or_else(|| {
            let bad = self.bad_expr();
            self.syntax_error("in type declaration");
            self.advance(&[Tok::Semi, Tok::Rparen]);
            bad
        });
        TypeSpec {
            pos,
            name,
            type_params,
            alias,
            ty,
        }
    }

    /// After `type T[P`: whether what follows `P` starts its bound, making
    /// the brackets a type parameter list rather than an array length.
    /// (Go also finds type parameters in forms such as `[P *[]E]`, which
    /// this parser reads as array lengths.)
    fn starts_type_param_bound(&self) -> bool {
        matches!(
            self.tok(),
            Tok::Name
                | Tok::Comma
                | Tok::Interface
                | Tok::Func
                | Tok::Chan
                | Tok::Map
                | Tok::Struct
                | Tok::Arrow
        ) || self.at_op(Op::Tilde)
    }

    /// After `func`: a function or method declaration.
    fn func_decl(&mut self) -> Option<FuncDecl> {
        let pos = self.pos();
        let mut recv = None;
        if self.got(Tok::Lparen) {
            let receivers = self.param_list(None, Tok::Rparen, false);
            let count: usize = receivers.iter().map(|f| f.names.len().max(1)).sum();
            match count {
                0 => self.error_at(self.pos(), "method has no receiver".into()),
                1 => {}
                _ => self.error_at(self.pos(), "method has multiple receivers".into()),
            }
            recv = receivers.into_iter().next();
        }
        if self.tok() != Tok::Name {
            self.syntax_error("expecting name or (");
            self.advance(&[Tok::Lbrace, Tok::Semi]);
            return None;
        }
        let name = self.name();
        let context = if recv.is_some() { "method" } else { "" };
        let (type_params, ty) = self.func_type(context);
        let body = (self.tok() == Tok::Lbrace).then(|| self.func_body());
        Some(FuncDecl {
            pos,
            recv,
            name,
            type_params,
            ty,
            body,
        })
    }

    fn func_body(&mut self) -> Block {
        self.func_depth += 1;
        let body = self.block_stmt("");
        self.func_depth -= 1;
        body
    }

    fn bad_expr(&mut self) -> Expr {
        let pos = self.pos();
        self.expr_at(pos, ExprKind::Bad)
    }

    fn expr_at(&mut self, pos: Pos, kind: ExprKind) -> Expr {
        Expr {
            id: self.new_id(),
            pos,
            kind,
        }
    }

    fn stmt_at(&mut self, pos: Pos, kind: StmtKind) -> Stmt {
        Stmt {
            id: self.new_id(),
            pos,
            kind,
        }
    }
}

/// Where the stack is now: the address of a local. The stack grows down,
/// natively and in WebAssembly's linear memory alike.
#[inline(never)]
fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// A declared name used as an expression keeps its id.
fn name_expr(name: Ident) -> Expr {
    Expr {
        id: name.id,
        pos: name.pos,
        kind: ExprKind::Name(name.name),
    }
}

//! Statements: simple statements, blocks, and the headers of `if`, `for` and `switch`.

use super::expr::unparen;
use super::{Parser, Simple};
use crate::ast::*;
use crate::print::{print_expr_list, print_stmt};
use crate::token::{Op, Pos, Tok};

impl Parser<'_> {
    /// `{ stmt ; ... }`; `context` says after what a missing `{` was
    /// expected.
    pub(super) fn block_stmt(&mut self, context: &str) -> Block {
        let pos = self.pos();
        if !self.got(Tok::Lbrace) {
            self.syntax_error(&format!("expecting {{ after {context}"));
            self.advance(&[Tok::Name, Tok::Rbrace]);
            let rbrace = self.pos();
            if self.got(Tok::Rbrace) {
                return Block {
                    pos,
                    stmts: Vec::new(),
                    rbrace,
                };
            }
        }
        let stmts = self.stmt_list();
        let rbrace = self.pos();
        self.want(Tok::Rbrace);
        Block { pos, stmts, rbrace }
    }

    /// Statements up to `}`, `case` or `default`.
    fn stmt_list(&mut self) -> Vec<Stmt> {
        let mut stmts = Vec::new();
        while !matches!(
            self.tok(),
            Tok::Eof | Tok::Rbrace | Tok::Case | Tok::Default
        ) {
            let Some(stmt) = self.stmt_or_nil() else {
                break;
            };
            stmts.push(stmt);
            // `;` may be left out before `}`.
            if !self.got(Tok::Semi) && self.tok() != Tok::Rbrace {
                self.syntax_error("at end of statement");
                self.advance(&[Tok::Semi, Tok::Rbrace, Tok::Case, Tok::Default]);
                // Not an empty statement of its own.
                self.got(Tok::Semi);
            }
        }
        stmts
    }

    fn stmt_or_nil(&mut self) -> Option<Stmt> {
        if !self.enter() {
            return None;
        }
        let stmt = self.stmt_or_nil_nested();
        self.leave();
        stmt
    }

    fn stmt_or_nil_nested(&mut self) -> Option<Stmt> {
        let pos = self.pos();
        // Most statements start with a name: an assignment, a call, a label.
        if self.tok() == Tok::Name {
            let lhs = self.expr_list();
            if self.tok() == Tok::Colon
                && matches!(
                    lhs.as_slice(),
                    [Expr {
                        kind: ExprKind::Name(_),
                        ..
                    }]
                )
            {
                let label = lhs.into_iter().next().map(expr_ident).expect("one name");
                return self.labeled_stmt(label);
            }
            return Some(self.simple_stmt_only(Some(lhs), None));
        }
        let kind = match self.tok() {
            Tok::Var => return Some(self.decl_stmt(|p| Decl::Var(p.group(Self::var_spec)))),
            Tok::Const => return Some(self.decl_stmt(|p| Decl::Const(p.group(Self::const_spec)))),
            Tok::Type => return Some(self.decl_stmt(|p| Decl::Type(p.group(Self::type_spec)))),
            Tok::Lbrace => StmtKind::Block(self.block_stmt("")),
            Tok::Operator | Tok::Star => match self.lex.op {
                Op::Add | Op::Sub | Op::Mul | Op::And | Op::Xor | Op::Not => {
                    return Some(self.simple_stmt_only(None, None))
                }
                _ => return None,
            },
            Tok::Literal
            | Tok::Func
            | Tok::Lparen
            | Tok::Lbrack
            | Tok::Struct
            | Tok::Map
            | Tok::Chan
            | Tok::Interface
            | Tok::Arrow => return Some(self.simple_stmt_only(None, None)),
            Tok::For => return Some(self.for_stmt()),
            Tok::Switch => return Some(self.switch_stmt()),
            Tok::Select => return Some(self.select_stmt()),
            Tok::If => return Some(self.if_stmt()),
            Tok::Fallthrough => {
                self.next();
                StmtKind::Branch {
                    kind: BranchKind::Fallthrough,
                    label: None,
                }
            }
            Tok::Break | Tok::Continue => {
                let kind = if self.tok() == Tok::Break {
                    BranchKind::Break
                } else {
                    BranchKind::Continue
                };
                self.next();
                let label = (self.tok() == Tok::Name).then(|| self.name());
                StmtKind::Branch { kind, label }
            }
            Tok::Go | Tok::Defer => return Some(self.call_stmt()),
            Tok::Goto => {
                self.next();
                let label = Some(self.name());
                StmtKind::Branch {
                    kind: BranchKind::Goto,
                    label,
                }
            }
            Tok::Return => {
                self.next();
                let mut results = Vec::new();
                if !matches!(self.tok(), Tok::Semi | Tok::Rbrace) {
                    results = self.expr_list();
                }
                StmtKind::Return(results)
            }
            Tok::Semi => StmtKind::Empty,
            _ => return None,
        };
        Some(self.stmt_at(pos, kind))
    }

    fn decl_stmt(&mut self, decl: impl FnOnce(&mut Self) -> Decl) -> Stmt {
        let pos = self.pos();
        self.next();
        let decl = decl(self);
        self.stmt_at(pos, StmtKind::Decl(decl))
    }

    /// At the `:` after a label.
    fn labeled_stmt(&mut self, label: Ident) -> Option<Stmt> {
        let colon = self.pos();
        self.want(Tok::Colon);
        if self.tok() == Tok::Rbrace {
            // A label before `}` labels an empty statement.
            let empty = self.stmt_at(self.pos(), StmtKind::Empty);
            return Some(self.stmt_at(
                colon,
                StmtKind::Labeled {
                    label,
                    stmt: Box::new(empty),
                },
            ));
        }
        match self.stmt_or_nil() {
            Some(stmt) => Some(self.stmt_at(
                colon,
                StmtKind::Labeled {
                    label,
                    stmt: Box::new(stmt),
                },
            )),
            None => {
                self.syntax_error_at(colon, "missing statement after label");
                None
            }
        }
    }

    /// A simple statement where a `range` clause cannot be (`keyword` is
    /// not `for`).
    fn simple_stmt_only(&mut self, lhs: Option<Vec<Expr>>, keyword: Option<Tok>) -> Stmt {
        match self.simple_stmt(lhs, keyword) {
            Simple::Stmt(stmt) => *stmt,
            Simple::Range { .. } => unreachable!("range clauses parse only after for"),
        }
    }

    /// An expression, send, `++`/`--`, assignment or `:=` statement, or
    /// (after `for`) a range clause; `lhs` is the first expression list if
    /// already parsed, `keyword` the statement whose header this is.
    fn simple_stmt(&mut self, lhs: Option<Vec<Expr>>, keyword: Option<Tok>) -> Simple {
        if keyword == Some(Tok::For) && self.tok() == Tok::Range {
            return self.range_clause(Vec::new(), false);
        }
        let mut lhs = lhs.unwrap_or_else(|| self.expr_list());
        let pos = self.pos();

        if lhs.len() == 1 && !matches!(self.tok(), Tok::Assign | Tok::Define) {
            let x = lhs.pop().expect("one expression");
            let kind = match self.tok() {
                Tok::AssignOp => {
                    let op = self.lex.op;
                    self.next();
                    let rhs = self.expr();
                    StmtKind::Assign {
                        op: Some(op),
                        lhs: vec![x],
                        rhs: vec![rhs],
                    }
                }
                Tok::IncOp => {
                    let inc = self.lex.op == Op::Add;
                    self.next();
                    StmtKind::IncDec { x, inc }
                }
                Tok::Arrow => {
                    self.next();
                    let value = self.expr();
                    StmtKind::Send { ch: x, value }
                }
                _ => return Simple::Stmt(Box::new(self.stmt_at(x.pos, StmtKind::Expr(x)))),
            };
            return Simple::Stmt(Box::new(self.stmt_at(pos, kind)));
        }

        match self.tok() {
            Tok::Assign | Tok::Define => {
                let define = self.tok() == Tok::Define;
                self.next();
                if keyword == Some(Tok::For) && self.tok() == Tok::Range {
                    return self.range_clause(lhs, define);
                }
                let mut rhs = self.expr_list();
                if define && keyword == Some(Tok::Switch) {
                    if let (
                        [Expr {
                            kind: ExprKind::Name(_),
                            ..
                        }],
                        [Expr {
                            kind: ExprKind::TypeSwitchGuard { .. },
                            ..
                        }],
                    ) = (lhs.as_slice(), rhs.as_slice())
                    {
                        // `switch v := x.(type)`: the name belongs to the guard.
                        let mut guard = rhs.pop().expect("one guard");
                        if let ExprKind::TypeSwitchGuard { lhs: guard_lhs, .. } = &mut guard.kind {
                            *guard_lhs = lhs.pop().map(expr_ident);
                        }
                        return Simple::Stmt(Box::new(
                            self.stmt_at(guard.pos, StmtKind::Expr(guard)),
                        ));
                    }
                }
                let kind = if define {
                    StmtKind::Define { lhs, rhs }
                } else {
                    StmtKind::Assign { op: None, lhs, rhs }
                };
                Simple::Stmt(Box::new(self.stmt_at(pos, kind)))
            }
            _ => {
                self.syntax_error("expecting := or = or comma");
                self.advance(&[Tok::Semi, Tok::Rbrace]);
                // Keep what there is.
                lhs.truncate(1);
                let x = lhs.pop().expect("an expression");
                Simple::Stmt(Box::new(self.stmt_at(x.pos, StmtKind::Expr(x))))
            }
        }
    }

    fn range_clause(&mut self, lhs: Vec<Expr>, define: bool) -> Simple {
        let range_pos = self.pos();
        self.next();
        let x = self.expr();
        Simple::Range {
            lhs,
            define,
            range_pos,
            x,
        }
    }

    /// `go f()` or `defer f()`.
    fn call_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        let (kind, word) = if self.tok() == Tok::Go {
            (CallKind::Go, "go")
        } else {
            (CallKind::Defer, "defer")
        };
        self.next();
        let mut call = self.pexpr(None, self.tok() == Tok::Lparen);
        if matches!(call.kind, ExprKind::Paren(_)) {
            self.error_at(
                call.pos,
                format!("expression in {word} must not be parenthesized"),
            );
            call = unparen(call);
        }
        if !matches!(call.kind, ExprKind::Call { .. }) {
            self.error_at(
                call.pos,
                format!("expression in {word} must be function call"),
            );
        }
        self.stmt_at(pos, StmtKind::Call { kind, call })
    }

    fn for_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        let header = self.header(Tok::For);
        let body = self.block_stmt("for clause");
        let kind = match header.init {
            Some(Simple::Range {
                lhs,
                define,
                range_pos,
                x,
            }) => StmtKind::ForRange {
                lhs,
                define,
                range_pos,
                x,
                body,
            },
            init => StmtKind::For {
                init: simple_into_stmt(init),
                cond: header.cond,
                post: header.post,
                body,
            },
        };
        self.stmt_at(pos, kind)
    }

    fn if_stmt(&mut self) -> Stmt {
        if !self.enter() {
            // The parse is over; any statement will do.
            return self.stmt_at(self.pos(), StmtKind::Empty);
        }
        let pos = self.pos();
        let header = self.header(Tok::If);
        let then = self.block_stmt("if clause");
        let mut els = None;
        if self.got(Tok::Else) {
            match self.tok() {
                Tok::If => els = Some(Box::new(self.if_stmt())),
                Tok::Lbrace => {
                    let block = self.block_stmt("");
                    els = Some(Box::new(self.stmt_at(block.pos, StmtKind::Block(block))));
                }
                _ => {
                    self.syntax_error("else must be followed by if or statement block");
                    self.advance(&[Tok::Name, Tok::Rbrace]);
                }
            }
        }
        let cond = header
            .cond
            .unwrap_or_else(|| self.expr_at(pos, ExprKind::Bad));
        self.leave();
        let init = simple_into_stmt(header.init);
        self.stmt_at(
            pos,
            StmtKind::If {
                init,
                cond,
                then,
                els,
            },
        )
    }

    fn switch_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        let header = self.header(Tok::Switch);
        if !self.got(Tok::Lbrace) {
            self.syntax_error("missing { after switch clause");
            self.advance(&[Tok::Case, Tok::Default, Tok::Rbrace]);
        }
        let mut clauses = Vec::new();
        while !matches!(self.tok(), Tok::Eof | Tok::Rbrace) {
            let pos = self.pos();
            let cases = self.clause_start(|p| p.expr_list());
            let colon = self.pos();
            self.want(Tok::Colon);
            let body = self.stmt_list();
            clauses.push(CaseClause {
                pos,
                cases,
                colon,
                body,
            });
        }
        let rbrace = self.pos();
        self.want(Tok::Rbrace);
        let init = simple_into_stmt(header.init);
        self.stmt_at(
            pos,
            StmtKind::Switch {
                init,
                tag: header.cond,
                clauses,
                rbrace,
            },
        )
    }

    fn select_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        self.want(Tok::Select);
        if !self.got(Tok::Lbrace) {
            self.syntax_error("missing { after select clause");
            self.advance(&[Tok::Case, Tok::Default, Tok::Rbrace]);
        }
        let mut clauses = Vec::new();
        while !matches!(self.tok(), Tok::Eof | Tok::Rbrace) {
            let pos = self.pos();
            // Go's parser takes any simple statement here; which ones a
            // select allows is the checker's to say.
            let comm = self.clause_start(|p| Box::new(p.simple_stmt_only(None, None)));
            let colon = self.pos();
            self.want(Tok::Colon);
            let body = self.stmt_list();
            clauses.push(CommClause {
                pos,
                comm,
                colon,
                body,
            });
        }
        let rbrace = self.pos();
        self.want(Tok::Rbrace);
        self.stmt_at(pos, StmtKind::Select { clauses, rbrace })
    }

    /// `case X` (X parsed by `case`) or `default`, before the `:`; `None`
    /// for `default` and after an error.
    fn clause_start<T>(&mut self, case: impl FnOnce(&mut Self) -> T) -> Option<T> {
        match self.tok() {
            Tok::Case => {
                self.next();
                Some(case(self))
            }
            Tok::Default => {
                self.next();
                None
            }
            _ => {
                self.syntax_error("expecting case or default or }");
                self.advance(&[Tok::Colon, Tok::Case, Tok::Default, Tok::Rbrace]);
                None
            }
        }
    }

    /// The header of an `if`, `for` or `switch`, up to its block: an init
    /// statement, a condition (or switch tag), and a `for` loop's post
    /// statement. In it, `{` after a name opens the block.
    fn header(&mut self, keyword: Tok) -> Header {
        let mut header = Header {
            init: None,
            cond: None,
            post: None,
        };
        self.want(keyword);
        if self.tok() == Tok::Lbrace {
            if keyword == Tok::If {
                self.syntax_error("missing condition in if statement");
                header.cond = Some(self.bad_expr());
            }
            return header;
        }
        let outer_xnest = self.xnest;
        self.xnest = -1;

        if self.tok() != Tok::Semi {
            if self.got(Tok::Var) {
                // A common slip; the rest may still parse.
                self.syntax_error(&format!(
                    "var declaration not allowed in {} initializer",
                    keyword.describe()
                ));
            }
            header.init = Some(self.simple_stmt(None, Some(keyword)));
            if matches!(header.init, Some(Simple::Range { .. })) {
                self.xnest = outer_xnest;
                return header;
            }
        }

        let mut cond_stmt = None;
        let mut semi: Option<(Pos, &'static str)> = None;
        if self.tok() != Tok::Lbrace {
            if self.tok() == Tok::Semi {
                semi = Some((self.pos(), self.lex.semi_text));
                self.next();
            } else {
                // Asking for `{` rather than `;` reads better.
                self.want(Tok::Lbrace);
                if self.tok() != Tok::Lbrace {
                    self.advance(&[Tok::Lbrace, Tok::Rbrace]);
                }
            }
            if keyword == Tok::For {
                'clauses: {
                    if self.tok() != Tok::Semi {
                        if self.tok() == Tok::Lbrace {
                            self.syntax_error("expecting for loop condition");
                            break 'clauses;
                        }
                        cond_stmt = Some(self.simple_stmt_only(None, None));
                    }
                    self.want(Tok::Semi);
                    if self.tok() != Tok::Lbrace {
                        let post = self.simple_stmt_only(None, None);
                        if matches!(post.kind, StmtKind::Define { .. }) {
                            self.syntax_error_at(
                                post.pos,
                                "cannot declare in post statement of for loop",
                            );
                        }
                        header.post = Some(Box::new(post));
                    }
                }
            } else if self.tok() != Tok::Lbrace {
                cond_stmt = Some(self.simple_stmt_only(None, Some(keyword)));
            }
        } else {
            cond_stmt = simple_into_stmt(header.init.take()).map(|s| *s);
        }

        match cond_stmt {
            None => {
                if let (Tok::If, Some((pos, text))) = (keyword, semi) {
                    if text != "semicolon" {
                        self.syntax_error_at(
                            pos,
                            &format!("unexpected {text}, expecting {{ after if clause"),
                        );
                    } else {
                        self.syntax_error_at(pos, "missing condition in if statement");
                    }
                    header.cond = Some(self.expr_at(pos, ExprKind::Bad));
                }
            }
            Some(Stmt {
                kind: StmtKind::Expr(x),
                ..
            }) => header.cond = Some(x),
            Some(stmt) => {
                let shown = match &stmt.kind {
                    // `=` for `==` is a common slip: show the two sides.
                    StmtKind::Assign { op: None, lhs, rhs } => {
                        format!(
                            "assignment ({}) = ({})",
                            print_expr_list(lhs),
                            print_expr_list(rhs)
                        )
                    }
                    _ => print_stmt(&stmt),
                };
                self.syntax_error_at(stmt.pos, &format!("cannot use {shown} as value"));
            }
        }
        self.xnest = outer_xnest;
        header
    }
}

struct Header {
    init: Option<Simple>,
    cond: Option<Expr>,
    post: Option<Box<Stmt>>,
}

fn simple_into_stmt(simple: Option<Simple>) -> Option<Box<Stmt>> {
    match simple? {
        Simple::Stmt(stmt) => Some(stmt),
        Simple::Range { .. } => unreachable!("range clauses head only for loops"),
    }
}

/// A name parsed as an expression, taken back as the name it declares.
fn expr_ident(x: Expr) -> Ident {
    match x.kind {
        ExprKind::Name(name) => Ident {
            id: x.id,
            pos: x.pos,
            name,
        },
        _ => unreachable!("callers check for a name"),
    }
}

//! Expressions: operands, Go's five precedence levels, selectors, calls, slices, composite literals.

use super::{name_expr, Parser};
use crate::ast::*;
use crate::print::print_expr;
use crate::token::{Op, Tok};

impl Parser<'_> {
    pub(super) fn expr(&mut self) -> Expr {
        self.binary_expr(None, 0)
    }

    pub(super) fn expr_list(&mut self) -> Vec<Expr> {
        let mut list = vec![self.expr()];
        while self.got(Tok::Comma) {
            list.push(self.expr());
        }
        list
    }

    /// Binary operators binding tighter than `prec`, left to right, `x` the
    /// first operand if already parsed.
    pub(super) fn binary_expr(&mut self, x: Option<Expr>, prec: u8) -> Expr {
        let mut x = match x {
            Some(x) => x,
            None => self.unary_expr(),
        };
        while matches!(self.tok(), Tok::Operator | Tok::Star) && self.lex.prec > prec {
            let pos = self.pos();
            let op = self.lex.op;
            let op_prec = self.lex.prec;
            self.next();
            let y = self.binary_expr(None, op_prec);
            x = self.expr_at(
                pos,
                ExprKind::Binary {
                    op,
                    x: Box::new(x),
                    y: Box::new(y),
                },
            );
        }
        x
    }

    fn unary_expr(&mut self) -> Expr {
        if !self.enter() {
            return self.bad_expr();
        }
        let x = self.unary_expr_nested();
        self.leave();
        x
    }

    fn unary_expr_nested(&mut self) -> Expr {
        let pos = self.pos();
        match self.tok() {
            Tok::Operator | Tok::Star => {
                let op = self.lex.op;
                match op {
                    Op::Mul | Op::Add | Op::Sub | Op::Not | Op::Xor | Op::Tilde | Op::And => {
                        self.next();
                        let mut x = self.unary_expr();
                        if op == Op::And {
                            // `&(T{})`: the parentheses only kept `{` from
                            // opening a block.
                            x = unparen(x);
                        }
                        return self.expr_at(pos, ExprKind::Unary { op, x: Box::new(x) });
                    }
                    _ => {}
                }
            }
            Tok::Arrow => {
                self.next();
                // `<-chan T` is a type and `<-ch` a receive; which one is
                // known only after the operand.
                let mut x = self.unary_expr();
                if matches!(x.kind, ExprKind::ChanType { .. }) {
                    self.make_receive_only(&mut x);
                    return x;
                }
                return self.expr_at(
                    pos,
                    ExprKind::Unary {
                        op: Op::Recv,
                        x: Box::new(x),
                    },
                );
            }
            _ => {}
        }
        self.pexpr(None, true)
    }

    /// Moves a `<-` in front of the channel type `x` into it: `<-chan E`
    /// is receive-only, and `<-chan<- E` is `<-chan (<-chan E)`.
    fn make_receive_only(&mut self, x: &mut Expr) {
        let mut dir = ChanDir::Send;
        let mut t = x;
        while dir == ChanDir::Send && matches!(t.kind, ExprKind::ChanType { .. }) {
            let ExprKind::ChanType { dir: d, elem } = &mut t.kind else {
                unreachable!("checked above")
            };
            dir = *d;
            if dir == ChanDir::Recv {
                // `<-<-chan E` is not a type.
                self.syntax_error("unexpected <-, expecting chan");
            }
            *d = ChanDir::Recv;
            t = elem;
        }
        if dir == ChanDir::Send {
            let message = format!("unexpected {}, expecting chan", print_expr(t));
            self.syntax_error(&message);
        }
    }

    /// A name, literal, parenthesized expression, function literal or type.
    fn operand(&mut self, keep_parens: bool) -> Expr {
        let pos = self.pos();
        match self.tok() {
            Tok::Name => {
                let name = self.name();
                name_expr(name)
            }
            Tok::Literal => {
                let lit = self.literal().expect("at a literal");
                self.expr_at(pos, ExprKind::BasicLit(lit))
            }
            Tok::Lparen => {
                self.next();
                self.xnest += 1;
                let x = self.expr();
                self.xnest -= 1;
                self.want(Tok::Rparen);
                // Before `{`, keep them: `(T){}` gets its own error.
                if keep_parens || self.tok() == Tok::Lbrace {
                    return self.expr_at(pos, ExprKind::Paren(Box::new(x)));
                }
                x
            }
            Tok::Func => {
                self.next();
                let (_, ty) = self.func_type("function type");
                if self.tok() == Tok::Lbrace {
                    self.xnest += 1;
                    let body = self.func_body();
                    self.xnest -= 1;
                    return self.expr_at(pos, ExprKind::FuncLit(Box::new(FuncLit { ty, body })));
                }
                self.expr_at(ty.pos, ExprKind::FuncType(Box::new(ty)))
            }
            Tok::Lbrack | Tok::Chan | Tok::Map | Tok::Struct | Tok::Interface => self.type_(),
            _ => {
                let bad = self.bad_expr();
                self.syntax_error("expecting expression");
                self.advance(&[Tok::Rparen, Tok::Rbrack, Tok::Rbrace]);
                bad
            }
        }
    }

    pub(super) fn literal(&mut self) -> Option<BasicLit> {
        if self.tok() != Tok::Literal {
            return None;
        }
        let lit = BasicLit {
            pos: self.pos(),
            kind: self.lex.lit_kind,
            value: self.lex.lit().into_owned(),
            bad: self.lex.lit_bad,
        };
        self.next();
        Some(lit)
    }

    /// A primary expression: an operand (or `x`) followed by selectors,
    /// indexes, slices, type assertions, calls and composite literal bodies.
    pub(super) fn pexpr(&mut self, x: Option<Expr>, keep_parens: bool) -> Expr {
        let mut x = match x {
            Some(x) => x,
            None => self.operand(keep_parens),
        };
        loop {
            let pos = self.pos();
            match self.tok() {
                Tok::Dot => {
                    self.next();
                    match self.tok() {
                        Tok::Name => {
                            let sel = self.name();
                            x = self.expr_at(
                                pos,
                                ExprKind::Selector {
                                    x: Box::new(x),
                                    sel,
                                },
                            );
                        }
                        Tok::Lparen => {
                            self.next();
                            if self.got(Tok::Type) {
                                x = self.expr_at(
                                    pos,
                                    ExprKind::TypeSwitchGuard {
                                        lhs: None,
                                        x: Box::new(x),
                                    },
                                );
                            } else {
                                let ty = self.type_();
                                x = self.expr_at(
                                    pos,
                                    ExprKind::TypeAssert {
                                        x: Box::new(x),
                                        ty: Box::new(ty),
                                    },
                                );
                            }
                            self.want(Tok::Rparen);
                        }
                        _ => {
                            self.syntax_error("expecting name or (");
                            self.advance(&[Tok::Semi, Tok::Rparen]);
                        }
                    }
                }
                Tok::Lbrack => x = self.index_or_slice(x),
                Tok::Lparen => {
                    self.next();
                    let (args, dots) = self.arg_list();
                    x = self.expr_at(
                        pos,
                        ExprKind::Call {
                            func: Box::new(x),
                            args,
                            dots,
                        },
                    );
                }
                Tok::Lbrace => {
                    // A composite literal, or the block of a statement
                    // whose header ends in `x`.
                    let inner = unparen_ref(&x);
                    let literal_type = match &inner.kind {
                        ExprKind::Name(_) | ExprKind::Selector { .. } => self.xnest >= 0,
                        ExprKind::Index { .. } => self.xnest >= 0 && !is_value(inner),
                        ExprKind::ArrayType { .. }
                        | ExprKind::SliceType { .. }
                        | ExprKind::StructType { .. }
                        | ExprKind::MapType { .. } => true,
                        _ => false,
                    };
                    if !literal_type {
                        break;
                    }
                    if matches!(x.kind, ExprKind::Paren(_)) {
                        self.syntax_error("cannot parenthesize type in composite literal");
                    }
                    x = self.composite_lit(Some(x));
                }
                _ => break,
            }
        }
        x
    }

    /// After `x`, at `[`: `x[i]`, `x[A, B]`, `x[lo:hi]` or `x[lo:hi:max]`.
    fn index_or_slice(&mut self, x: Expr) -> Expr {
        let pos = self.pos();
        self.next();
        if self.tok() == Tok::Rbrack {
            self.syntax_error("expecting operand");
            self.next();
            return x;
        }
        let mut lo = None;
        if self.tok() != Tok::Colon {
            let (mut indices, comma) = self.type_list();
            if comma || self.tok() == Tok::Rbrack {
                self.want(Tok::Rbrack);
                return self.expr_at(
                    pos,
                    ExprKind::Index {
                        x: Box::new(x),
                        indices,
                    },
                );
            }
            lo = indices.pop().map(Box::new);
        }
        if !self.got(Tok::Colon) {
            self.syntax_error("expecting comma, : or ]");
            self.advance(&[Tok::Comma, Tok::Colon, Tok::Rbrack]);
        }
        self.xnest += 1;
        let mut hi = None;
        let mut max = None;
        if !matches!(self.tok(), Tok::Colon | Tok::Rbrack) {
            hi = Some(Box::new(self.expr()));
        }
        let full = self.tok() == Tok::Colon;
        if full {
            if hi.is_none() {
                self.error_at(self.pos(), "middle index required in 3-index slice".into());
                hi = Some(Box::new(self.bad_expr()));
            }
            self.next();
            if self.tok() != Tok::Rbrack {
                max = Some(Box::new(self.expr()));
            } else {
                self.error_at(self.pos(), "final index required in 3-index slice".into());
                max = Some(Box::new(self.bad_expr()));
            }
        }
        self.xnest -= 1;
        self.want(Tok::Rbrack);
        self.expr_at(
            pos,
            ExprKind::Slice {
                x: Box::new(x),
                lo,
                hi,
                max,
                full,
            },
        )
    }

    /// An expression, then types after commas: the inside of `x[...]`.
    /// Also says whether there was a comma.
    pub(super) fn type_list(&mut self) -> (Vec<Expr>, bool) {
        self.xnest += 1;
        let mut list = vec![self.expr()];
        let mut comma = false;
        if self.got(Tok::Comma) {
            comma = true;
            if let Some(t) = self.type_or_nil() {
                list.push(t);
                while self.got(Tok::Comma) {
                    match self.type_or_nil() {
                        Some(t) => list.push(t),
                        None => break,
                    }
                }
            }
        }
        self.xnest -= 1;
        (list, comma)
    }

    /// The arguments of a call, after `(`; the last may be followed by `...`.
    fn arg_list(&mut self) -> (Vec<Expr>, bool) {
        let mut args = Vec::new();
        let mut dots = false;
        self.xnest += 1;
        self.list("argument list", Tok::Comma, Tok::Rparen, |p| {
            args.push(p.expr());
            dots = p.got(Tok::DotDotDot);
            dots
        });
        self.xnest -= 1;
        (args, dots)
    }

    /// An element of a composite literal: an expression or a `{...}` whose
    /// type is elided.
    fn element(&mut self) -> Expr {
        if self.tok() != Tok::Lbrace {
            return self.expr();
        }
        if !self.enter() {
            return self.bad_expr();
        }
        let x = self.composite_lit(None);
        self.leave();
        x
    }

    /// `{ [key:] value, ... }`, the type already parsed.
    fn composite_lit(&mut self, ty: Option<Expr>) -> Expr {
        let pos = self.pos();
        let mut elems = Vec::new();
        self.xnest += 1;
        self.want(Tok::Lbrace);
        let rbrace = self.list("composite literal", Tok::Comma, Tok::Rbrace, |p| {
            let mut e = p.element();
            if p.tok() == Tok::Colon {
                let colon = p.pos();
                p.next();
                let value = p.element();
                e = p.expr_at(
                    colon,
                    ExprKind::KeyValue {
                        key: Box::new(e),
                        value: Box::new(value),
                    },
                );
            }
            elems.push(e);
            false
        });
        self.xnest -= 1;
        self.expr_at(
            pos,
            ExprKind::CompositeLit {
                ty: ty.map(Box::new),
                elems,
                rbrace,
            },
        )
    }
}

/// `x` without the parentheses around it.
pub(super) fn unparen(mut x: Expr) -> Expr {
    while let ExprKind::Paren(inner) = x.kind {
        x = *inner;
    }
    x
}

fn unparen_ref(mut x: &Expr) -> &Expr {
    while let ExprKind::Paren(inner) = &x.kind {
        x = inner;
    }
    x
}

/// Whether `x` can only be a value, never a type: then `x {` cannot start
/// a composite literal.
fn is_value(x: &Expr) -> bool {
    match &x.kind {
        ExprKind::BasicLit(_)
        | ExprKind::CompositeLit { .. }
        | ExprKind::FuncLit(_)
        | ExprKind::Slice { .. }
        | ExprKind::TypeAssert { .. }
        | ExprKind::TypeSwitchGuard { .. }
        | ExprKind::Call { .. }
        | ExprKind::Binary { .. } => true,
        // `*T` may be a type.
        ExprKind::Unary { op, .. } => *op != Op::Mul,
        ExprKind::Paren(x) => is_value(x),
        ExprKind::Index { x, indices } => {
            is_value(x) || matches!(indices.as_slice(), [index] if is_value(index))
        }
        _ => false,
    }
}

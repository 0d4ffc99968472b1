//! Types: names, pointers, arrays, slices, maps, channels, signatures, structs, interfaces, parameter lists.

use super::{name_expr, Parser};
use crate::ast::*;
use crate::token::{Op, Pos, Tok};

/// A parameter as written, before names and types are paired up:
/// `a` in `a, b int` has a name and no type yet; `int` in `func(int)` is
/// read as a name and later found to be a type.
struct RawParam {
    pos: Pos,
    name: Option<Ident>,
    ty: Option<Expr>,
}

/// `[` ... `]` after a name in a parameter or field: an array type or the
/// type arguments of an instantiation.
enum ArrayOrTypeArgs {
    Type(Expr),
    Args { pos: Pos, args: Vec<Expr> },
}

impl Parser<'_> {
    pub(super) fn type_(&mut self) -> Expr {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let bad = self.bad_expr();
                self.syntax_error("expecting type");
                self.advance(&[
                    Tok::Comma,
                    Tok::Colon,
                    Tok::Semi,
                    Tok::Rparen,
                    Tok::Rbrack,
                    Tok::Rbrace,
                ]);
                bad
            }
        }
    }

    /// A type, or `None` (and nothing consumed) if none starts here.
    pub(super) fn type_or_nil(&mut self) -> Option<Expr> {
        if !self.enter() {
            return Some(self.bad_expr());
        }
        let t = self.type_or_nil_nested();
        self.leave();
        t
    }

    fn type_or_nil_nested(&mut self) -> Option<Expr> {
        let pos = self.pos();
        let kind = match self.tok() {
            Tok::Star => {
                self.next();
                let elem = self.type_();
                ExprKind::Unary {
                    op: Op::Mul,
                    x: Box::new(elem),
                }
            }
            Tok::Arrow => {
                self.next();
                self.want(Tok::Chan);
                ExprKind::ChanType {
                    dir: ChanDir::Recv,
                    elem: Box::new(self.chan_elem()),
                }
            }
            Tok::Func => {
                self.next();
                let (_, ty) = self.func_type("function type");
                return Some(self.expr_at(ty.pos, ExprKind::FuncType(Box::new(ty))));
            }
            Tok::Lbrack => {
                self.next();
                if self.got(Tok::Rbrack) {
                    return Some(self.slice_type(pos));
                }
                return Some(self.array_type(pos, None));
            }
            Tok::Chan => {
                self.next();
                let dir = if self.got(Tok::Arrow) {
                    ChanDir::Send
                } else {
                    ChanDir::Both
                };
                ExprKind::ChanType {
                    dir,
                    elem: Box::new(self.chan_elem()),
                }
            }
            Tok::Map => {
                self.next();
                self.want(Tok::Lbrack);
                let key = self.type_();
                self.want(Tok::Rbrack);
                let value = self.type_();
                ExprKind::MapType {
                    key: Box::new(key),
                    value: Box::new(value),
                }
            }
            Tok::Struct => return Some(self.struct_type()),
            Tok::Interface => return Some(self.interface_type()),
            Tok::Name => return Some(self.qualified_name(None)),
            Tok::Lparen => {
                self.next();
                let t = self.type_();
                self.want(Tok::Rparen);
                return Some(t);
            }
            _ => return None,
        };
        Some(self.expr_at(pos, kind))
    }

    /// A type name, `pkg.Name`, possibly instantiated (`List[int]`).
    fn qualified_name(&mut self, name: Option<Ident>) -> Expr {
        let name = match name {
            Some(name) => name,
            None if self.tok() == Tok::Name => self.name(),
            None => {
                let (pos, id) = (self.pos(), self.new_id());
                self.syntax_error("expecting name");
                self.advance(&[Tok::Dot, Tok::Semi, Tok::Rbrace]);
                Ident {
                    id,
                    pos,
                    name: "_".into(),
                }
            }
        };
        let mut x = name_expr(name);
        if self.tok() == Tok::Dot {
            let pos = self.pos();
            self.next();
            let sel = self.name();
            x = self.expr_at(
                pos,
                ExprKind::Selector {
                    x: Box::new(x),
                    sel,
                },
            );
        }
        if self.tok() == Tok::Lbrack {
            x = self.type_instance(x);
        }
        x
    }

    fn type_instance(&mut self, ty: Expr) -> Expr {
        let pos = self.pos();
        self.want(Tok::Lbrack);
        let indices = if self.tok() == Tok::Rbrack {
            self.syntax_error("expecting type");
            vec![self.bad_expr()]
        } else {
            self.type_list().0
        };
        self.want(Tok::Rbrack);
        self.expr_at(
            pos,
            ExprKind::Index {
                x: Box::new(ty),
                indices,
            },
        )
    }

    /// A signature after `func` (and the name, in a declaration), with
    /// type parameters unless `context` names where they are not allowed.
    pub(super) fn func_type(&mut self, context: &str) -> (Vec<Field>, FuncType) {
        let pos = self.pos();
        let mut type_params = Vec::new();
        if self.got(Tok::Lbrack) {
            if !context.is_empty() {
                self.syntax_error_at(pos, &format!("{context} must have no type parameters"));
            }
            if self.tok() == Tok::Rbrack {
                self.syntax_error("empty type parameter list");
                self.next();
            } else {
                type_params = self.param_list(None, Tok::Rbrack, true);
            }
        }
        self.want(Tok::Lparen);
        let params = self.param_list(None, Tok::Rparen, false);
        let results = self.func_result();
        (
            type_params,
            FuncType {
                pos,
                params,
                results,
            },
        )
    }

    fn func_result(&mut self) -> Vec<Field> {
        if self.got(Tok::Lparen) {
            return self.param_list(None, Tok::Rparen, false);
        }
        let pos = self.pos();
        match self.type_or_nil() {
            Some(ty) => vec![Field {
                pos,
                names: Vec::new(),
                ty,
                tag: None,
            }],
            None => Vec::new(),
        }
    }

    /// After `[`, and the length if already parsed (`None` otherwise).
    pub(super) fn array_type(&mut self, pos: Pos, len: Option<Expr>) -> Expr {
        let len = match len {
            Some(len) => Some(len),
            None if self.got(Tok::DotDotDot) => None,
            None => {
                self.xnest += 1;
                let len = self.expr();
                self.xnest -= 1;
                Some(len)
            }
        };
        if self.tok() == Tok::Comma {
            // Allowed in type parameter lists, so worth its own message.
            self.syntax_error("unexpected comma; expecting ]");
            self.next();
        }
        self.want(Tok::Rbrack);
        let elem = self.type_();
        self.expr_at(
            pos,
            ExprKind::ArrayType {
                len: len.map(Box::new),
                elem: Box::new(elem),
            },
        )
    }

    /// After `[]`; `pos` is where `[` is.
    pub(super) fn slice_type(&mut self, pos: Pos) -> Expr {
        let elem = self.type_();
        self.expr_at(
            pos,
            ExprKind::SliceType {
                elem: Box::new(elem),
            },
        )
    }

    fn chan_elem(&mut self) -> Expr {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let bad = self.bad_expr();
                // The element is taken to be missing: nothing to skip.
                self.syntax_error("missing channel element type");
                bad
            }
        }
    }

    fn struct_type(&mut self) -> Expr {
        let pos = self.pos();
        let mut fields = Vec::new();
        self.want(Tok::Struct);
        self.want(Tok::Lbrace);
        self.list("struct type", Tok::Semi, Tok::Rbrace, |p| {
            p.field_decl(&mut fields);
            false
        });
        self.expr_at(pos, ExprKind::StructType { fields })
    }

    /// `a, b T "tag"`, or an embedded `T`, `*T`, `pkg.T`.
    fn field_decl(&mut self, fields: &mut Vec<Field>) {
        let pos = self.pos();
        let (names, ty) = match self.tok() {
            Tok::Name => {
                let name = self.name();
                if matches!(
                    self.tok(),
                    Tok::Dot | Tok::Literal | Tok::Semi | Tok::Rbrace
                ) {
                    (Vec::new(), self.qualified_name(Some(name)))
                } else {
                    let names = self.name_list(name);
                    if names.len() == 1 && self.tok() == Tok::Lbrack {
                        match self.array_or_type_args() {
                            ArrayOrTypeArgs::Type(ty) => (names, ty),
                            ArrayOrTypeArgs::Args { pos, args } => {
                                let name =
                                    names.into_iter().next().map(name_expr).expect("one name");
                                (
                                    Vec::new(),
                                    self.expr_at(
                                        pos,
                                        ExprKind::Index {
                                            x: Box::new(name),
                                            indices: args,
                                        },
                                    ),
                                )
                            }
                        }
                    } else {
                        let ty = self.type_();
                        (names, ty)
                    }
                }
            }
            Tok::Star => {
                self.next();
                let ty = if self.tok() == Tok::Lparen {
                    self.syntax_error("cannot parenthesize embedded type");
                    self.next();
                    let ty = self.qualified_name(None);
                    self.got(Tok::Rparen);
                    ty
                } else {
                    self.qualified_name(None)
                };
                (
                    Vec::new(),
                    self.expr_at(
                        pos,
                        ExprKind::Unary {
                            op: Op::Mul,
                            x: Box::new(ty),
                        },
                    ),
                )
            }
            Tok::Lparen => {
                self.syntax_error("cannot parenthesize embedded type");
                self.next();
                let ty = if self.tok() == Tok::Star {
                    let star = self.pos();
                    self.next();
                    let ty = self.qualified_name(None);
                    self.expr_at(
                        star,
                        ExprKind::Unary {
                            op: Op::Mul,
                            x: Box::new(ty),
                        },
                    )
                } else {
                    self.qualified_name(None)
                };
                self.got(Tok::Rparen);
                (Vec::new(), ty)
            }
            _ => {
                self.syntax_error("expecting field name or embedded type");
                self.advance(&[Tok::Semi, Tok::Rbrace]);
                return;
            }
        };
        let tag = self.literal();
        fields.push(Field {
            pos,
            names,
            ty,
            tag,
        });
    }

    /// After a name, at `[`: `[N]E` or `[]E` (a field's type), or `[A, B]`
    /// (type arguments of an embedded generic type).
    fn array_or_type_args(&mut self) -> ArrayOrTypeArgs {
        let pos = self.pos();
        self.want(Tok::Lbrack);
        if self.got(Tok::Rbrack) {
            return ArrayOrTypeArgs::Type(self.slice_type(pos));
        }
        let (mut args, comma) = self.type_list();
        self.want(Tok::Rbrack);
        if !comma {
            if let Some(elem) = self.type_or_nil() {
                let len = args.pop().map(Box::new);
                return ArrayOrTypeArgs::Type(self.expr_at(
                    pos,
                    ExprKind::ArrayType {
                        len,
                        elem: Box::new(elem),
                    },
                ));
            }
        }
        ArrayOrTypeArgs::Args { pos, args }
    }

    fn interface_type(&mut self) -> Expr {
        let pos = self.pos();
        let mut elems = Vec::new();
        self.want(Tok::Interface);
        self.want(Tok::Lbrace);
        self.list("interface type", Tok::Semi, Tok::Rbrace, |p| {
            let elem = if p.tok() == Tok::Name {
                let name = p.name();
                match p.tok() {
                    Tok::Lparen => {
                        let (_, ty) = p.func_type("interface method");
                        InterfaceElem::Method { name, ty }
                    }
                    _ => {
                        let ty = p.qualified_name(Some(name));
                        InterfaceElem::Embedded(p.embedded_union(Some(ty)))
                    }
                }
            } else {
                InterfaceElem::Embedded(p.embedded_union(None))
            };
            elems.push(elem);
            false
        });
        self.expr_at(pos, ExprKind::InterfaceType { elems })
    }

    /// `A | ~B | C`, the first term already parsed if `first` is set.
    fn embedded_union(&mut self, first: Option<Expr>) -> Expr {
        let mut x = match first {
            Some(x) => x,
            None => self.embedded_term(),
        };
        while self.at_op(Op::Or) {
            let pos = self.pos();
            self.next();
            let y = self.embedded_term();
            x = self.expr_at(
                pos,
                ExprKind::Binary {
                    op: Op::Or,
                    x: Box::new(x),
                    y: Box::new(y),
                },
            );
        }
        x
    }

    fn embedded_term(&mut self) -> Expr {
        if self.at_op(Op::Tilde) {
            let pos = self.pos();
            self.next();
            let ty = self.type_();
            return self.expr_at(
                pos,
                ExprKind::Unary {
                    op: Op::Tilde,
                    x: Box::new(ty),
                },
            );
        }
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let bad = self.bad_expr();
                self.syntax_error("expecting ~ term or type");
                self.advance(&[
                    Tok::Operator,
                    Tok::Semi,
                    Tok::Rparen,
                    Tok::Rbrack,
                    Tok::Rbrace,
                ]);
                bad
            }
        }
    }

    /// One parameter: `a`, `a T`, `T`, `a ...T`, `pkg.T`; in type
    /// parameter lists (`close` is `]`) also unions and `~T`.
    fn param_decl(&mut self, name: Option<Ident>, close: Tok) -> Option<RawParam> {
        let type_sets_ok = close == Tok::Rbrack;
        let pos = name.as_ref().map_or(self.pos(), |n| n.pos);
        if name.is_none() && type_sets_ok && self.at_op(Op::Tilde) {
            let ty = self.embedded_union(None);
            return Some(RawParam {
                pos,
                name: None,
                ty: Some(ty),
            });
        }
        let mut param = RawParam {
            pos,
            name: None,
            ty: None,
        };
        if self.tok() == Tok::Name || name.is_some() {
            let name = name.unwrap_or_else(|| self.name());
            let union_follows = |p: &Self| type_sets_ok && p.at_op(Op::Or);
            if self.tok() == Tok::Lbrack {
                match self.array_or_type_args() {
                    ArrayOrTypeArgs::Type(ty) => {
                        param.name = Some(name);
                        param.ty = Some(ty);
                    }
                    ArrayOrTypeArgs::Args { pos, args } => {
                        let x = Box::new(name_expr(name));
                        param.ty = Some(self.expr_at(pos, ExprKind::Index { x, indices: args }));
                    }
                }
                if union_follows(self) {
                    param.ty = param.ty.map(|t| self.embedded_union(Some(t)));
                }
                return Some(param);
            }
            if self.tok() == Tok::Dot {
                let ty = self.qualified_name(Some(name));
                param.ty = Some(if union_follows(self) {
                    self.embedded_union(Some(ty))
                } else {
                    ty
                });
                return Some(param);
            }
            if union_follows(self) {
                param.ty = Some(self.embedded_union(Some(name_expr(name))));
                return Some(param);
            }
            param.name = Some(name);
        }
        if self.tok() == Tok::DotDotDot {
            let pos = self.pos();
            self.next();
            let elem = self.type_or_nil().unwrap_or_else(|| {
                let bad = self.bad_expr();
                self.syntax_error("... is missing type");
                bad
            });
            param.ty = Some(self.expr_at(
                pos,
                ExprKind::DotsType {
                    elem: Box::new(elem),
                },
            ));
            return Some(param);
        }
        if type_sets_ok && self.at_op(Op::Tilde) {
            param.ty = Some(self.embedded_union(None));
            return Some(param);
        }
        param.ty = self.type_or_nil();
        if type_sets_ok && self.at_op(Op::Or) {
            param.ty = param.ty.map(|t| self.embedded_union(Some(t)));
        }
        if param.name.is_some() || param.ty.is_some() {
            return Some(param);
        }
        self.syntax_error(&format!("expecting {}", close.describe()));
        self.advance(&[Tok::Comma, close]);
        None
    }

    /// The parameters up to `close` (after the opening bracket), the first
    /// name already parsed if `first` is set. Names and types are paired
    /// as Go does: if no parameter has both, every one is a type; else
    /// every name takes the type to its right, and a type without a name
    /// is an error (type parameters must all be named).
    pub(super) fn param_list(
        &mut self,
        first: Option<Ident>,
        close: Tok,
        require_names: bool,
    ) -> Vec<Field> {
        let mut first = first;
        let mut raw: Vec<RawParam> = Vec::new();
        let end = self.list("parameter list", Tok::Comma, close, |p| {
            if let Some(param) = p.param_decl(first.take(), close) {
                raw.push(param);
            }
            false
        });
        if raw.is_empty() {
            return Vec::new();
        }
        let named = raw
            .iter()
            .filter(|p| p.name.is_some() && p.ty.is_some())
            .count();
        let typed = raw.iter().filter(|p| p.ty.is_some()).count();

        if named == 0 && !require_names {
            return raw
                .into_iter()
                .map(|p| {
                    let ty = match (p.ty, p.name) {
                        (Some(ty), _) => ty,
                        (None, Some(name)) => name_expr(name),
                        (None, None) => unreachable!("a parameter has a name or a type"),
                    };
                    Field {
                        pos: p.pos,
                        names: Vec::new(),
                        ty,
                        tag: None,
                    }
                })
                .collect();
        }

        if named != raw.len() {
            let mut error_pos = None;
            let mut type_to_the_right = false;
            for param in raw.iter_mut().rev() {
                if let Some(ty) = &param.ty {
                    type_to_the_right = true;
                    if param.name.is_none() {
                        let pos = ty.start();
                        error_pos = Some(pos);
                        param.name = Some(Ident {
                            id: self.new_id(),
                            pos,
                            name: "_".into(),
                        });
                    }
                } else if !type_to_the_right {
                    let pos = param.name.as_ref().map_or(param.pos, |n| n.pos);
                    error_pos = Some(pos);
                    param.ty = Some(self.expr_at(pos, ExprKind::Bad));
                }
            }
            if let Some(mut pos) = error_pos {
                let message = if !require_names {
                    "mixed named and unnamed parameters"
                } else if named == typed {
                    pos = end;
                    "missing type constraint"
                } else {
                    "type parameters must be named"
                };
                self.syntax_error_at(pos, message);
            }
        }

        // Now every parameter has a name, and a run of names ends in one
        // with a type: one field per run.
        let mut fields = Vec::new();
        let mut names = Vec::new();
        let mut run_pos = None;
        for param in raw {
            run_pos.get_or_insert(param.pos);
            names.extend(param.name);
            if let Some(ty) = param.ty {
                let pos = run_pos.take().unwrap_or(param.pos);
                fields.push(Field {
                    pos,
                    names: std::mem::take(&mut names),
                    ty,
                    tag: None,
                });
            }
        }
        fields
    }
}

//! Type expressions: names, qualified names and type literals to types, and function signatures with their parameters.

use super::checker::{Checker, FuncCtx};
use super::scope::{is_exported, ObjKind};
use super::types::{predeclared as pd, Field, Method, Type, TypeId};
use super::{ExprInfo, Mode};
use crate::ast::{self, Expr, ExprKind, InterfaceElem};
use crate::print::print_expr;
use crate::token::Op;

impl<'a> Checker<'a> {
    /// The type an expression denotes, reporting one that does not denote
    /// a type; `INVALID` after an error.
    pub(super) fn type_expr(&mut self, e: &'a Expr) -> TypeId {
        let ty = self.type_expr_inner(e);
        if ty != pd::INVALID {
            self.record(
                e.id,
                ExprInfo {
                    mode: Mode::Type,
                    ty,
                    value: None,
                },
            );
        }
        ty
    }

    fn type_expr_inner(&mut self, e: &'a Expr) -> TypeId {
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Selector { .. } => {
                let x = self.operand_or_type(e);
                if !x.valid {
                    return pd::INVALID;
                }
                if x.mode != Mode::Type {
                    let described = self.describe(&x);
                    self.error(e.start(), format!("{described} is not a type"));
                    return pd::INVALID;
                }
                x.ty
            }
            ExprKind::Paren(inner) => self.type_expr(inner),
            ExprKind::Unary { op: Op::Mul, x } => {
                let elem = self.type_expr(x);
                self.types.pointer(elem)
            }
            ExprKind::ArrayType {
                len: Some(len),
                elem,
            } => {
                let n = self.array_length(len);
                let elem = self.type_expr(elem);
                match n {
                    Some(n) => self.types.intern(Type::Array(n, elem)),
                    None => pd::INVALID,
                }
            }
            ExprKind::ArrayType { len: None, elem } => {
                self.error(
                    e.start(),
                    "invalid use of [...] array (outside a composite literal)",
                );
                self.type_expr(elem);
                pd::INVALID
            }
            ExprKind::SliceType { elem } => {
                let elem = self.type_expr(elem);
                self.types.slice(elem)
            }
            ExprKind::MapType { key, value } => {
                let key_type = self.type_expr(key);
                let value = self.type_expr(value);
                if key_type != pd::INVALID && !self.types.is_comparable(key_type) {
                    self.error(
                        key.start(),
                        format!("invalid map key type {}", self.type_string(key_type)),
                    );
                    return pd::INVALID;
                }
                self.types.intern(Type::Map(key_type, value))
            }
            ExprKind::ChanType { dir, elem } => {
                let elem = self.type_expr(elem);
                self.types.intern(Type::Chan((*dir).into(), elem))
            }
            ExprKind::FuncType(ft) => {
                self.open_scope();
                let (sig, _) = self.signature(ft, false);
                self.close_scope();
                sig
            }
            ExprKind::StructType { fields } => self.struct_type(fields),
            ExprKind::InterfaceType { elems } => self.interface_type(elems),
            ExprKind::DotsType { elem } => {
                self.error(e.start(), "invalid use of ...");
                self.type_expr(elem);
                pd::INVALID
            }
            ExprKind::Index { .. } => {
                self.error(e.start(), "generic types are not supported");
                pd::INVALID
            }
            ExprKind::Bad => pd::INVALID,
            _ => {
                let x = self.raw_expr(e, None);
                if x.valid {
                    let described = self.describe(&x);
                    self.error(e.start(), format!("{described} is not a type"));
                }
                pd::INVALID
            }
        }
    }

    fn array_length(&mut self, len: &'a Expr) -> Option<i64> {
        let x = self.expr(len);
        if !x.valid {
            return None;
        }
        if x.mode != Mode::Constant {
            self.error(
                len.start(),
                format!(
                    "array length {} (value of type {}) must be constant",
                    print_expr(len),
                    self.type_string(x.ty)
                ),
            );
            return None;
        }
        if self.types.is_untyped(x.ty) || self.types.is_integer(x.ty) {
            if let Some(n) = x.val.as_ref().and_then(|v| v.as_int()) {
                if n >= 0 && n <= i64::MAX as i128 {
                    return Some(n as i64);
                }
            }
        }
        let described = self.describe(&x);
        self.error(len.start(), format!("invalid array length {described}"));
        None
    }

    fn struct_type(&mut self, fields: &'a [ast::Field]) -> TypeId {
        let mut out: Vec<Field> = Vec::new();
        let pkg_index = self.package_index();
        for field in fields {
            let ty = self.type_expr(&field.ty);
            let mut add = |checker: &mut Self, name: &str, pos, embedded: bool| {
                if name != "_" {
                    if let Some(prev) = out.iter().find(|f| f.name == name) {
                        let _ = prev;
                        checker.error(pos, format!("{name} redeclared"));
                        return;
                    }
                }
                let pkg = if is_exported(name) {
                    None
                } else {
                    Some(pkg_index)
                };
                out.push(Field {
                    name: name.to_string(),
                    ty,
                    embedded,
                    pkg,
                });
            };
            if field.names.is_empty() {
                // An embedded field is named after its type.
                let mut base = &field.ty;
                if let ExprKind::Unary { op: Op::Mul, x } = &base.kind {
                    base = x;
                }
                let name = match &base.kind {
                    ExprKind::Name(n) => n.clone(),
                    ExprKind::Selector { sel, .. } => sel.name.clone(),
                    _ => "?".into(),
                };
                add(self, &name, field.ty.start(), true);
            }
            for name in &field.names {
                add(self, &name.name, name.pos, false);
            }
        }
        self.types.intern(Type::Struct(out))
    }

    /// A number for the current package, to tell apart unexported names.
    pub(super) fn package_index(&self) -> u32 {
        self.pkg.scope.0
    }

    fn interface_type(&mut self, elems: &'a [InterfaceElem]) -> TypeId {
        let mut methods: Vec<Method> = Vec::new();
        for elem in elems {
            match elem {
                InterfaceElem::Method { name, ty } => {
                    self.open_scope();
                    let (sig, _) = self.signature(ty, false);
                    self.close_scope();
                    if methods.iter().any(|m| m.name == name.name) {
                        self.error(name.pos, format!("duplicate method {}", name.name));
                        continue;
                    }
                    methods.push(Method {
                        name: name.name.clone(),
                        sig,
                    });
                }
                InterfaceElem::Embedded(e) => {
                    self.error(
                        e.start(),
                        "embedded interfaces and type constraints are not supported",
                    );
                }
            }
        }
        methods.sort_by(|a, b| a.name.cmp(&b.name));
        self.types.intern(Type::Interface(methods))
    }

    /// A function type's signature; `declare` also declares its parameters
    /// and results in the current scope (for a literal's body).
    pub(super) fn signature(
        &mut self,
        ft: &'a ast::FuncType,
        declare: bool,
    ) -> (TypeId, Vec<super::scope::ObjId>) {
        let mut params = Vec::new();
        let mut variadic = false;
        for (i, field) in ft.params.iter().enumerate() {
            let ty = match &field.ty.kind {
                ExprKind::DotsType { elem } => {
                    let elem = self.type_expr(elem);
                    if i + 1 == ft.params.len() && field.names.len() <= 1 {
                        variadic = true;
                    } else {
                        self.error(
                            field.ty.start(),
                            "can only use ... with final parameter in list",
                        );
                    }
                    self.types.slice(elem)
                }
                _ => self.type_expr(&field.ty),
            };
            params.extend(std::iter::repeat_n(ty, field.names.len().max(1)));
        }
        let mut results = Vec::new();
        for field in &ft.results {
            let ty = match &field.ty.kind {
                ExprKind::DotsType { elem } => {
                    self.error(
                        field.ty.start(),
                        "can only use ... with final parameter in list",
                    );
                    self.type_expr(elem)
                }
                _ => self.type_expr(&field.ty),
            };
            results.extend(std::iter::repeat_n(ty, field.names.len().max(1)));
        }
        let sig = self.types.func(params, results, variadic);
        let result_vars = if declare {
            self.declare_params(ft, sig)
        } else {
            Vec::new()
        };
        (sig, result_vars)
    }

    /// Declares a signature's named parameters and results in the current
    /// scope; sets the function context's results. Returns the result variables.
    pub(super) fn declare_params(
        &mut self,
        ft: &'a ast::FuncType,
        sig: TypeId,
    ) -> Vec<super::scope::ObjId> {
        let Some(signature) = self.types.signature(sig).cloned() else {
            return Vec::new();
        };
        let scope = self.scope;
        let mut index = 0;
        for field in &ft.params {
            for name in &field.names {
                let ty = signature.params.get(index).copied().unwrap_or(pd::INVALID);
                let v = self.object_at(name, ObjKind::Var, ty);
                self.obj_mut(v).param = true;
                self.declare(scope, v);
                index += 1;
            }
            if field.names.is_empty() {
                index += 1;
            }
        }
        let mut result_vars = Vec::new();
        let mut index = 0;
        for field in &ft.results {
            for name in &field.names {
                let ty = signature.results.get(index).copied().unwrap_or(pd::INVALID);
                let v = self.object_at(name, ObjKind::Var, ty);
                self.obj_mut(v).param = true;
                self.declare(scope, v);
                result_vars.push(v);
                index += 1;
            }
            if field.names.is_empty() {
                index += 1;
            }
        }
        if let Some(func) = self.funcs.last_mut() {
            *func = FuncCtx {
                results: signature.results.clone(),
                result_vars: result_vars.clone(),
                ..func.clone()
            };
        }
        result_vars
    }
}

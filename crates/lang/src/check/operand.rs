//! Operands (an expression's mode, type and value while it is checked), how Go's messages describe them, and the rules of assignability, representability and conversion.

use super::checker::Checker;
use super::constant::{Float, Value};
use super::types::ChanDir;
use super::types::{predeclared as pd, BasicKind, Type, TypeId};
use super::{ExprInfo, Mode};
use crate::ast::Expr;
use crate::print::print_expr;
use crate::token::Pos;

/// An expression as the checker sees it. An invalid operand had an error
/// reported already: what uses it stays quiet.
#[derive(Clone, Debug)]
pub(super) struct Operand<'a> {
    pub valid: bool,
    pub mode: Mode,
    pub ty: TypeId,
    pub val: Option<Value>,
    pub expr: Option<&'a Expr>,
}

/// Why an untyped value does not fit a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unfit {
    Truncated,
    Overflows,
    Invalid,
}

impl<'a> Operand<'a> {
    pub fn invalid(x: &'a Expr) -> Operand<'a> {
        Operand {
            valid: false,
            mode: Mode::Value,
            ty: pd::INVALID,
            val: None,
            expr: Some(x),
        }
    }
    pub fn value(x: &'a Expr, mode: Mode, ty: TypeId) -> Operand<'a> {
        Operand {
            valid: true,
            mode,
            ty,
            val: None,
            expr: Some(x),
        }
    }
    pub fn constant(x: &'a Expr, ty: TypeId, val: Value) -> Operand<'a> {
        Operand {
            valid: true,
            mode: Mode::Constant,
            ty,
            val: Some(val),
            expr: Some(x),
        }
    }
    pub fn is_invalid(&self) -> bool {
        !self.valid
    }
    pub fn invalidate(&mut self) {
        self.valid = false;
    }
    pub fn is_nil(&self) -> bool {
        self.valid && self.mode == Mode::Nil
    }
    /// Where errors about the operand go: where its expression starts.
    pub fn pos(&self) -> Pos {
        self.expr.map_or(Pos::default(), Expr::start)
    }
}

impl<'a> Checker<'a> {
    /// Records the operand as its expression's facts.
    pub(super) fn record_operand(&mut self, x: &Operand<'a>) {
        if let (true, Some(expr)) = (x.valid, x.expr) {
            self.record(
                expr.id,
                ExprInfo {
                    mode: x.mode,
                    ty: x.ty,
                    value: x.val.clone(),
                },
            );
        }
    }

    /// The operand as Go's messages describe it: `n (variable of type
    /// int)`, `"three" (untyped string constant)`, `1 << 70 (untyped int
    /// constant 1180591620717411303424)`, `nil`.
    pub(super) fn describe(&self, x: &Operand) -> String {
        if x.mode == Mode::Nil {
            return if x.ty == pd::UNTYPED_NIL || x.ty == pd::INVALID {
                "nil".into()
            } else {
                format!("nil (of type {})", self.type_string(x.ty))
            };
        }
        let expr = match (x.expr, x.mode) {
            (Some(e), _) => print_expr(e),
            (None, Mode::Builtin(b)) => b.name().to_string(),
            (None, Mode::Type) => self.type_string(x.ty),
            (None, Mode::Constant) => x.val.as_ref().map_or(String::new(), |v| v.to_string()),
            _ => String::new(),
        };
        let mut out = String::new();
        if !expr.is_empty() {
            out.push_str(&expr);
            out.push_str(" (");
        }
        let mut has_type = false;
        if x.valid
            && !matches!(
                x.mode,
                Mode::NoValue | Mode::Builtin(_) | Mode::Type | Mode::Package
            )
        {
            if self.types.is_untyped(x.ty) {
                out.push_str(&self.type_string(x.ty));
                out.push(' ');
            } else {
                has_type = true;
            }
        }
        out.push_str(match (x.valid, x.mode) {
            (false, _) => "invalid operand",
            (_, Mode::NoValue) => "no value",
            (_, Mode::Builtin(_)) => "built-in",
            (_, Mode::Type) => "type",
            (_, Mode::Constant) => "constant",
            (_, Mode::Variable) => "variable",
            (_, Mode::MapIndex) => "map index expression",
            (_, Mode::Value) => "value",
            (_, Mode::CommaOk) => "comma, ok expression",
            (_, Mode::Nil) => "nil",
            (_, Mode::Package) => "package",
        });
        if x.mode == Mode::Constant {
            if let Some(val) = &x.val {
                let s = val.to_string();
                if s != expr {
                    out.push(' ');
                    out.push_str(&s);
                }
            }
        }
        if has_type {
            if x.ty == pd::INVALID {
                out.push_str(" with invalid type");
            } else {
                out.push_str(" of type ");
                out.push_str(&self.type_string(x.ty));
            }
        }
        if !expr.is_empty() {
            out.push(')');
        }
        out
    }

    /// A single value from a call with several results: reports the
    /// tuple used as one value.
    pub(super) fn single_value(&mut self, x: &mut Operand<'a>) {
        if x.valid && x.mode != Mode::Type && matches!(self.types.get(x.ty), Type::Tuple(_)) {
            let described = self.describe(x);
            self.error(
                x.pos(),
                format!("multiple-value {described} in single-value context"),
            );
            x.invalidate();
        }
    }

    /// Checks that `x` can be assigned to a variable of type `target`
    /// (`None`: the blank identifier), converting an untyped `x`;
    /// `context` ends the message (`argument to f`, `assignment`, ...).
    pub(super) fn assignment(
        &mut self,
        x: &mut Operand<'a>,
        target: Option<TypeId>,
        context: &str,
    ) {
        self.single_value(x);
        if !x.valid {
            return;
        }
        match x.mode {
            Mode::Constant
            | Mode::Variable
            | Mode::MapIndex
            | Mode::Value
            | Mode::Nil
            | Mode::CommaOk => {}
            _ => {
                let described = self.describe(x);
                let target = target.map_or("_".to_string(), |t| self.type_string(t));
                self.error(
                    x.pos(),
                    format!("cannot assign {described} to {target} in {context}"),
                );
                x.invalidate();
                return;
            }
        }
        if self.types.is_untyped(x.ty) {
            let mut goal = target;
            if x.is_nil() {
                if target.is_none() {
                    self.error(x.pos(), format!("use of untyped nil in {context}"));
                    x.invalidate();
                    return;
                }
            } else if target.is_none_or(|t| self.types.is_interface(t)) {
                goal = Some(self.types.default_type(x.ty));
            }
            let goal = goal.unwrap_or(pd::INVALID);
            match self.implicit_type(x, goal) {
                Ok((ty, val)) => self.convert_untyped_to(x, ty, val),
                Err(unfit) => {
                    let mut message = format!(
                        "cannot use {} as {} value in {context}",
                        self.describe(x),
                        self.type_string(goal)
                    );
                    match unfit {
                        Unfit::Truncated => message.push_str(" (truncated)"),
                        Unfit::Overflows => message.push_str(" (overflows)"),
                        Unfit::Invalid => {}
                    }
                    self.error(x.pos(), message);
                    x.invalidate();
                    return;
                }
            }
        }
        let Some(target) = target else { return };
        if let Err(reason) = self.assignable_to(x, target) {
            let described = self.describe(x);
            let target = self.type_string(target);
            let message = match reason {
                Some(reason) => {
                    format!("cannot use {described} as type {target} in {context}:\n\t{reason}")
                }
                None => format!("cannot use {described} as type {target} in {context}"),
            };
            self.error(x.pos(), message);
            x.invalidate();
        }
    }

    /// Gives an untyped operand its final type (and value, converted).
    pub(super) fn convert_untyped_to(
        &mut self,
        x: &mut Operand<'a>,
        ty: TypeId,
        val: Option<Value>,
    ) {
        if let Some(val) = val {
            x.val = Some(val);
        }
        if ty != x.ty {
            x.ty = ty;
            if let Some(expr) = x.expr {
                if let Some(Some(info)) = self.exprs.get_mut(expr.id.0 as usize) {
                    if x.val.is_some() {
                        info.value = x.val.clone();
                    }
                }
                self.record_final_type(expr, ty);
            }
        }
    }

    /// The type (and value) an untyped operand takes as a `target`, as
    /// types2's `implicitTypeAndValue`.
    pub(super) fn implicit_type(
        &self,
        x: &Operand,
        target: TypeId,
    ) -> Result<(TypeId, Option<Value>), Unfit> {
        if !x.valid || !self.types.is_untyped(x.ty) || target == pd::INVALID {
            return Ok((x.ty, None));
        }
        if self.types.is_untyped(target) {
            return self
                .max_untyped(x.ty, target)
                .map(|t| (t, None))
                .ok_or(Unfit::Invalid);
        }
        let under = self.types.under(target);
        match self.types.get(under) {
            Type::Basic(kind, _) => {
                if x.mode == Mode::Constant {
                    let val = x.val.as_ref().ok_or(Unfit::Invalid)?;
                    return self
                        .representation(val, x.ty, *kind)
                        .map(|v| (target, Some(v)));
                }
                let fits = match self.types.basic_kind(x.ty) {
                    Some(BasicKind::UntypedBool) => kind.is_boolean(),
                    Some(
                        BasicKind::UntypedInt | BasicKind::UntypedRune | BasicKind::UntypedFloat,
                    ) => kind.is_numeric(),
                    Some(BasicKind::UntypedString) => kind.is_string(),
                    _ => false,
                };
                if fits {
                    Ok((target, None))
                } else {
                    Err(Unfit::Invalid)
                }
            }
            Type::Interface(methods) => {
                if x.is_nil() {
                    Ok((pd::UNTYPED_NIL, None))
                } else if !methods.is_empty() {
                    Err(Unfit::Invalid)
                } else {
                    Ok((self.types.default_type(x.ty), None))
                }
            }
            Type::Pointer(_) | Type::Func(_) | Type::Slice(_) | Type::Map(..) | Type::Chan(..)
                if x.is_nil() =>
            {
                Ok((pd::UNTYPED_NIL, None))
            }
            _ => Err(Unfit::Invalid),
        }
    }

    /// The larger of two untyped kinds (int < rune < float), if both are
    /// numeric, or either if they are the same.
    pub(super) fn max_untyped(&self, a: TypeId, b: TypeId) -> Option<TypeId> {
        if self.types.is_numeric(a) && self.types.is_numeric(b) {
            let rank = |t: TypeId| match t {
                pd::UNTYPED_INT => 0,
                pd::UNTYPED_RUNE => 1,
                _ => 2,
            };
            return Some(if rank(a) >= rank(b) { a } else { b });
        }
        (a == b).then_some(a)
    }

    /// A constant's value as a value of a basic type, or why it does not fit.
    pub(super) fn representation(
        &self,
        val: &Value,
        from: TypeId,
        kind: BasicKind,
    ) -> Result<Value, Unfit> {
        if let Some(v) = representable(val, kind) {
            return Ok(v);
        }
        if self.types.is_numeric(from) && kind.is_numeric() {
            if !self.types.is_integer(from) && kind.is_integer() {
                return Err(Unfit::Truncated);
            }
            return Err(Unfit::Overflows);
        }
        Err(Unfit::Invalid)
    }

    /// Checks a constant operand against a basic type, reporting as
    /// types2's `representable`.
    pub(super) fn representable(&mut self, x: &mut Operand<'a>, target: TypeId) {
        let (Some(kind), Some(val)) = (self.types.basic_kind(target), x.val.clone()) else {
            return;
        };
        match self.representation(&val, x.ty, kind) {
            Ok(v) => x.val = Some(v),
            Err(unfit) => {
                let described = self.describe(x);
                let target = self.type_string(target);
                let message = match unfit {
                    Unfit::Truncated => format!("{described} truncated to {target}"),
                    Unfit::Overflows => format!("{described} overflows {target}"),
                    Unfit::Invalid => format!("cannot convert {described} to {target}"),
                };
                self.error(x.pos(), message);
                x.invalidate();
            }
        }
    }

    /// Whether `x` may be assigned to `target`; on failure, Go's reason if
    /// it gives one (`T does not implement error (missing Error method)`).
    pub(super) fn assignable_to(&self, x: &Operand, target: TypeId) -> Result<(), Option<String>> {
        let from = x.ty;
        if !x.valid
            || target == pd::INVALID
            || from == pd::INVALID
            || self.types.identical(from, target)
        {
            return Ok(());
        }
        let (from_under, target_under) = (self.types.under(from), self.types.under(target));
        if self.types.is_untyped(from) {
            return self.implicit_type(x, target).map(|_| ()).map_err(|_| None);
        }
        if self.types.identical(from_under, target_under)
            && (!self.types.is_named(from) || !self.types.is_named(target))
        {
            return Ok(());
        }
        if let Type::Interface(_) = self.types.get(target_under) {
            return self.implements(from, target).map_err(Some);
        }
        if let Type::Interface(_) = self.types.get(from_under) {
            if self.implements(target, from).is_ok() {
                return Err(Some("need type assertion".into()));
            }
        }
        if let (Type::Chan(ChanDir::Both, from_elem), Type::Chan(_, target_elem)) =
            (self.types.get(from_under), self.types.get(target_under))
        {
            if self.types.identical(*from_elem, *target_elem) {
                return if !self.types.is_named(from) || !self.types.is_named(target) {
                    Ok(())
                } else {
                    Err(None)
                };
            }
        }
        Err(None)
    }

    /// Whether values of type `ty` implement the interface `iface`, with
    /// Go's reason if not.
    pub(super) fn implements(&self, ty: TypeId, iface: TypeId) -> Result<(), String> {
        let Type::Interface(methods) = self.types.under_type(iface).clone() else {
            return Ok(());
        };
        let ty_string = self.type_string(ty);
        let iface_string = self.type_string(iface);
        for method in &methods {
            let found = self.find_method_signature(ty, &method.name);
            let reason = match found {
                Some((sig, pointer_only)) => {
                    if !self.types.identical(sig, method.sig) {
                        format!(
                            "(wrong type for {} method)\n\t\thave {}{}\n\t\twant {}{}",
                            method.name,
                            method.name,
                            self.signature_string(sig),
                            method.name,
                            self.signature_string(method.sig)
                        )
                    } else if pointer_only {
                        format!("({} method has pointer receiver)", method.name)
                    } else {
                        continue;
                    }
                }
                None => format!("(missing {} method)", method.name),
            };
            return Err(format!(
                "{ty_string} does not implement {iface_string} {reason}"
            ));
        }
        Ok(())
    }

    /// A method named `name` in the method set of `ty` or `*ty`: its
    /// signature, and whether only `*ty` has it.
    fn find_method_signature(&self, ty: TypeId, name: &str) -> Option<(TypeId, bool)> {
        if let Type::Interface(methods) = self.types.under_type(ty) {
            return methods
                .iter()
                .find(|m| m.name == name)
                .map(|m| (m.sig, false));
        }
        let (base, is_pointer) = match self.types.get(ty) {
            Type::Pointer(elem) => (*elem, true),
            _ => (ty, false),
        };
        let method = self
            .named_methods(base)
            .into_iter()
            .find(|&m| self.obj(m).name == name)?;
        let pointer_only = self.obj(method).pointer_recv && !is_pointer;
        Some((self.obj(method).ty, pointer_only))
    }

    /// `(params) results` of a function type, as Go prints it after a name.
    pub(super) fn signature_string(&self, sig: TypeId) -> String {
        self.type_string(sig).trim_start_matches("func").to_string()
    }

    /// Whether a non-constant `x` converts to `target` (`T(x)`).
    pub(super) fn convertible_to(&self, x: &Operand, target: TypeId) -> bool {
        if self.assignable_to(x, target).is_ok() {
            return true;
        }
        let from = x.ty;
        let (vu, tu) = (self.types.under(from), self.types.under(target));
        if self.types.identical(vu, tu) {
            return true;
        }
        if let (Type::Pointer(a), Type::Pointer(b)) = (self.types.get(from), self.types.get(target))
        {
            if self
                .types
                .identical(self.types.under(*a), self.types.under(*b))
            {
                return true;
            }
        }
        let numeric = |t: TypeId| self.types.is_integer(t) || self.types.is_float(t);
        if numeric(from) && numeric(target) {
            return true;
        }
        let bytes_or_runes = |t: TypeId| match self.types.under_type(t) {
            Type::Slice(elem) => matches!(
                self.types.basic_kind(*elem),
                Some(BasicKind::Uint8 | BasicKind::Int32)
            ),
            _ => false,
        };
        if self.types.is_string(target) && (self.types.is_integer(from) || bytes_or_runes(from)) {
            return true;
        }
        if self.types.is_string(from) && bytes_or_runes(target) {
            return true;
        }
        false
    }

    /// Checks the conversion `T(x)`, as types2's `conversion`.
    pub(super) fn conversion(&mut self, x: &mut Operand<'a>, target: TypeId) {
        let constant = x.mode == Mode::Constant;
        let mut ok = false;
        if constant && self.types.is_const_type(target) {
            let kind = self.types.basic_kind(target).unwrap_or(BasicKind::Int);
            let val = x.val.clone().unwrap_or(Value::Int(0));
            if let Some(v) = representable(&val, kind) {
                x.val = Some(v);
                ok = true;
            } else if self.types.is_integer(x.ty) && kind.is_string() {
                let c = val
                    .as_int()
                    .and_then(|n| u32::try_from(n).ok())
                    .and_then(char::from_u32)
                    .unwrap_or('\u{FFFD}');
                x.val = Some(Value::String(c.to_string()));
                ok = true;
            }
        } else if self.convertible_to(x, target) {
            ok = true;
            x.mode = Mode::Value;
            x.val = None;
        }
        if !ok {
            let described = self.describe(x);
            self.error(
                x.pos(),
                format!(
                    "cannot convert {described} to type {}",
                    self.type_string(target)
                ),
            );
            x.invalidate();
            return;
        }
        if self.types.is_untyped(x.ty) {
            let final_type = if self.types.is_interface(target)
                || (constant && !self.types.is_const_type(target))
                || x.is_nil()
            {
                self.types.default_type(x.ty)
            } else if constant && self.types.is_integer(x.ty) && self.types.is_string(target) {
                x.ty
            } else {
                target
            };
            if let Some(expr) = x.expr {
                self.record_final_type(expr, final_type);
            }
        }
        x.ty = target;
        if x.mode == Mode::Nil {
            x.mode = Mode::Value;
        }
    }
}

/// The value as one of a basic kind, if it fits: integers in range,
/// floats rounded (an integer kind takes only integral values).
pub(super) fn representable(val: &Value, kind: BasicKind) -> Option<Value> {
    match val {
        Value::Bool(_) => kind.is_boolean().then(|| val.clone()),
        Value::String(_) => kind.is_string().then(|| val.clone()),
        Value::Int(_) | Value::Float(_) => {
            if kind.is_integer() {
                let n = val.as_int()?;
                match kind.int_range() {
                    Some((lo, hi)) if n < lo || n > hi => None,
                    _ => Some(Value::Int(n)),
                }
            } else if kind.is_float() {
                let f = val.as_float()?;
                match kind {
                    BasicKind::Float32 => {
                        let x = f.to_f64() as f32;
                        x.is_finite().then(|| Value::Float(round_to(f, x as f64)))
                    }
                    BasicKind::Float64 => {
                        let x = f.to_f64();
                        x.is_finite().then(|| Value::Float(round_to(f, x)))
                    }
                    _ => Some(Value::Float(f)),
                }
            } else {
                None
            }
        }
    }
}

/// A typed float constant holds its rounded value; an exact fraction stays
/// exact when rounding does not change it.
fn round_to(f: Float, rounded: f64) -> Float {
    match f {
        Float::Ratio(num, den)
            if (num as f64 / den as f64) == rounded && num.abs() < (1 << 53) && den < (1 << 53) =>
        {
            f
        }
        _ => Float::Approx(rounded),
    }
}

//! Expressions: names, literals, operators, indexing and slicing, composite and function literals, each given a mode, a type and maybe a value.

use super::checker::{Checker, FuncCtx};
use super::constant::{literal_value, ConstError, Value};
use super::operand::Operand;
use super::scope::ObjKind;
use super::types::ChanDir;
use super::types::{predeclared as pd, Type, TypeId};
use super::Mode;
use crate::ast::{Expr, ExprKind};
use crate::print::print_expr;
use crate::token::{LitKind, Op, PREC_CMP};

const INVALID_OP: &str = "invalid operation: ";
const INVALID_ARG: &str = "invalid argument: ";

impl<'a> Checker<'a> {
    /// A single value (not a type, a built-in, or a call without results).
    pub(super) fn expr(&mut self, e: &'a Expr) -> Operand<'a> {
        let mut x = self.multi_expr(e);
        self.single_value(&mut x);
        x
    }

    /// A value that may be a call's several results.
    pub(super) fn multi_expr(&mut self, e: &'a Expr) -> Operand<'a> {
        let mut x = self.raw_expr(e, None);
        self.exclude_non_values(&mut x);
        x
    }

    pub(super) fn expr_with_hint(&mut self, e: &'a Expr, hint: TypeId) -> Operand<'a> {
        let mut x = self.raw_expr(e, Some(hint));
        self.exclude_non_values(&mut x);
        self.single_value(&mut x);
        x
    }

    fn exclude_non_values(&mut self, x: &mut Operand<'a>) {
        if !x.valid {
            return;
        }
        let message = match x.mode {
            Mode::NoValue => "used as value",
            Mode::Builtin(_) => "must be called",
            Mode::Type => "is not an expression",
            Mode::Package => {
                x.invalidate();
                return;
            }
            _ => return,
        };
        let described = self.describe(x);
        self.error(x.pos(), format!("{described} {message}"));
        x.invalidate();
    }

    /// A value or a type (for `T(x)`, `*T`, `x.f` where x may be a type).
    pub(super) fn operand_or_type(&mut self, e: &'a Expr) -> Operand<'a> {
        let mut x = self.raw_expr(e, None);
        if x.valid && matches!(x.mode, Mode::NoValue) {
            let described = self.describe(&x);
            self.error(x.pos(), format!("{described} used as value or type"));
            x.invalidate();
        }
        x
    }

    /// An expression of any mode, recorded in the side tables.
    pub(super) fn raw_expr(&mut self, e: &'a Expr, hint: Option<TypeId>) -> Operand<'a> {
        let mut x = self.expr_kind(e, hint);
        x.expr = Some(e);
        self.record_operand(&x);
        x
    }

    fn expr_kind(&mut self, e: &'a Expr, hint: Option<TypeId>) -> Operand<'a> {
        match &e.kind {
            ExprKind::Bad => Operand::invalid(e),
            ExprKind::Name(name) => self.ident(e, name),
            ExprKind::BasicLit(lit) => {
                if lit.bad {
                    return Operand::invalid(e);
                }
                let ty = match lit.kind {
                    LitKind::Int => pd::UNTYPED_INT,
                    LitKind::Float => pd::UNTYPED_FLOAT,
                    LitKind::Rune => pd::UNTYPED_RUNE,
                    LitKind::String => pd::UNTYPED_STRING,
                    LitKind::Imag => {
                        self.error(e.start(), "complex numbers are not supported");
                        return Operand::invalid(e);
                    }
                };
                match literal_value(lit.kind, &lit.value) {
                    Some(value) => Operand::constant(e, ty, value),
                    None => {
                        self.error(e.start(), format!("constant overflow: {}", lit.value));
                        Operand::invalid(e)
                    }
                }
            }
            ExprKind::CompositeLit { ty, elems, rbrace } => {
                self.composite_literal(e, ty.as_deref(), elems, *rbrace, hint)
            }
            ExprKind::FuncLit(lit) => {
                let (ty, body) = (&lit.ty, &lit.body);
                let outer = self.scope;
                self.open_scope();
                let depth = self.funcs.last().map_or(0, |f| f.depth) + 1;
                self.funcs.push(FuncCtx {
                    results: Vec::new(),
                    result_vars: Vec::new(),
                    depth,
                    lit: Some(e.id),
                });
                let (sig, _) = self.signature(ty, true);
                self.func_body(body);
                self.funcs.pop();
                self.scope = outer;
                if self.pkg.is_main {
                    self.captures.entry(e.id).or_default();
                }
                Operand::value(e, Mode::Value, sig)
            }
            ExprKind::Paren(inner) => {
                let mut x = self.raw_expr(inner, hint);
                x.expr = Some(e);
                x
            }
            ExprKind::Selector { x, sel } => self.selector(e, x, sel),
            ExprKind::Index { x, indices } => self.index_expr(e, x, indices),
            ExprKind::Slice {
                x,
                lo,
                hi,
                max,
                full,
            } => self.slice_expr(e, x, [lo.as_deref(), hi.as_deref(), max.as_deref()], *full),
            ExprKind::TypeAssert { x, .. } => {
                self.expr(x);
                self.error(e.pos, "type assertions are not supported");
                Operand::invalid(e)
            }
            ExprKind::TypeSwitchGuard { x, .. } => {
                self.expr(x);
                self.error(e.start(), "type switches are not supported");
                Operand::invalid(e)
            }
            ExprKind::Call { func, args, dots } => self.call(e, func, args, *dots),
            ExprKind::Unary { op: Op::Mul, x } => self.star(e, x),
            ExprKind::Unary { op, x } => self.unary(e, *op, x),
            ExprKind::Binary { op, x, y } => self.binary(Some(e), x, y, *op),
            ExprKind::KeyValue { .. } => {
                self.error(e.start(), "unexpected key:value expression");
                Operand::invalid(e)
            }
            ExprKind::ArrayType { .. }
            | ExprKind::SliceType { .. }
            | ExprKind::DotsType { .. }
            | ExprKind::StructType { .. }
            | ExprKind::FuncType(_)
            | ExprKind::InterfaceType { .. }
            | ExprKind::MapType { .. }
            | ExprKind::ChanType { .. } => {
                let ty = self.type_expr(e);
                if ty == pd::INVALID {
                    Operand::invalid(e)
                } else {
                    Operand::value(e, Mode::Type, ty)
                }
            }
        }
    }

    fn ident(&mut self, e: &'a Expr, name: &str) -> Operand<'a> {
        if name == "_" {
            self.error(e.start(), "cannot use _ as value");
            return Operand::invalid(e);
        }
        let Some(obj) = self.use_name(name) else {
            self.error(e.start(), format!("undefined: {name}"));
            return Operand::invalid(e);
        };
        self.record_use(e.id, obj);
        let object = self.obj(obj).clone();
        match object.kind {
            ObjKind::PkgName { .. } => {
                self.error(e.start(), format!("use of package {name} without selector"));
                Operand::invalid(e)
            }
            ObjKind::Const(_) => self.object_operand(obj, e),
            ObjKind::TypeName if object.ty != pd::INVALID => {
                Operand::value(e, Mode::Type, object.ty)
            }
            ObjKind::Var if object.ty != pd::INVALID => {
                Operand::value(e, Mode::Variable, object.ty)
            }
            ObjKind::Func if object.ty != pd::INVALID => Operand::value(e, Mode::Value, object.ty),
            ObjKind::Builtin(b) => Operand {
                valid: true,
                mode: Mode::Builtin(b),
                ty: pd::INVALID,
                val: None,
                expr: Some(e),
            },
            ObjKind::Nil => Operand::value(e, Mode::Nil, pd::UNTYPED_NIL),
            _ => Operand::invalid(e),
        }
    }

    fn star(&mut self, e: &'a Expr, inner: &'a Expr) -> Operand<'a> {
        let x = self.operand_or_type(inner);
        if !x.valid {
            return Operand::invalid(e);
        }
        match x.mode {
            Mode::Type => {
                let ty = self.types.pointer(x.ty);
                Operand::value(e, Mode::Type, ty)
            }
            Mode::Builtin(_) => {
                let described = self.describe(&x);
                self.error(x.pos(), format!("{described} must be called"));
                Operand::invalid(e)
            }
            _ => {
                if x.is_nil() {
                    self.error(x.pos(), format!("{INVALID_OP}cannot indirect nil"));
                    return Operand::invalid(e);
                }
                match self.types.under_type(x.ty).clone() {
                    Type::Pointer(base) => Operand::value(e, Mode::Variable, base),
                    _ => {
                        let mut single = x.clone();
                        self.single_value(&mut single);
                        if single.valid {
                            let described = self.describe(&x);
                            self.error(x.pos(), format!("{INVALID_OP}cannot indirect {described}"));
                        }
                        Operand::invalid(e)
                    }
                }
            }
        }
    }

    fn unary(&mut self, e: &'a Expr, op: Op, inner: &'a Expr) -> Operand<'a> {
        if op == Op::And {
            let unparen = unparen(inner);
            if let ExprKind::CompositeLit { .. } = &unparen.kind {
                let x = self.expr(inner);
                if !x.valid {
                    return Operand::invalid(e);
                }
                let ty = self.types.pointer(x.ty);
                return Operand::value(e, Mode::Value, ty);
            }
            let x = self.expr(inner);
            if !x.valid {
                return Operand::invalid(e);
            }
            if x.mode != Mode::Variable {
                let described = self.describe(&x);
                self.error(
                    x.pos(),
                    format!("{INVALID_OP}cannot take address of {described}"),
                );
                return Operand::invalid(e);
            }
            let ty = self.types.pointer(x.ty);
            return Operand::value(e, Mode::Value, ty);
        }
        let mut x = self.expr(inner);
        if !x.valid {
            return Operand::invalid(e);
        }
        if op == Op::Recv {
            return match self.types.under_type(x.ty).clone() {
                Type::Chan(dir, elem) => {
                    if dir == ChanDir::Send {
                        let described = self.describe(&x);
                        self.error(
                            x.pos(),
                            format!(
                                "{INVALID_OP}cannot receive from send-only channel {described}"
                            ),
                        );
                        return Operand::invalid(e);
                    }
                    Operand::value(e, Mode::CommaOk, elem)
                }
                _ => {
                    let described = self.describe(&x);
                    self.error(
                        x.pos(),
                        format!("{INVALID_OP}cannot receive from non-channel {described}"),
                    );
                    Operand::invalid(e)
                }
            };
        }
        let allowed = match op {
            Op::Add | Op::Sub => self.types.is_numeric(x.ty),
            Op::Xor => self.types.is_integer(x.ty),
            Op::Not => self.types.is_boolean(x.ty),
            _ => false,
        };
        if !allowed {
            let described = self.describe(&x);
            self.error(
                x.pos(),
                format!("{INVALID_OP}operator {op} not defined on {described}"),
            );
            return Operand::invalid(e);
        }
        if x.mode == Mode::Constant {
            let unsigned_bits = if self.types.is_unsigned(x.ty) {
                self.types
                    .basic_kind(x.ty)
                    .and_then(|k| k.int_range())
                    .map(|(_, hi)| 128 - hi.leading_zeros())
            } else {
                None
            };
            let val = x.val.clone().unwrap_or(Value::Int(0));
            match val.unary(op, unsigned_bits) {
                Ok(v) => {
                    x.val = Some(v);
                    x.expr = Some(e);
                    self.overflow(&mut x);
                    if !x.valid {
                        return Operand::invalid(e);
                    }
                    return Operand { expr: Some(e), ..x };
                }
                Err(_) => {
                    self.error(e.start(), "constant result is not representable");
                    return Operand::invalid(e);
                }
            }
        }
        Operand::value(e, Mode::Value, x.ty)
    }

    /// A typed constant must fit its type after each operation.
    fn overflow(&mut self, x: &mut Operand<'a>) {
        if x.mode == Mode::Constant && !self.types.is_untyped(x.ty) {
            let ty = x.ty;
            self.representable(x, ty);
        }
    }

    /// `x op y`; `e` is the binary expression (`None` for `x op= y`).
    pub(super) fn binary(
        &mut self,
        e: Option<&'a Expr>,
        lhs: &'a Expr,
        rhs: &'a Expr,
        op: Op,
    ) -> Operand<'a> {
        let node = e.unwrap_or(lhs);
        let mut x = self.expr(lhs);
        let mut y = self.expr(rhs);
        if !x.valid || !y.valid {
            return Operand::invalid(node);
        }
        if matches!(op, Op::Shl | Op::Shr) {
            return self.shift(node, e, x, y, op);
        }
        self.match_types(&mut x, &mut y);
        if !x.valid || !y.valid {
            return Operand::invalid(node);
        }
        if op.precedence() == PREC_CMP {
            return self.comparison(node, x, y, op, None);
        }
        if !self.types.identical(x.ty, y.ty) {
            if x.ty != pd::INVALID && y.ty != pd::INVALID {
                let (xs, ys) = (self.type_string(x.ty), self.type_string(y.ty));
                let what = match e {
                    Some(e) => print_expr(e),
                    None => format!("{} {op}= {}", print_expr(lhs), print_expr(rhs)),
                };
                self.error(
                    x.pos(),
                    format!("{INVALID_OP}{what} (mismatched types {xs} and {ys})"),
                );
            }
            return Operand::invalid(node);
        }
        let allowed = match op {
            Op::Add => self.types.is_numeric(x.ty) || self.types.is_string(x.ty),
            Op::Sub | Op::Mul | Op::Div => self.types.is_numeric(x.ty),
            Op::Rem | Op::And | Op::Or | Op::Xor | Op::AndNot => self.types.is_integer(x.ty),
            Op::AndAnd | Op::OrOr => self.types.is_boolean(x.ty),
            _ => false,
        };
        if !allowed {
            let described = self.describe(&x);
            self.error(
                x.pos(),
                format!("{INVALID_OP}operator {op} not defined on {described}"),
            );
            return Operand::invalid(node);
        }
        if matches!(op, Op::Div | Op::Rem)
            && (x.mode == Mode::Constant || self.types.is_integer(x.ty))
            && y.mode == Mode::Constant
            && y.val.as_ref().is_some_and(Value::is_zero)
        {
            self.error(y.pos(), format!("{INVALID_OP}division by zero"));
            return Operand::invalid(node);
        }
        if x.mode == Mode::Constant && y.mode == Mode::Constant {
            let integer = self.types.is_integer(x.ty);
            let (a, b) = (
                x.val.clone().unwrap_or(Value::Int(0)),
                y.val.clone().unwrap_or(Value::Int(0)),
            );
            return match a.binary(op, &b, integer) {
                Ok(v) => {
                    let mut result = Operand::constant(node, x.ty, v);
                    self.overflow(&mut result);
                    result
                }
                Err(ConstError::DivisionByZero) => {
                    self.error(y.pos(), format!("{INVALID_OP}division by zero"));
                    Operand::invalid(node)
                }
                Err(ConstError::Overflow) => {
                    self.error(x.pos(), format!("constant {} overflow", op_name(op)));
                    Operand::invalid(node)
                }
            };
        }
        Operand::value(node, Mode::Value, x.ty)
    }

    /// Converts an untyped operand to the other's type where Go does,
    /// before a binary operation.
    pub(super) fn match_types(&mut self, x: &mut Operand<'a>, y: &mut Operand<'a>) {
        let may_convert = |c: &Self, x: &Operand, y: &Operand| -> bool {
            if !c.types.is_untyped(x.ty) && !c.types.is_untyped(y.ty) {
                return false;
            }
            if c.types.is_boolean(x.ty) != c.types.is_boolean(y.ty) {
                return false;
            }
            if c.types.is_string(x.ty) != c.types.is_string(y.ty) {
                return false;
            }
            if x.is_nil() {
                return c.types.has_nil(y.ty);
            }
            if y.is_nil() {
                return c.types.has_nil(x.ty);
            }
            let pointer = |t: TypeId| matches!(c.types.under_type(t), Type::Pointer(_));
            !(pointer(x.ty) || pointer(y.ty))
        };
        if may_convert(self, x, y) {
            let y_ty = y.ty;
            self.convert_untyped(x, y_ty);
            if !x.valid {
                return;
            }
            let x_ty = x.ty;
            self.convert_untyped(y, x_ty);
            if !y.valid {
                x.invalidate();
            }
        }
    }

    /// Converts an untyped operand to `target`, reporting as types2's
    /// `convertUntyped`.
    pub(super) fn convert_untyped(&mut self, x: &mut Operand<'a>, target: TypeId) {
        match self.implicit_type(x, target) {
            Ok((ty, val)) => self.convert_untyped_to(x, ty, val),
            Err(unfit) => {
                let target = self.types.under(target);
                let described = self.describe(x);
                let target = self.type_string(target);
                let message = match unfit {
                    super::operand::Unfit::Truncated => {
                        format!("{described} truncated to {target}")
                    }
                    super::operand::Unfit::Overflows => format!("{described} overflows {target}"),
                    super::operand::Unfit::Invalid => {
                        format!("cannot convert {described} to {target}")
                    }
                };
                self.error(x.pos(), message);
                x.invalidate();
            }
        }
    }

    /// `x == y` and the other comparisons; `switch_tag` for a switch case
    /// compared with its tag (reported as Go does there).
    pub(super) fn comparison(
        &mut self,
        node: &'a Expr,
        x: Operand<'a>,
        y: Operand<'a>,
        op: Op,
        switch_tag: Option<&'a Expr>,
    ) -> Operand<'a> {
        if x.ty == pd::INVALID || y.ty == pd::INVALID {
            return Operand::invalid(node);
        }
        let mut err_on_y = false;
        let mut cause = String::new();
        let assignable =
            self.assignable_to(&x, y.ty).is_ok() || self.assignable_to(&y, x.ty).is_ok();
        let mut failed = false;
        if !assignable {
            err_on_y = true;
            cause = format!(
                "mismatched types {} and {}",
                self.type_string(x.ty),
                self.type_string(y.ty)
            );
            failed = true;
        } else if matches!(op, Op::Eql | Op::Neq) {
            if x.is_nil() || y.is_nil() {
                let ty = if x.is_nil() { y.ty } else { x.ty };
                if !self.types.has_nil(ty) || (x.is_nil() && y.is_nil()) {
                    err_on_y = true;
                    failed = true;
                }
            } else if let Some(reason) = self.types.incomparable_reason(x.ty) {
                cause = reason;
                failed = true;
            } else if let Some(reason) = self.types.incomparable_reason(y.ty) {
                err_on_y = true;
                cause = reason;
                failed = true;
            }
        } else {
            let ordered = |c: &Self, t: TypeId| {
                c.types.is_integer(t) || c.types.is_float(t) || c.types.is_string(t)
            };
            if !ordered(self, x.ty) {
                failed = true;
            } else if !ordered(self, y.ty) {
                err_on_y = true;
                failed = true;
            }
        }
        if failed {
            let err_op = if err_on_y { &y } else { &x };
            if cause.is_empty() {
                cause = format!(
                    "operator {op} not defined on {}",
                    self.kind_string(err_op.ty)
                );
            }
            let xs = x.expr.map(print_expr).unwrap_or_default();
            let ys = y.expr.map(print_expr).unwrap_or_default();
            match switch_tag {
                Some(tag) => {
                    let pos = x.pos();
                    self.error(
                        pos,
                        format!(
                            "invalid case {xs} in switch on {} ({cause})",
                            print_expr(tag)
                        ),
                    );
                }
                None => {
                    let pos = err_op.pos();
                    self.error(pos, format!("{INVALID_OP}{xs} {op} {ys} ({cause})"));
                }
            }
            return Operand::invalid(node);
        }
        if x.mode == Mode::Constant && y.mode == Mode::Constant {
            let (a, b) = (
                x.val.clone().unwrap_or(Value::Int(0)),
                y.val.clone().unwrap_or(Value::Int(0)),
            );
            let result = a.compare(op, &b).unwrap_or(false);
            return Operand::constant(node, pd::UNTYPED_BOOL, Value::Bool(result));
        }
        for operand in [&x, &y] {
            if let Some(expr) = operand.expr {
                let ty = self.types.default_type(operand.ty);
                self.record_final_type(expr, ty);
            }
        }
        Operand::value(node, Mode::Value, pd::UNTYPED_BOOL)
    }

    fn kind_string(&self, ty: TypeId) -> String {
        match self.types.under_type(ty) {
            Type::Array(..) => "array".into(),
            Type::Slice(_) => "slice".into(),
            Type::Struct(_) => "struct".into(),
            Type::Pointer(_) => "pointer".into(),
            Type::Func(_) => "func".into(),
            Type::Interface(_) => "interface".into(),
            Type::Map(..) => "map".into(),
            Type::Chan(..) => "chan".into(),
            _ => self.type_string(ty),
        }
    }

    fn shift(
        &mut self,
        node: &'a Expr,
        e: Option<&'a Expr>,
        mut x: Operand<'a>,
        mut y: Operand<'a>,
        op: Op,
    ) -> Operand<'a> {
        let x_int = if x.mode == Mode::Constant {
            x.val.as_ref().and_then(Value::as_int)
        } else {
            None
        };
        if !(self.types.is_integer(x.ty) || (self.types.is_untyped(x.ty) && x_int.is_some())) {
            let described = self.describe(&x);
            self.error(
                x.pos(),
                format!("{INVALID_OP}shifted operand {described} must be integer"),
            );
            return Operand::invalid(node);
        }
        if y.mode == Mode::Constant {
            if y.val
                .as_ref()
                .and_then(Value::as_int)
                .is_some_and(|n| n < 0)
            {
                let described = self.describe(&y);
                self.error(
                    y.pos(),
                    format!("{INVALID_OP}negative shift count {described}"),
                );
                return Operand::invalid(node);
            }
            if self.types.is_untyped(y.ty) {
                self.representable(&mut y, pd::UINT);
                if !y.valid {
                    return Operand::invalid(node);
                }
            }
        } else if self.types.is_untyped(y.ty) {
            self.convert_untyped(&mut y, pd::UINT);
            if !y.valid {
                return Operand::invalid(node);
            }
        } else if !self.types.is_integer(y.ty) {
            let described = self.describe(&y);
            self.error(
                y.pos(),
                format!("{INVALID_OP}shift count {described} must be integer"),
            );
            return Operand::invalid(node);
        }
        if x.mode == Mode::Constant {
            if y.mode == Mode::Constant {
                let count = y.val.as_ref().and_then(Value::as_int).unwrap_or(0);
                if !(0..=1074).contains(&count) {
                    let described = self.describe(&y);
                    self.error(
                        y.pos(),
                        format!("{INVALID_OP}invalid shift count {described}"),
                    );
                    return Operand::invalid(node);
                }
                if !self.types.is_integer(x.ty) {
                    x.ty = pd::UNTYPED_INT;
                }
                let value = Value::Int(x_int.unwrap_or(0)).shift(op, count as u128);
                return match value {
                    Ok(v) => {
                        let mut result = Operand::constant(node, x.ty, v);
                        self.overflow(&mut result);
                        result
                    }
                    Err(_) => {
                        let what = e.map(|_| "shift").unwrap_or("shift");
                        self.error(x.pos(), format!("constant {what} overflow"));
                        Operand::invalid(node)
                    }
                };
            }
            if self.types.is_untyped(x.ty) {
                // The left operand takes the type the context gives the shift.
                return Operand::value(node, Mode::Value, x.ty);
            }
        }
        if !self.types.is_integer(x.ty) {
            let described = self.describe(&x);
            self.error(
                x.pos(),
                format!("{INVALID_OP}shifted operand {described} must be integer"),
            );
            return Operand::invalid(node);
        }
        Operand::value(node, Mode::Value, x.ty)
    }

    fn index_expr(&mut self, e: &'a Expr, base: &'a Expr, indices: &'a [Expr]) -> Operand<'a> {
        let x = self.operand_or_type(base);
        if !x.valid {
            for index in indices {
                self.expr(index);
            }
            return Operand::invalid(e);
        }
        if x.mode == Mode::Type || indices.len() != 1 {
            self.error(e.start(), "generic types and functions are not supported");
            return Operand::invalid(e);
        }
        let mut x = x;
        self.single_value(&mut x);
        if !x.valid {
            return Operand::invalid(e);
        }
        let index = &indices[0];
        let under = self.types.under_type(x.ty).clone();
        let (mode, ty, length) = match under {
            Type::Basic(kind, _) if kind.is_string() => {
                let length = match (&x.mode, &x.val) {
                    (Mode::Constant, Some(Value::String(s))) => s.len() as i128,
                    _ => -1,
                };
                (Mode::Value, pd::BYTE, length)
            }
            Type::Array(n, elem) => (
                if x.mode == Mode::Variable {
                    Mode::Variable
                } else {
                    Mode::Value
                },
                elem,
                n as i128,
            ),
            Type::Pointer(base_ty) => match self.types.under_type(base_ty).clone() {
                Type::Array(n, elem) => (Mode::Variable, elem, n as i128),
                _ => return self.cannot_index(e, &x),
            },
            Type::Slice(elem) => (Mode::Variable, elem, -1),
            Type::Map(key, elem) => {
                let mut k = self.expr_with_hint(index, key);
                self.assignment(&mut k, Some(key), "map index");
                return Operand::value(e, Mode::MapIndex, elem);
            }
            _ => return self.cannot_index(e, &x),
        };
        self.index(index, length);
        Operand::value(e, mode, ty)
    }

    fn cannot_index(&mut self, e: &'a Expr, x: &Operand<'a>) -> Operand<'a> {
        let described = self.describe(x);
        self.error(x.pos(), format!("{INVALID_OP}cannot index {described}"));
        Operand::invalid(e)
    }

    /// Checks an index (below `length` if that is known); returns its
    /// constant value if it has one.
    pub(super) fn index(&mut self, index: &'a Expr, length: i128) -> Option<i128> {
        let mut x = self.expr(index);
        if !self.valid_index(&mut x, "index") {
            return None;
        }
        if x.mode != Mode::Constant {
            return None;
        }
        let v = x.val.as_ref().and_then(Value::as_int)?;
        if length >= 0 && v >= length {
            let val = x.val.as_ref().map(|v| v.to_string()).unwrap_or_default();
            self.error(
                x.pos(),
                format!("{INVALID_ARG}index {val} out of bounds [0:{length}]"),
            );
            return None;
        }
        Some(v)
    }

    pub(super) fn valid_index(&mut self, x: &mut Operand<'a>, what: &str) -> bool {
        if !x.valid {
            return false;
        }
        self.convert_untyped(x, pd::INT);
        if !x.valid {
            return false;
        }
        if !self.types.is_integer(x.ty) {
            let described = self.describe(x);
            self.error(
                x.pos(),
                format!("{INVALID_ARG}{what} {described} must be integer"),
            );
            return false;
        }
        if x.mode == Mode::Constant {
            let v = x.val.as_ref().and_then(Value::as_int).unwrap_or(0);
            if v < 0 {
                let described = self.describe(x);
                self.error(
                    x.pos(),
                    format!("{INVALID_ARG}{what} {described} must not be negative"),
                );
                return false;
            }
            if v > i64::MAX as i128 {
                let described = self.describe(x);
                self.error(
                    x.pos(),
                    format!("{INVALID_ARG}{what} {described} overflows int"),
                );
                return false;
            }
        }
        true
    }

    fn slice_expr(
        &mut self,
        e: &'a Expr,
        base: &'a Expr,
        bounds: [Option<&'a Expr>; 3],
        full: bool,
    ) -> Operand<'a> {
        let x = self.expr(base);
        if !x.valid {
            for bound in bounds.into_iter().flatten() {
                self.expr(bound);
            }
            return Operand::invalid(e);
        }
        let under = self.types.under_type(x.ty).clone();
        let (ty, length) = match under {
            Type::Basic(kind, _) if kind.is_string() => {
                if full {
                    self.error(e.pos, format!("{INVALID_OP}3-index slice of string"));
                    return Operand::invalid(e);
                }
                let length = match &x.val {
                    Some(Value::String(s)) => s.len() as i128,
                    _ => -1,
                };
                // A slice of an untyped string is a string.
                let ty = if self.types.is_untyped(x.ty) {
                    pd::STRING
                } else {
                    x.ty
                };
                (ty, length)
            }
            Type::Array(n, elem) => {
                if x.mode != Mode::Variable {
                    let described = self.describe(&x);
                    self.error(
                        x.pos(),
                        format!("{INVALID_OP}{described} (slice of unaddressable value)"),
                    );
                    return Operand::invalid(e);
                }
                (self.types.slice(elem), n as i128)
            }
            Type::Pointer(base_ty) => match self.types.under_type(base_ty).clone() {
                Type::Array(n, elem) => (self.types.slice(elem), n as i128),
                _ => return self.cannot_slice(e, &x),
            },
            Type::Slice(_) => (x.ty, -1),
            _ => return self.cannot_slice(e, &x),
        };
        let cap = if length >= 0 { length + 1 } else { -1 };
        let mut previous: Option<i128> = None;
        for bound in bounds.into_iter().flatten() {
            if let Some(v) = self.index(bound, cap) {
                if let Some(p) = previous {
                    if v < p {
                        self.error(bound.start(), format!("invalid slice indices: {v} < {p}"));
                    }
                }
                previous = Some(v);
            }
        }
        Operand::value(e, Mode::Value, ty)
    }

    fn cannot_slice(&mut self, e: &'a Expr, x: &Operand<'a>) -> Operand<'a> {
        let described = self.describe(x);
        self.error(x.pos(), format!("cannot slice {described}"));
        Operand::invalid(e)
    }

    fn composite_literal(
        &mut self,
        e: &'a Expr,
        ty: Option<&'a Expr>,
        elems: &'a [Expr],
        rbrace: crate::token::Pos,
        hint: Option<TypeId>,
    ) -> Operand<'a> {
        let (typ, base) = match (ty, hint) {
            (Some(t), _) => {
                if let ExprKind::ArrayType { len: None, elem } = &t.kind {
                    let elem = self.type_expr(elem);
                    let n = self.indexed_elements(elems, elem, -1);
                    let ty = self.types.intern(Type::Array(n as i64, elem));
                    self.record(
                        t.id,
                        super::ExprInfo {
                            mode: Mode::Type,
                            ty,
                            value: None,
                        },
                    );
                    return Operand::value(e, Mode::Value, ty);
                }
                let ty = self.type_expr(t);
                (ty, ty)
            }
            (None, Some(hint)) => {
                let base = match self.types.under_type(hint) {
                    Type::Pointer(elem) => *elem,
                    _ => hint,
                };
                (hint, base)
            }
            (None, None) => {
                self.error(e.start(), "invalid composite literal type: missing type");
                return Operand::invalid(e);
            }
        };
        match self.types.under_type(base).clone() {
            Type::Struct(fields) => self.struct_literal(e, base, &fields, elems, rbrace),
            Type::Array(n, elem) => {
                self.indexed_elements(elems, elem, n as i128);
            }
            Type::Slice(elem) => {
                self.indexed_elements(elems, elem, -1);
            }
            Type::Map(key, value) => {
                let mut seen: Vec<Value> = Vec::new();
                for element in elems {
                    let ExprKind::KeyValue { key: k, value: v } = &element.kind else {
                        self.error(element.start(), "missing key in map literal");
                        continue;
                    };
                    let mut kx = self.expr_with_hint(k, key);
                    self.assignment(&mut kx, Some(key), "map literal");
                    if kx.valid && kx.mode == Mode::Constant {
                        if let Some(val) = &kx.val {
                            if seen.contains(val) {
                                self.error(kx.pos(), format!("duplicate key {val} in map literal"));
                                continue;
                            }
                            seen.push(val.clone());
                        }
                    }
                    let mut vx = self.expr_with_hint(v, value);
                    self.assignment(&mut vx, Some(value), "map literal");
                }
            }
            _ => {
                for element in elems {
                    let value = match &element.kind {
                        ExprKind::KeyValue { value, .. } => value,
                        _ => element,
                    };
                    self.expr(value);
                }
                if typ != pd::INVALID && self.types.under(base) != pd::INVALID {
                    self.error(
                        e.start(),
                        format!("invalid composite literal type {}", self.type_string(typ)),
                    );
                }
                return Operand::invalid(e);
            }
        }
        Operand::value(e, Mode::Value, typ)
    }

    fn struct_literal(
        &mut self,
        e: &'a Expr,
        base: TypeId,
        fields: &[super::types::Field],
        elems: &'a [Expr],
        rbrace: crate::token::Pos,
    ) {
        let _ = e;
        if elems.is_empty() {
            return;
        }
        let base_string = self.type_string(base);
        if matches!(elems[0].kind, ExprKind::KeyValue { .. }) {
            let mut visited = vec![false; fields.len()];
            for element in elems {
                let ExprKind::KeyValue { key, value } = &element.kind else {
                    self.error(
                        element.start(),
                        "mixture of field:value and value elements in struct literal",
                    );
                    continue;
                };
                let package = self.package_index();
                let found = match &key.kind {
                    ExprKind::Name(name) => fields.iter().position(|f| {
                        f.name == *name && (f.pkg.is_none() || f.pkg == Some(package))
                    }),
                    _ => None,
                };
                let mut x = self.raw_expr_value(value, found.map(|i| fields[i].ty));
                let ExprKind::Name(name) = &key.kind else {
                    self.error(
                        element.start(),
                        format!("invalid field name {} in struct literal", print_expr(key)),
                    );
                    continue;
                };
                let Some(i) = found else {
                    self.error(
                        key.start(),
                        format!("unknown field '{name}' in struct literal of type {base_string}"),
                    );
                    continue;
                };
                let ty = fields[i].ty;
                // The interpreter reads which field a key names from the
                // selection of the key's node.
                self.record_selection(
                    key.id,
                    super::Selection::Field {
                        path: vec![i],
                        indirect: false,
                    },
                );
                if !x.valid {
                    continue;
                }
                self.assignment(&mut x, Some(ty), "struct literal");
                if visited[i] {
                    self.error(
                        x.pos(),
                        format!("duplicate field name {name} in struct literal"),
                    );
                    continue;
                }
                visited[i] = true;
            }
        } else {
            for (i, element) in elems.iter().enumerate() {
                if matches!(element.kind, ExprKind::KeyValue { .. }) {
                    self.error(
                        element.start(),
                        "mixture of field:value and value elements in struct literal",
                    );
                    continue;
                }
                let hint = fields.get(i).map(|f| f.ty);
                let mut x = self.raw_expr_value(element, hint);
                if i >= fields.len() {
                    self.error(x.pos(), format!("too many values in {base_string}{{…}}"));
                    break;
                }
                let field = &fields[i];
                if field.pkg.is_some() && field.pkg != Some(self.package_index()) {
                    self.error(
                        x.pos(),
                        format!(
                            "implicit assignment to unexported field {} in {base_string} literal",
                            field.name
                        ),
                    );
                    continue;
                }
                self.assignment(&mut x, Some(field.ty), "struct literal");
            }
            if elems.len() < fields.len() {
                self.error(rbrace, format!("too few values in {base_string}{{…}}"));
            }
        }
    }

    /// A value, with a hint for an elided composite literal type.
    fn raw_expr_value(&mut self, e: &'a Expr, hint: Option<TypeId>) -> Operand<'a> {
        match hint {
            Some(hint) => self.expr_with_hint(e, hint),
            None if matches!(e.kind, ExprKind::CompositeLit { ty: None, .. }) => {
                Operand::invalid(e)
            }
            None => self.expr(e),
        }
    }

    /// The elements of an array or slice literal; returns the length they make.
    fn indexed_elements(&mut self, elems: &'a [Expr], elem: TypeId, length: i128) -> i128 {
        let mut visited: Vec<i128> = Vec::new();
        let (mut index, mut max) = (0i128, 0i128);
        for element in elems {
            let mut valid_index = false;
            let mut value = element;
            if let ExprKind::KeyValue { key, value: v } = &element.kind {
                if let Some(i) = self.index(key, length) {
                    index = i;
                    valid_index = true;
                } else if self.mode_of(key.id).is_some_and(|m| m != Mode::Constant) {
                    self.error(
                        element.start(),
                        format!("index {} must be integer constant", print_expr(key)),
                    );
                }
                value = v;
            } else if length >= 0 && index >= length {
                self.error(
                    element.start(),
                    format!("index {index} is out of bounds (>= {length})"),
                );
            } else {
                valid_index = true;
            }
            if valid_index {
                if visited.contains(&index) {
                    self.error(
                        element.start(),
                        format!("duplicate index {index} in array or slice literal"),
                    );
                }
                visited.push(index);
            }
            index += 1;
            max = max.max(index);
            let mut x = self.expr_with_hint(value, elem);
            self.assignment(&mut x, Some(elem), "array or slice literal");
        }
        max
    }
}

pub(super) fn unparen(mut e: &Expr) -> &Expr {
    while let ExprKind::Paren(inner) = &e.kind {
        e = inner;
    }
    e
}

fn op_name(op: Op) -> &'static str {
    match op {
        Op::Add => "addition",
        Op::Sub => "subtraction",
        Op::Mul => "multiplication",
        Op::Shl => "shift",
        _ => "operation",
    }
}

//! Calls, conversions, built-in functions, and selectors (package members, fields and methods, with Go's automatic `&` and `*`).

use super::checker::Checker;
use super::operand::Operand;
use super::scope::{Builtin, ObjId, ObjKind};
use super::types::ChanDir;
use super::types::{predeclared as pd, Type, TypeId};
use super::{Mode, Selection};
use crate::ast::{Expr, ExprKind, Ident};
use crate::print::print_expr;

const INVALID_OP: &str = "invalid operation: ";
const INVALID_ARG: &str = "invalid argument: ";

/// What a field or method lookup found.
enum Found {
    Field {
        path: Vec<usize>,
        ty: TypeId,
        indirect: bool,
    },
    Method {
        method: ObjId,
        path: Vec<usize>,
        indirect: bool,
    },
    InterfaceMethod {
        sig: TypeId,
    },
}

impl<'a> Checker<'a> {
    pub(super) fn call(
        &mut self,
        e: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        dots: bool,
    ) -> Operand<'a> {
        let mut x = self.operand_or_type(func);
        if !x.valid {
            for arg in args {
                self.raw_expr(arg, None);
            }
            return Operand::invalid(e);
        }
        match x.mode {
            Mode::Type => {
                let target = x.ty;
                match args {
                    [] => {
                        let message = format!(
                            "missing argument in conversion to {}",
                            self.type_string(target)
                        );
                        self.error(e.pos, message);
                    }
                    [arg] => {
                        let mut y = self.expr(arg);
                        if y.valid {
                            if dots {
                                let message = format!(
                                    "invalid use of ... in conversion to {}",
                                    self.type_string(target)
                                );
                                self.error(arg.start(), message);
                            } else {
                                self.conversion(&mut y, target);
                                if y.valid {
                                    return Operand { expr: Some(e), ..y };
                                }
                            }
                        }
                    }
                    [.., last] => {
                        for arg in args {
                            self.raw_expr(arg, None);
                        }
                        let message = format!(
                            "too many arguments in conversion to {}",
                            self.type_string(target)
                        );
                        self.error(last.start(), message);
                    }
                }
                Operand::invalid(e)
            }
            Mode::Builtin(builtin) => self.builtin(e, builtin, args, dots),
            _ => {
                self.single_value(&mut x);
                if !x.valid {
                    return Operand::invalid(e);
                }
                let Some(sig) = self.types.signature(x.ty).cloned() else {
                    let described = self.describe(&x);
                    self.error(
                        x.pos(),
                        format!("{INVALID_OP}cannot call non-function {described}"),
                    );
                    for arg in args {
                        self.raw_expr(arg, None);
                    }
                    return Operand::invalid(e);
                };
                let operands = self.expr_list(args, false).0;
                self.arguments(e, func, &sig, operands, args, dots);
                match sig.results.len() {
                    0 => Operand::value(e, Mode::NoValue, pd::INVALID),
                    1 => Operand::value(e, Mode::Value, sig.results[0]),
                    _ => {
                        let tuple = self.types.tuple(sig.results.clone());
                        Operand::value(e, Mode::Value, tuple)
                    }
                }
            }
        }
    }

    /// Operands for a list of expressions: one call may give several;
    /// with `comma_ok`, a lone receive or map index gives a second, bool.
    pub(super) fn expr_list(
        &mut self,
        list: &'a [Expr],
        comma_ok: bool,
    ) -> (Vec<Operand<'a>>, bool) {
        match list {
            [] => (Vec::new(), false),
            [e] => {
                let x = self.multi_expr(e);
                if x.valid {
                    if let Type::Tuple(types) = self.types.get(x.ty).clone() {
                        return (
                            types
                                .iter()
                                .map(|&t| Operand::value(e, Mode::Value, t))
                                .collect(),
                            false,
                        );
                    }
                }
                if comma_ok && x.valid && matches!(x.mode, Mode::MapIndex | Mode::CommaOk) {
                    let ok = Operand::value(e, Mode::Value, pd::UNTYPED_BOOL);
                    return (vec![x, ok], true);
                }
                (vec![x], false)
            }
            _ => (list.iter().map(|e| self.expr(e)).collect(), false),
        }
    }

    /// Checks a call's arguments against a signature.
    fn arguments(
        &mut self,
        call: &'a Expr,
        func: &'a Expr,
        sig: &super::types::Signature,
        mut args: Vec<Operand<'a>>,
        arg_exprs: &'a [Expr],
        dots: bool,
    ) {
        for a in &args {
            if !a.valid {
                return;
            }
        }
        let nargs = args.len();
        let mut npars = sig.params.len();
        let mut params = sig.params.clone();
        if sig.variadic {
            if dots {
                if arg_exprs.len() == 1 && nargs > 1 {
                    let message = format!(
                        "cannot use ... with {nargs}-valued {}",
                        print_expr(&arg_exprs[0])
                    );
                    self.error(call.start(), message);
                    return;
                }
            } else if nargs + 1 >= npars {
                let elem = match self.types.get(params[npars - 1]) {
                    Type::Slice(elem) => *elem,
                    _ => pd::INVALID,
                };
                params.truncate(npars - 1);
                while params.len() < nargs {
                    params.push(elem);
                }
                npars = nargs;
            } else {
                npars -= 1;
            }
        } else if dots {
            self.error(
                call.start(),
                format!(
                    "cannot use ... in call to non-variadic {}",
                    print_expr(func)
                ),
            );
            return;
        }
        if nargs != npars {
            let (pos, qualifier) = if nargs > npars {
                (args[npars].pos(), "too many")
            } else if nargs > 0 {
                (args[nargs - 1].pos(), "not enough")
            } else {
                (call.pos, "not enough")
            };
            // A call with no arguments is reported at its closing parenthesis.
            let pos = if nargs == 0 {
                self.rparen_of(call)
            } else {
                pos
            };
            let have: Vec<TypeId> = args.iter().map(|a| a.ty).collect();
            let message = format!(
                "{qualifier} arguments in call to {}\n\thave {}\n\twant {}",
                print_expr(func),
                self.types_summary(&have, false),
                self.types_summary(&sig.params, sig.variadic)
            );
            self.error(pos, message);
            return;
        }
        let context = format!("argument to {}", print_expr(func));
        for (a, &param) in args.iter_mut().zip(&params) {
            self.assignment(a, Some(param), &context);
        }
    }

    /// Where a call's `)` is: Go reports a call without arguments there.
    fn rparen_of(&self, call: &Expr) -> crate::token::Pos {
        // The tree keeps the `(`; an empty argument list closes right after it.
        crate::token::Pos::new(call.pos.line, call.pos.col + 1)
    }

    /// `(number, string)`: a list of types as Go's count mismatches show it.
    pub(super) fn types_summary(&self, types: &[TypeId], variadic: bool) -> String {
        let parts: Vec<String> = types
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                if t == pd::INVALID {
                    "<T>".to_string()
                } else if self.types.is_untyped(t) {
                    if self.types.is_numeric(t) {
                        "number".to_string()
                    } else {
                        self.type_string(t).replace("untyped ", "")
                    }
                } else if variadic && i + 1 == types.len() {
                    match self.types.get(t) {
                        Type::Slice(elem) => format!("...{}", self.type_string(*elem)),
                        _ => self.type_string(t),
                    }
                } else {
                    self.type_string(t)
                }
            })
            .collect();
        format!("({})", parts.join(", "))
    }

    fn builtin(
        &mut self,
        e: &'a Expr,
        builtin: Builtin,
        args: &'a [Expr],
        dots: bool,
    ) -> Operand<'a> {
        let name = builtin.name();
        if dots && builtin != Builtin::Append {
            self.error(
                e.start(),
                format!("{INVALID_OP}invalid use of ... with built-in {name}"),
            );
            for arg in args {
                self.raw_expr(arg, None);
            }
            return Operand::invalid(e);
        }
        let (min, variadic) = match builtin {
            Builtin::Append | Builtin::Make => (1, true),
            Builtin::Cap | Builtin::Close | Builtin::Len | Builtin::New | Builtin::Panic => {
                (1, false)
            }
            Builtin::Copy | Builtin::Delete => (2, false),
            Builtin::Print | Builtin::Println => (0, true),
        };
        let mut operands = Vec::new();
        if !matches!(builtin, Builtin::Make | Builtin::New) {
            operands = self.expr_list(args, false).0;
            if operands.first().is_some_and(|x| !x.valid) {
                return Operand::invalid(e);
            }
        }
        let nargs = if matches!(builtin, Builtin::Make | Builtin::New) {
            args.len()
        } else {
            operands.len()
        };
        let count_error = if nargs < min {
            Some("not enough")
        } else if !variadic && nargs > min {
            Some("too many")
        } else {
            None
        };
        if let Some(which) = count_error {
            let message = format!(
                "{INVALID_OP}{which} arguments for {} (expected {min}, found {nargs})",
                print_expr(e)
            );
            self.error(e.start(), message);
            return Operand::invalid(e);
        }
        match builtin {
            Builtin::Append => {
                let mut x = operands.remove(0);
                let slice_ty = x.ty;
                let Type::Slice(elem) = self.types.under_type(slice_ty).clone() else {
                    let cause = if x.is_nil() {
                        "have untyped nil".to_string()
                    } else {
                        format!("have {}", self.describe(&x))
                    };
                    self.error(
                        x.pos(),
                        format!("first argument to append must be a slice; {cause}"),
                    );
                    return Operand::invalid(e);
                };
                let _ = &mut x;
                if dots && operands.len() == 1 && self.types.is_string(operands[0].ty) {
                    let bytes = self.types.slice(pd::BYTE);
                    if self.assignable_to(&x, bytes).is_ok() {
                        return Operand::value(e, Mode::Value, slice_ty);
                    }
                }
                let rest_ty = self.types.slice(elem);
                let sig = super::types::Signature {
                    params: vec![slice_ty, rest_ty],
                    results: vec![slice_ty],
                    variadic: true,
                };
                let mut all = vec![x];
                all.extend(operands);
                let func = match &e.kind {
                    ExprKind::Call { func, .. } => func.as_ref(),
                    _ => e,
                };
                self.arguments(e, func, &sig, all, args, dots);
                Operand::value(e, Mode::Value, slice_ty)
            }
            Builtin::Cap | Builtin::Len => {
                let x = &operands[0];
                let mut ty = self.types.under(x.ty);
                if let Type::Pointer(base) = self.types.get(ty) {
                    if let Type::Array(..) = self.types.under_type(*base) {
                        ty = self.types.under(*base);
                    }
                }
                let mode_val: Option<(Mode, Option<super::constant::Value>)> = match self
                    .types
                    .get(ty)
                    .clone()
                {
                    Type::Basic(kind, _) if kind.is_string() && builtin == Builtin::Len => {
                        match (&x.mode, &x.val) {
                            (Mode::Constant, Some(super::constant::Value::String(s))) => Some((
                                Mode::Constant,
                                Some(super::constant::Value::Int(s.len() as i128)),
                            )),
                            _ => Some((Mode::Value, None)),
                        }
                    }
                    // len of an array is a constant when the array
                    // expression has no calls or receives.
                    Type::Array(n, _) if !args.first().is_some_and(has_call_or_receive) => {
                        Some((Mode::Constant, Some(super::constant::Value::Int(n as i128))))
                    }
                    Type::Array(..) | Type::Slice(_) | Type::Chan(..) => Some((Mode::Value, None)),
                    Type::Map(..) if builtin == Builtin::Len => Some((Mode::Value, None)),
                    _ => None,
                };
                match mode_val {
                    Some((mode, value)) => Operand {
                        valid: true,
                        mode,
                        ty: pd::INT,
                        val: value,
                        expr: Some(e),
                    },
                    None => {
                        if self.types.under(x.ty) != pd::INVALID {
                            let described = self.describe(x);
                            self.error(x.pos(), format!("{INVALID_ARG}{described} for {name}"));
                        }
                        Operand::invalid(e)
                    }
                }
            }
            Builtin::Close => {
                let x = &operands[0];
                match self.types.under_type(x.ty) {
                    Type::Chan(ChanDir::Recv, _) => {
                        let described = self.describe(x);
                        self.error(
                            x.pos(),
                            format!("{INVALID_OP}cannot close receive-only channel {described}"),
                        );
                        Operand::invalid(e)
                    }
                    Type::Chan(..) => Operand::value(e, Mode::NoValue, pd::INVALID),
                    _ => {
                        let described = self.describe(x);
                        self.error(
                            x.pos(),
                            format!("{INVALID_OP}cannot close non-channel {described}"),
                        );
                        Operand::invalid(e)
                    }
                }
            }
            Builtin::Copy => {
                let (x, y) = (&operands[0], &operands[1]);
                if !y.valid {
                    return Operand::invalid(e);
                }
                let dst = match self.types.under_type(x.ty) {
                    Type::Slice(elem) => Some(*elem),
                    _ => None,
                };
                let src = match self.types.under_type(y.ty) {
                    Type::Slice(elem) => Some(*elem),
                    Type::Basic(kind, _) if kind.is_string() => Some(pd::BYTE),
                    _ => None,
                };
                match (dst, src) {
                    (Some(d), Some(s)) => {
                        if !self.types.identical(d, s) {
                            let (xd, yd) = (self.describe(x), self.describe(y));
                            let message = format!(
                                "{INVALID_ARG}arguments to copy {xd} and {yd} have different element types {} and {}",
                                self.type_string(d),
                                self.type_string(s)
                            );
                            self.error(x.pos(), message);
                            return Operand::invalid(e);
                        }
                        Operand::value(e, Mode::Value, pd::INT)
                    }
                    _ => {
                        let (xd, yd) = (self.describe(x), self.describe(y));
                        self.error(
                            x.pos(),
                            format!(
                                "{INVALID_ARG}copy expects slice arguments; found {xd} and {yd}"
                            ),
                        );
                        Operand::invalid(e)
                    }
                }
            }
            Builtin::Delete => {
                let x = operands[0].clone();
                let Type::Map(key, _) = self.types.under_type(x.ty).clone() else {
                    let described = self.describe(&x);
                    self.error(x.pos(), format!("{INVALID_ARG}{described} is not a map"));
                    return Operand::invalid(e);
                };
                let mut k = operands[1].clone();
                if !k.valid {
                    return Operand::invalid(e);
                }
                let described_map = self.describe(&x);
                self.assignment(&mut k, Some(key), "argument to delete");
                if !k.valid {
                    let _ = described_map;
                    return Operand::invalid(e);
                }
                Operand::value(e, Mode::NoValue, pd::INVALID)
            }
            Builtin::Make => {
                let ty = self.type_expr(&args[0]);
                if ty == pd::INVALID {
                    for arg in &args[1..] {
                        self.expr(arg);
                    }
                    return Operand::invalid(e);
                }
                let min = match self.types.under_type(ty) {
                    Type::Slice(_) => 2,
                    Type::Map(..) | Type::Chan(..) => 1,
                    _ => {
                        let message = format!(
                            "{INVALID_ARG}cannot make {}; type must be slice, map, or channel",
                            print_expr(&args[0])
                        );
                        self.error(args[0].start(), message);
                        return Operand::invalid(e);
                    }
                };
                if args.len() < min || min + 1 < args.len() {
                    let message = format!(
                        "{INVALID_OP}{} expects {min} or {} arguments; found {}",
                        print_expr(e),
                        min + 1,
                        args.len()
                    );
                    self.error(e.start(), message);
                    return Operand::invalid(e);
                }
                let sizes: Vec<Option<i128>> =
                    args[1..].iter().map(|arg| self.index(arg, -1)).collect();
                if let [Some(len), Some(cap)] = sizes.as_slice() {
                    if len > cap {
                        self.error(
                            args[1].start(),
                            format!("{INVALID_ARG}length and capacity swapped"),
                        );
                    }
                }
                Operand::value(e, Mode::Value, ty)
            }
            Builtin::New => {
                let ty = self.type_expr(&args[0]);
                if ty == pd::INVALID {
                    return Operand::invalid(e);
                }
                let pointer = self.types.pointer(ty);
                Operand::value(e, Mode::Value, pointer)
            }
            Builtin::Panic => {
                let mut x = operands[0].clone();
                self.assignment(&mut x, Some(pd::EMPTY_INTERFACE), "argument to panic");
                if !x.valid {
                    return Operand::invalid(e);
                }
                Operand::value(e, Mode::NoValue, pd::INVALID)
            }
            Builtin::Print | Builtin::Println => {
                for mut x in operands {
                    self.assignment(&mut x, None, &format!("argument to built-in {name}"));
                    if !x.valid {
                        return Operand::invalid(e);
                    }
                }
                Operand::value(e, Mode::NoValue, pd::INVALID)
            }
        }
    }

    /// `x.sel`: a package member, a field, or a method.
    pub(super) fn selector(&mut self, e: &'a Expr, base: &'a Expr, sel: &'a Ident) -> Operand<'a> {
        if let ExprKind::Name(name) = &base.kind {
            if let Some(obj) = self.scopes.lookup(self.scope, name) {
                if let ObjKind::PkgName { .. } = self.obj(obj).kind {
                    self.obj_mut(obj).used = true;
                    self.record_use(base.id, obj);
                    let path = self.obj(obj).package.clone();
                    let package_name = super::library::find(&path)
                        .map_or(name.as_str(), |p| p.name)
                        .to_string();
                    self.record(
                        base.id,
                        super::ExprInfo {
                            mode: Mode::Package,
                            ty: pd::INVALID,
                            value: None,
                        },
                    );
                    let Some(&scope) = self.package_scopes.get(&path) else {
                        return Operand::invalid(e);
                    };
                    let Some(member) = self.scopes.lookup_local(scope, &sel.name) else {
                        self.error(sel.pos, format!("undefined: {package_name}.{}", sel.name));
                        return Operand::invalid(e);
                    };
                    if !self.obj(member).exported() {
                        self.error(
                            sel.pos,
                            format!("name {} not exported by package {package_name}", sel.name),
                        );
                    }
                    self.record_use(sel.id, member);
                    self.record_selection(e.id, Selection::Qualified(member));
                    let object = self.obj(member).clone();
                    return match object.kind {
                        ObjKind::Const(Some(value)) => Operand::constant(e, object.ty, value),
                        ObjKind::TypeName => Operand::value(e, Mode::Type, object.ty),
                        ObjKind::Var => Operand::value(e, Mode::Variable, object.ty),
                        ObjKind::Func => Operand::value(e, Mode::Value, object.ty),
                        _ => Operand::invalid(e),
                    };
                }
            }
        }
        let mut x = self.operand_or_type(base);
        if !x.valid {
            return Operand::invalid(e);
        }
        if let Mode::Builtin(_) = x.mode {
            let described = self.describe(&x);
            self.error(e.pos, format!("cannot select on {described}"));
            return Operand::invalid(e);
        }
        if x.mode != Mode::Type {
            self.single_value(&mut x);
            if !x.valid {
                return Operand::invalid(e);
            }
        }
        if self.types.under(x.ty) == pd::INVALID {
            return Operand::invalid(e);
        }
        let addressable = x.mode == Mode::Variable;
        match self.lookup_field_or_method(x.ty, &sel.name) {
            None => {
                let ty_string = self.type_string(x.ty);
                let mut why = format!("type {ty_string} has no field or method {}", sel.name);
                let mut chars = sel.name.chars();
                if let Some(first) = chars.next() {
                    let rest: String = chars.collect();
                    let other = if first.is_uppercase() {
                        format!("{}{rest}", first.to_lowercase())
                    } else {
                        format!("{}{rest}", first.to_uppercase())
                    };
                    if self.lookup_field_or_method(x.ty, &other).is_some() {
                        why.push_str(&format!(", but does have {other}"));
                    }
                }
                let base_string = x.expr.map(print_expr).unwrap_or_default();
                self.error(
                    sel.pos,
                    format!("{base_string}.{} undefined ({why})", sel.name),
                );
                Operand::invalid(e)
            }
            Some(Found::Field { path, ty, indirect }) => {
                self.record_selection(e.id, Selection::Field { path, indirect });
                let mode = if x.mode == Mode::Type {
                    self.error(
                        sel.pos,
                        format!(
                            "{}.{} undefined (type {} has no method {})",
                            print_expr(base),
                            sel.name,
                            self.type_string(x.ty),
                            sel.name
                        ),
                    );
                    return Operand::invalid(e);
                } else if addressable || indirect {
                    Mode::Variable
                } else {
                    Mode::Value
                };
                Operand::value(e, mode, ty)
            }
            Some(Found::Method {
                method,
                path,
                indirect,
            }) => {
                let pointer_recv = self.obj(method).pointer_recv;
                let base_is_pointer = matches!(self.types.get(x.ty), Type::Pointer(_));
                if x.mode == Mode::Type {
                    self.error(sel.pos, "method expressions are not supported");
                    return Operand::invalid(e);
                }
                if pointer_recv && !indirect && !base_is_pointer && !addressable {
                    let ty_string = self.type_string(x.ty);
                    self.error(
                        sel.pos,
                        format!("cannot call pointer method {} on {ty_string}", sel.name),
                    );
                    return Operand::invalid(e);
                }
                self.obj_mut(method).used = true;
                self.resolve_object(method);
                let sig = self.obj(method).ty;
                let address = pointer_recv && !base_is_pointer && !indirect;
                let deref = !pointer_recv && (base_is_pointer || indirect);
                self.record_selection(
                    e.id,
                    Selection::Method {
                        method,
                        path,
                        address,
                        deref,
                    },
                );
                Operand::value(e, Mode::Value, sig)
            }
            Some(Found::InterfaceMethod { sig }) => {
                self.record_selection(
                    e.id,
                    Selection::InterfaceMethod {
                        name: sel.name.clone(),
                    },
                );
                Operand::value(e, Mode::Value, sig)
            }
        }
    }

    /// Finds a field or method by name in `ty`, through one pointer and
    /// embedded fields (shallowest first).
    fn lookup_field_or_method(&mut self, ty: TypeId, name: &str) -> Option<Found> {
        let (start, start_indirect) = match self.types.get(ty) {
            Type::Pointer(base) => (*base, true),
            _ => (ty, false),
        };
        if start_indirect
            && matches!(
                self.types.under_type(start),
                Type::Pointer(_) | Type::Interface(_)
            )
        {
            return None;
        }
        let package = self.package_index();
        // Breadth-first over embedded fields, as Go's depth rule asks.
        let mut level: Vec<(TypeId, Vec<usize>, bool)> = vec![(start, Vec::new(), start_indirect)];
        let mut seen: Vec<TypeId> = Vec::new();
        for _ in 0..8 {
            let mut next = Vec::new();
            for (t, path, indirect) in level {
                if seen.contains(&t) {
                    continue;
                }
                seen.push(t);
                let methods = self.named_methods(t);
                if let Some(&method) = methods
                    .iter()
                    .find(|&&m| self.obj(m).name == name && self.visible(m, package))
                {
                    return Some(Found::Method {
                        method,
                        path,
                        indirect,
                    });
                }
                match self.types.under_type(t).clone() {
                    Type::Struct(fields) => {
                        for (i, field) in fields.iter().enumerate() {
                            let visible = field.pkg.is_none() || field.pkg == Some(package);
                            if field.name == name && visible {
                                let mut p = path.clone();
                                p.push(i);
                                return Some(Found::Field {
                                    path: p,
                                    ty: field.ty,
                                    indirect,
                                });
                            }
                            if field.embedded {
                                let mut p = path.clone();
                                p.push(i);
                                match self.types.get(field.ty) {
                                    Type::Pointer(base) => next.push((*base, p, true)),
                                    _ => next.push((field.ty, p, indirect)),
                                }
                            }
                        }
                    }
                    Type::Interface(methods) if path.is_empty() && !indirect => {
                        if let Some(m) = methods.iter().find(|m| m.name == name) {
                            return Some(Found::InterfaceMethod { sig: m.sig });
                        }
                    }
                    _ => {}
                }
            }
            if next.is_empty() {
                break;
            }
            level = next;
        }
        None
    }

    fn visible(&self, obj: ObjId, package: u32) -> bool {
        let object = self.obj(obj);
        if object.exported() {
            return true;
        }
        let _ = package;
        object.package == self.pkg.path
    }
}

/// Whether evaluating the expression calls a function or receives.
pub(super) fn has_call_or_receive(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call { .. }
        | ExprKind::Unary {
            op: crate::token::Op::Recv,
            ..
        } => true,
        ExprKind::Paren(x) | ExprKind::Selector { x, .. } | ExprKind::Unary { x, .. } => {
            has_call_or_receive(x)
        }
        ExprKind::Index { x, indices } => {
            has_call_or_receive(x) || indices.iter().any(has_call_or_receive)
        }
        ExprKind::Binary { x, y, .. } => has_call_or_receive(x) || has_call_or_receive(y),
        ExprKind::CompositeLit { elems, .. } => elems.iter().any(has_call_or_receive),
        ExprKind::KeyValue { key, value } => has_call_or_receive(key) || has_call_or_receive(value),
        _ => false,
    }
}

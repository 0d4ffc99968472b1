//! Assignments and variable initialization: `=`, `:=`, `var` with values, and return values, with Go's count and assignability messages.

use super::checker::Checker;
use super::operand::Operand;
use super::scope::{ObjId, ObjKind};
use super::types::{predeclared as pd, TypeId};
use super::Mode;
use crate::ast::{Expr, ExprKind, Stmt};
use crate::print::print_expr;
use crate::token::Pos;

impl<'a> Checker<'a> {
    /// Initializes variables from values. `undecided` variables take the
    /// values' (default) types; `return_stmt` makes it a return.
    pub(super) fn init_vars(
        &mut self,
        objs: &[ObjId],
        values: &'a [Expr],
        undecided: bool,
        return_stmt: Option<&'a Stmt>,
    ) {
        let comma_ok = objs.len() == 2 && return_stmt.is_none();
        let (mut rhs, is_comma_ok) = self.expr_list(values, comma_ok);
        if objs.len() != rhs.len() {
            for &o in objs {
                self.obj_mut(o).used = true;
                if undecided {
                    self.obj_mut(o).ty = pd::INVALID;
                }
            }
            if rhs.iter().any(|x| !x.valid) {
                return;
            }
            if let Some(stmt) = return_stmt {
                let (pos, qualifier) = if rhs.len() > objs.len() {
                    (rhs[objs.len()].pos(), "too many")
                } else if let Some(last) = rhs.last() {
                    (last.pos(), "not enough")
                } else {
                    (stmt.pos, "not enough")
                };
                let have: Vec<TypeId> = rhs.iter().map(|x| x.ty).collect();
                let want: Vec<TypeId> = objs.iter().map(|&o| self.obj(o).ty).collect();
                let message = format!(
                    "{qualifier} return values\n\thave {}\n\twant {}",
                    self.types_summary(&have, false),
                    self.types_summary(&want, false)
                );
                self.error(pos, message);
                return;
            }
            self.assign_error(values, objs.len(), rhs.len());
            return;
        }
        let context = if return_stmt.is_some() {
            "return statement"
        } else {
            "assignment"
        };
        let mut ok = true;
        for (i, &o) in objs.iter().enumerate() {
            let x = &mut rhs[i];
            if !self.init_var(o, x, context) {
                ok = false;
            }
        }
        let _ = is_comma_ok;
        if !ok {
            for &o in objs {
                self.obj_mut(o).used = true;
            }
        }
    }

    /// `assignment mismatch: 2 variables but f returns 1 value`.
    fn assign_error(&mut self, values: &'a [Expr], vars: usize, vals: usize) {
        let measure = |n: usize, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
        let (vars_s, vals_s) = (measure(vars, "variable"), measure(vals, "value"));
        let Some(first) = values.first() else { return };
        let call = match &super::expr::unparen(first).kind {
            ExprKind::Call { func, .. } if values.len() == 1 => Some(func),
            _ => None,
        };
        let message = match call {
            Some(func) => format!(
                "assignment mismatch: {vars_s} but {} returns {vals_s}",
                print_expr(func)
            ),
            None => format!("assignment mismatch: {vars_s} but {vals_s}"),
        };
        self.error(first.start(), message);
    }

    /// Initializes one variable; false if that failed.
    pub(super) fn init_var(&mut self, obj: ObjId, x: &mut Operand<'a>, context: &str) -> bool {
        if !x.valid
            || x.ty == pd::INVALID
            || self.obj(obj).ty == pd::INVALID && !self.is_undecided(obj)
        {
            if self.is_undecided(obj) {
                self.obj_mut(obj).ty = pd::INVALID;
            }
            self.obj_mut(obj).used = true;
            return false;
        }
        if self.is_undecided(obj) {
            let mut ty = x.ty;
            if self.types.is_untyped(ty) {
                if ty == pd::UNTYPED_NIL {
                    self.error(x.pos(), format!("use of untyped nil in {context}"));
                    self.obj_mut(obj).ty = pd::INVALID;
                    self.obj_mut(obj).used = true;
                    return false;
                }
                ty = self.types.default_type(ty);
            }
            if let super::types::Type::Tuple(_) = self.types.get(ty) {
                // Reported by the assignment below as a single-value misuse.
            } else {
                self.obj_mut(obj).ty = ty;
            }
        }
        let target = self.obj(obj).ty;
        self.assignment(x, Some(target), context);
        if !x.valid {
            self.obj_mut(obj).used = true;
            if self.obj(obj).ty == pd::INVALID
                || matches!(self.types.get(target), super::types::Type::Tuple(_))
            {
                self.obj_mut(obj).ty = pd::INVALID;
            }
            return false;
        }
        true
    }

    /// A variable whose type comes from its initial value (marked by a
    /// type still unset).
    fn is_undecided(&self, obj: ObjId) -> bool {
        self.obj(obj).ty == pd::INVALID && !self.decided.contains(&obj)
    }

    /// `lhs = rhs`.
    pub(super) fn assign_vars(&mut self, lhs: &'a [Expr], values: &'a [Expr]) {
        let (mut rhs, _) = self.expr_list(values, lhs.len() == 2);
        if lhs.len() != rhs.len() {
            for l in lhs {
                self.use_expr(l);
            }
            if rhs.iter().any(|x| !x.valid) {
                return;
            }
            self.assign_error(values, lhs.len(), rhs.len());
            return;
        }
        let mut ok = true;
        for (l, x) in lhs.iter().zip(rhs.iter_mut()) {
            if !self.assign_var(l, x) {
                ok = false;
            }
        }
        if !ok {
            for l in lhs {
                if let ExprKind::Name(name) = &super::expr::unparen(l).kind {
                    if let Some(obj) = self.scopes.lookup(self.scope, name) {
                        if self.obj(obj).is_var() {
                            self.obj_mut(obj).used = true;
                        }
                    }
                }
            }
        }
    }

    /// Evaluates an expression only to mark what it names as used.
    pub(super) fn use_expr(&mut self, e: &'a Expr) {
        self.raw_expr(e, None);
    }

    /// Assigns `x` to one left-hand side; false if that failed.
    pub(super) fn assign_var(&mut self, lhs: &'a Expr, x: &mut Operand<'a>) -> bool {
        if !x.valid || x.ty == pd::INVALID {
            self.use_expr(lhs);
            return false;
        }
        let ident = match &super::expr::unparen(lhs).kind {
            ExprKind::Name(name) => Some(name.as_str()),
            _ => None,
        };
        if ident == Some("_") {
            self.assignment(x, None, "assignment to _ identifier");
            return x.valid;
        }
        // Assigning to a variable is not a use of it.
        let restore = ident
            .and_then(|name| self.scopes.lookup(self.scope, name))
            .filter(|&o| self.obj(o).is_var())
            .map(|o| (o, self.obj(o).used));
        let z = self.expr(lhs);
        if let Some((obj, used)) = restore {
            self.obj_mut(obj).used = used;
        }
        if !z.valid || z.ty == pd::INVALID {
            return false;
        }
        match z.mode {
            Mode::Variable | Mode::MapIndex => {}
            _ => {
                if let ExprKind::Selector { x: base, .. } = &lhs.kind {
                    if self.mode_of(super::expr::unparen(base).id) == Some(Mode::MapIndex) {
                        self.error(
                            z.pos(),
                            format!("cannot assign to struct field {} in map", print_expr(lhs)),
                        );
                        return false;
                    }
                }
                let described = self.describe(&z);
                self.error(z.pos(), format!("cannot assign to {described}"));
                return false;
            }
        }
        self.assignment(x, Some(z.ty), "assignment");
        x.valid
    }

    /// `lhs := rhs` at `pos` (the `:=`).
    pub(super) fn short_var_decl(&mut self, pos: Pos, lhs: &'a [Expr], values: &'a [Expr]) {
        let scope = self.scope;
        let mut seen: Vec<&str> = Vec::new();
        let mut objs: Vec<ObjId> = Vec::new();
        let mut new_vars: Vec<ObjId> = Vec::new();
        let mut has_err = false;
        for l in lhs {
            let ExprKind::Name(name) = &l.kind else {
                self.use_expr(l);
                self.error(
                    l.start(),
                    format!("non-name {} on left side of :=", print_expr(l)),
                );
                has_err = true;
                objs.push(self.dummy_var(l.pos));
                continue;
            };
            if name != "_" {
                if seen.contains(&name.as_str()) {
                    self.error(l.start(), format!("{name} repeated on left side of :="));
                    has_err = true;
                    objs.push(self.dummy_var(l.pos));
                    continue;
                }
                seen.push(name);
            }
            if let Some(alt) = self.scopes.lookup_local(scope, name) {
                self.record_use(l.id, alt);
                if self.obj(alt).is_var() {
                    self.decided.push(alt);
                    objs.push(alt);
                } else {
                    self.error(l.start(), format!("cannot assign to {}", print_expr(l)));
                    has_err = true;
                    objs.push(self.dummy_var(l.pos));
                }
                continue;
            }
            let ident = crate::ast::Ident {
                id: l.id,
                pos: l.pos,
                name: name.clone(),
            };
            let obj = self.object_at(&ident, ObjKind::Var, pd::INVALID);
            objs.push(obj);
            if name != "_" {
                new_vars.push(obj);
            }
        }
        self.init_vars(&objs, values, true, None);
        for &o in &objs {
            self.decided.retain(|&d| d != o);
        }
        for &obj in &new_vars {
            self.declare_local_var(scope, obj);
        }
        if new_vars.is_empty() && !has_err {
            self.error(pos, "no new variables on left side of :=");
        }
    }

    fn dummy_var(&mut self, pos: Pos) -> ObjId {
        let mut object = super::scope::Object::new("_", ObjKind::Var, pd::INVALID, pos, "");
        object.local = true;
        object.used = true;
        self.new_object(object)
    }
}

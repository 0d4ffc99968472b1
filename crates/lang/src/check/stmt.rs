//! Statements and function bodies: scopes, conditions, switch and select, range loops, returns, and whether a body ends in a terminating statement.

use super::checker::Checker;
use super::constant::Value;
use super::operand::Operand;
use super::scope::{Builtin, ObjKind, Object};
use super::types::ChanDir;
use super::types::{predeclared as pd, Type, TypeId};
use super::Mode;
use crate::ast::{self, Block, BranchKind, CallKind, Expr, ExprKind, Stmt, StmtKind};
use crate::print::print_expr;
use crate::token::Op;

impl<'a> Checker<'a> {
    /// A function body, in the scope that holds its parameters.
    pub(super) fn func_body(&mut self, body: &'a Block) {
        self.stmt_list(&body.stmts);
        let has_results = self.funcs.last().is_some_and(|f| !f.results.is_empty());
        if has_results && !is_terminating_list(&body.stmts, None) {
            self.error(body.rbrace, "missing return");
        }
    }

    fn stmt_list(&mut self, stmts: &'a [Stmt]) {
        for stmt in stmts {
            self.stmt(stmt);
        }
    }

    fn block(&mut self, block: &'a Block) {
        self.open_scope();
        self.stmt_list(&block.stmts);
        self.close_scope();
    }

    fn stmt(&mut self, s: &'a Stmt) {
        match &s.kind {
            StmtKind::Empty | StmtKind::Branch { .. } => {}
            StmtKind::Decl(decl) => self.local_decl(decl),
            StmtKind::Labeled { stmt, .. } => self.stmt(stmt),
            StmtKind::Expr(e) => self.expr_stmt(e),
            StmtKind::Send { ch, value } => {
                let c = self.expr(ch);
                let mut v = self.expr(value);
                if !c.valid || !v.valid {
                    return;
                }
                let start = ch.start();
                match self.types.under_type(c.ty).clone() {
                    Type::Chan(ChanDir::Recv, _) => {
                        let described = self.describe(&c);
                        self.error(start, format!("invalid operation: cannot send to receive-only channel {described}"));
                    }
                    Type::Chan(_, elem) => self.assignment(&mut v, Some(elem), "send"),
                    _ => {
                        let described = self.describe(&c);
                        self.error(
                            start,
                            format!("invalid operation: cannot send to non-channel {described}"),
                        );
                    }
                }
            }
            StmtKind::IncDec { x, inc } => {
                let mut operand = self.expr(x);
                if !operand.valid {
                    return;
                }
                if !self.types.is_numeric(operand.ty) {
                    let op = if *inc { "++" } else { "--" };
                    let message = format!(
                        "invalid operation: {}{op} (non-numeric type {})",
                        print_expr(x),
                        self.type_string(operand.ty)
                    );
                    self.error(x.start(), message);
                    return;
                }
                operand.mode = Mode::Value;
                self.assign_var(x, &mut operand);
            }
            StmtKind::Assign { op: None, lhs, rhs } => self.assign_vars(lhs, rhs),
            StmtKind::Assign {
                op: Some(op),
                lhs,
                rhs,
            } => {
                if lhs.len() != 1 || rhs.len() != 1 {
                    self.error(
                        s.pos,
                        format!("assignment operation {op} requires single-valued expressions"),
                    );
                    return;
                }
                let mut x = self.binary(None, &lhs[0], &rhs[0], *op);
                self.assign_var(&lhs[0], &mut x);
            }
            StmtKind::Define { lhs, rhs } => self.short_var_decl(s.pos, lhs, rhs),
            StmtKind::Call { kind, call } => self.suspended_call(*kind, call),
            StmtKind::Return(values) => self.return_stmt(s, values),
            StmtKind::Block(block) => self.block(block),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                self.open_scope();
                if let Some(init) = init {
                    self.stmt(init);
                }
                self.condition(cond, "if");
                self.block(then);
                if let Some(els) = els {
                    self.stmt(els);
                }
                self.close_scope();
            }
            StmtKind::Switch {
                init, tag, clauses, ..
            } => {
                self.open_scope();
                if let Some(init) = init {
                    self.stmt(init);
                }
                self.switch_stmt(tag.as_ref(), clauses);
                self.close_scope();
            }
            StmtKind::Select { clauses, .. } => {
                for clause in clauses {
                    self.open_scope();
                    if let Some(comm) = &clause.comm {
                        if !is_comm(comm) {
                            self.error(
                                stmt_start(comm),
                                "select case must be send or receive (possibly with assignment)",
                            );
                        } else {
                            self.stmt(comm);
                        }
                    }
                    self.stmt_list(&clause.body);
                    self.close_scope();
                }
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                self.open_scope();
                if let Some(init) = init {
                    self.stmt(init);
                }
                if let Some(cond) = cond {
                    self.condition(cond, "for");
                }
                if let Some(post) = post {
                    if let StmtKind::Define { .. } = post.kind {
                        self.error(post.pos, "cannot declare in post statement of for loop");
                    }
                    self.stmt(post);
                }
                self.block(body);
                self.close_scope();
            }
            StmtKind::ForRange {
                lhs,
                define,
                x,
                body,
                ..
            } => {
                self.open_scope();
                self.range_stmt(lhs, *define, x);
                self.block(body);
                self.close_scope();
            }
        }
    }

    fn condition(&mut self, cond: &'a Expr, keyword: &str) {
        let x = self.expr(cond);
        if x.valid && !self.types.is_boolean(x.ty) {
            self.error(
                cond.start(),
                format!("non-boolean condition in {keyword} statement"),
            );
        }
    }

    fn expr_stmt(&mut self, e: &'a Expr) {
        let x = self.raw_expr(e, None);
        if !x.valid {
            return;
        }
        let message = match x.mode {
            Mode::Builtin(_) => "must be called",
            Mode::Type => "is not an expression",
            _ if is_statement_expr(e, self) => return,
            _ => "is not used",
        };
        let described = self.describe(&x);
        self.error(x.pos(), format!("{described} {message}"));
    }

    fn suspended_call(&mut self, kind: CallKind, call: &'a Expr) {
        let keyword = match kind {
            CallKind::Go => "go",
            CallKind::Defer => "defer",
        };
        let ExprKind::Call { func, .. } = &call.kind else {
            // The parser reported it.
            self.raw_expr(call, None);
            return;
        };
        let x = self.raw_expr(call, None);
        if !x.valid {
            return;
        }
        let message = if self.mode_of(func.id) == Some(Mode::Type) {
            "requires function call, not conversion"
        } else if is_statement_expr(call, self) {
            return;
        } else {
            "discards result of"
        };
        let described = self.describe(&x);
        self.error(x.pos(), format!("{keyword} {message} {described}"));
    }

    fn return_stmt(&mut self, s: &'a Stmt, values: &'a [Expr]) {
        let Some(func) = self.funcs.last().cloned() else {
            return;
        };
        if values.is_empty() {
            if !func.result_vars.is_empty() {
                // A bare return needs the named results in scope.
                for &result in &func.result_vars {
                    let name = self.obj(result).name.clone();
                    if let Some(alt) = self.scopes.lookup(self.scope, &name) {
                        if alt != result {
                            let alt_obj = self.obj(alt);
                            let message = format!(
                                "result parameter {name} not in scope at return\n\t{}: inner declaration of var {name} {}",
                                self.pos_string(alt_obj.pos),
                                self.type_string(alt_obj.ty)
                            );
                            self.error(s.pos, message);
                        }
                    }
                }
                return;
            }
            if !func.results.is_empty() {
                let message = format!(
                    "not enough return values\n\thave ()\n\twant {}",
                    self.types_summary(&func.results, false)
                );
                self.error(s.pos, message);
            }
            return;
        }
        let results: Vec<_> = func
            .results
            .iter()
            .map(|&ty| {
                let mut object = Object::new("", ObjKind::Var, ty, s.pos, "");
                object.used = true;
                self.new_object(object)
            })
            .collect();
        self.decided.extend(&results);
        self.init_vars(&results, values, false, Some(s));
        self.decided.retain(|d| !results.contains(d));
    }

    fn switch_stmt(&mut self, tag: Option<&'a Expr>, clauses: &'a [ast::CaseClause]) {
        let mut x = match tag {
            Some(tag) => {
                let mut x = self.expr(tag);
                self.assignment(&mut x, None, "switch expression");
                if x.valid && !self.types.is_comparable(x.ty) && !self.types.has_nil(x.ty) {
                    let described = self.describe(&x);
                    self.error(
                        x.pos(),
                        format!(
                            "cannot switch on {described} ({} is not comparable)",
                            self.type_string(x.ty)
                        ),
                    );
                    x.invalidate();
                }
                x
            }
            None => Operand {
                valid: true,
                mode: Mode::Constant,
                ty: pd::BOOL,
                val: Some(Value::Bool(true)),
                expr: None,
            },
        };
        if tag.is_none() {
            x.ty = pd::UNTYPED_BOOL;
        }
        let mut seen: Vec<(Value, TypeId, crate::token::Pos)> = Vec::new();
        let mut default_pos: Option<crate::token::Pos> = None;
        for clause in clauses {
            match &clause.cases {
                None => {
                    if let Some(first) = default_pos {
                        self.error(
                            clause.pos,
                            format!("multiple defaults (first at {})", self.pos_string(first)),
                        );
                    } else {
                        default_pos = Some(clause.pos);
                    }
                }
                Some(cases) => {
                    for case in cases {
                        self.case_value(&x, tag, case, &mut seen);
                    }
                }
            }
            self.open_scope();
            self.stmt_list(&clause.body);
            self.close_scope();
        }
    }

    fn case_value(
        &mut self,
        tag_operand: &Operand<'a>,
        tag: Option<&'a Expr>,
        case: &'a Expr,
        seen: &mut Vec<(Value, TypeId, crate::token::Pos)>,
    ) {
        let mut v = self.expr(case);
        if !v.valid || !tag_operand.valid {
            return;
        }
        let mut y = tag_operand.clone();
        self.match_types(&mut v, &mut y);
        if !v.valid || !y.valid {
            return;
        }
        let tag_expr = tag.unwrap_or(case);
        let result = self.comparison(case, v.clone(), y, Op::Eql, Some(tag_expr));
        if !result.valid {
            return;
        }
        if v.mode == Mode::Constant {
            if let Some(val) = v.val.clone() {
                if let Some(&(_, _, previous)) = seen
                    .iter()
                    .find(|(w, t, _)| *w == val && self.types.identical(*t, v.ty))
                {
                    let described = self.describe(&v);
                    let message = format!(
                        "duplicate case {described} in expression switch\n\t{}: previous case",
                        self.pos_string(previous)
                    );
                    self.error(v.pos(), message);
                    return;
                }
                seen.push((val, v.ty, v.pos()));
            }
        }
    }

    fn range_stmt(&mut self, lhs: &'a [Expr], define: bool, range: &'a Expr) {
        let x = self.expr(range);
        let mut key_value: [Option<TypeId>; 2] = [None, None];
        if x.valid {
            let under = self.types.under_type(x.ty).clone();
            let found = match under {
                Type::Basic(kind, _) if kind.is_string() => Some((pd::INT, Some(pd::RUNE), None)),
                Type::Array(_, elem) | Type::Slice(elem) => Some((pd::INT, Some(elem), None)),
                Type::Pointer(base) => match self.types.under_type(base).clone() {
                    Type::Array(_, elem) => Some((pd::INT, Some(elem), None)),
                    _ => None,
                },
                Type::Map(key, elem) => Some((key, Some(elem), None)),
                Type::Chan(dir, elem) => Some((
                    elem,
                    None,
                    (dir == ChanDir::Send).then_some("receive from send-only channel"),
                )),
                _ => None,
            };
            match found {
                Some((_, _, Some(cause))) => {
                    let described = self.describe(&x);
                    self.error(x.pos(), format!("cannot range over {described} ({cause})"));
                }
                Some((key, value, None)) => {
                    key_value = [Some(key), value];
                    if value.is_none() && lhs.len() > 1 {
                        let described = self.describe(&x);
                        self.error(
                            lhs[1].start(),
                            format!("range over {described} permits only one iteration variable"),
                        );
                    }
                }
                None => {
                    let described = self.describe(&x);
                    self.error(x.pos(), format!("cannot range over {described}"));
                }
            }
        }
        if define {
            let mut new_vars = Vec::new();
            for (i, l) in lhs.iter().enumerate() {
                let ExprKind::Name(name) = &l.kind else {
                    self.error(l.start(), format!("cannot declare {}", print_expr(l)));
                    continue;
                };
                let ident = ast::Ident {
                    id: l.id,
                    pos: l.pos,
                    name: name.clone(),
                };
                let obj = self.object_at(&ident, ObjKind::Var, pd::INVALID);
                match key_value.get(i).copied().flatten() {
                    Some(ty) => {
                        self.obj_mut(obj).ty = ty;
                        self.record(
                            l.id,
                            super::ExprInfo {
                                mode: Mode::Variable,
                                ty,
                                value: None,
                            },
                        );
                    }
                    None => self.obj_mut(obj).used = true,
                }
                if name != "_" {
                    new_vars.push(obj);
                }
            }
            if !x.valid {
                for &obj in &new_vars {
                    self.obj_mut(obj).used = true;
                }
            }
            let scope = self.scope;
            if new_vars.is_empty() && !lhs.is_empty() {
                self.error(lhs[0].pos, "no new variables on left side of :=");
            }
            for obj in new_vars {
                self.declare_local_var(scope, obj);
            }
        } else {
            for (i, l) in lhs.iter().enumerate() {
                match key_value.get(i).copied().flatten() {
                    Some(ty) => {
                        let mut operand = Operand::value(l, Mode::Value, ty);
                        self.assign_var(l, &mut operand);
                    }
                    None => self.use_expr(l),
                }
            }
        }
    }
}

/// Whether an expression may stand as a statement: a function or method
/// call (not a conversion, nor a built-in with a result), or a receive.
fn is_statement_expr(e: &Expr, checker: &Checker) -> bool {
    match &super::expr::unparen(e).kind {
        ExprKind::Call { func, .. } => match checker.mode_of(func.id) {
            Some(Mode::Type) => false,
            Some(Mode::Builtin(b)) => matches!(
                b,
                Builtin::Close
                    | Builtin::Copy
                    | Builtin::Delete
                    | Builtin::Panic
                    | Builtin::Print
                    | Builtin::Println
            ),
            _ => true,
        },
        ExprKind::Unary { op: Op::Recv, .. } => true,
        _ => false,
    }
}

/// Whether a select case's statement is a send or a receive (possibly assigned).
fn is_comm(s: &Stmt) -> bool {
    let is_recv = |e: &Expr| {
        matches!(
            super::expr::unparen(e).kind,
            ExprKind::Unary { op: Op::Recv, .. }
        )
    };
    match &s.kind {
        StmtKind::Send { .. } => true,
        StmtKind::Expr(e) => is_recv(e),
        StmtKind::Assign { op: None, rhs, .. } | StmtKind::Define { rhs, .. } => {
            rhs.len() == 1 && is_recv(&rhs[0])
        }
        _ => false,
    }
}

/// Where a simple statement starts (its `pos` may be its operator).
fn stmt_start(s: &Stmt) -> crate::token::Pos {
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Send { ch: e, .. } | StmtKind::IncDec { x: e, .. } => {
            e.start()
        }
        StmtKind::Assign { lhs, .. } | StmtKind::Define { lhs, .. } => {
            lhs.first().map_or(s.pos, Expr::start)
        }
        _ => s.pos,
    }
}

/// Go's terminating statements (the spec's list), for "missing return".
fn is_terminating(s: &Stmt, label: Option<&str>) -> bool {
    match &s.kind {
        StmtKind::Return(_) => true,
        StmtKind::Branch {
            kind: BranchKind::Goto | BranchKind::Fallthrough,
            ..
        } => true,
        StmtKind::Expr(e) => {
            matches!(&super::expr::unparen(e).kind, ExprKind::Call { func, .. } if matches!(&func.kind, ExprKind::Name(n) if n == "panic"))
        }
        StmtKind::Labeled { label, stmt } => is_terminating(stmt, Some(&label.name)),
        StmtKind::Block(b) => is_terminating_list(&b.stmts, None),
        StmtKind::If { then, els, .. } => {
            els.as_ref().is_some_and(|e| is_terminating(e, None))
                && is_terminating_list(&then.stmts, None)
        }
        StmtKind::For {
            cond: None, body, ..
        } => !has_break_list(&body.stmts, label, true),
        StmtKind::For { .. } | StmtKind::ForRange { .. } => false,
        StmtKind::Switch { clauses, .. } => {
            clauses.iter().any(|c| c.cases.is_none())
                && clauses
                    .iter()
                    .all(|c| is_terminating_list(&c.body, None) || ends_in_fallthrough(&c.body))
                && !clauses.iter().any(|c| has_break_list(&c.body, label, true))
        }
        StmtKind::Select { clauses, .. } => {
            clauses.iter().all(|c| is_terminating_list(&c.body, None))
                && !clauses.iter().any(|c| has_break_list(&c.body, label, true))
        }
        _ => false,
    }
}

fn ends_in_fallthrough(stmts: &[Stmt]) -> bool {
    matches!(
        last_non_empty(stmts).map(|s| &s.kind),
        Some(StmtKind::Branch {
            kind: BranchKind::Fallthrough,
            ..
        })
    )
}

fn last_non_empty(stmts: &[Stmt]) -> Option<&Stmt> {
    stmts
        .iter()
        .rev()
        .find(|s| !matches!(s.kind, StmtKind::Empty))
}

pub(super) fn is_terminating_list(stmts: &[Stmt], label: Option<&str>) -> bool {
    last_non_empty(stmts).is_some_and(|s| is_terminating(s, label))
}

/// Whether a `break` in the statements leaves the enclosing statement
/// (unlabeled ones only at the `top` level of it, labeled ones by name).
fn has_break_list(stmts: &[Stmt], label: Option<&str>, top: bool) -> bool {
    stmts.iter().any(|s| has_break(s, label, top))
}

fn has_break(s: &Stmt, label: Option<&str>, top: bool) -> bool {
    match &s.kind {
        StmtKind::Branch {
            kind: BranchKind::Break,
            label: None,
        } => top,
        StmtKind::Branch {
            kind: BranchKind::Break,
            label: Some(l),
        } => Some(l.name.as_str()) == label,
        StmtKind::Labeled { stmt, .. } => has_break(stmt, label, top),
        StmtKind::Block(b) => has_break_list(&b.stmts, label, top),
        StmtKind::If { then, els, .. } => {
            has_break_list(&then.stmts, label, top)
                || els.as_ref().is_some_and(|e| has_break(e, label, top))
        }
        StmtKind::For { body, .. } | StmtKind::ForRange { body, .. } => {
            has_break_list(&body.stmts, label, false)
        }
        StmtKind::Switch { clauses, .. } => clauses
            .iter()
            .any(|c| has_break_list(&c.body, label, false)),
        StmtKind::Select { clauses, .. } => clauses
            .iter()
            .any(|c| has_break_list(&c.body, label, false)),
        _ => false,
    }
}

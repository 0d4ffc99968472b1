//! Labels and branch statements, checked per function body as Go's parser does (`syntax.checkBranches`): misplaced `break`/`continue`/`fallthrough`, and undefined, unused or duplicate labels.

use std::collections::HashMap;

use super::checker::Checker;
use crate::ast::{Block, BranchKind, ExprKind, Stmt, StmtKind};
use crate::token::Pos;

/// The statements a `break` or `continue` may target from where it is.
#[derive(Clone, Copy)]
struct Targets<'s> {
    /// Whether an unlabeled `break` has a target.
    breaks: bool,
    continues: bool,
    /// The labels of the enclosing labeled statements: whether each labels
    /// a loop (a `continue` target) or a switch or select.
    enclosing: &'s [(&'s str, LabelKind)],
    /// For `fallthrough`: the index of the enclosing switch case and how
    /// many cases it has, when directly in a case body.
    case: Option<(usize, usize)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LabelKind {
    Loop,
    SwitchOrSelect,
    Other,
}

struct Label {
    pos: Pos,
    used: bool,
}

impl Checker<'_> {
    pub(super) fn check_branches(&mut self, body: &Block) {
        let mut labels: HashMap<String, Label> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        collect_labels(&body.stmts, &mut labels, &mut order, self);
        let targets = Targets {
            breaks: false,
            continues: false,
            enclosing: &[],
            case: None,
        };
        self.branch_list(&body.stmts, targets, &mut labels);
        // Function literals have bodies of their own.
        for name in order {
            if let Some(label) = labels.get(&name) {
                if !label.used {
                    let pos = label.pos;
                    self.error(pos, format!("label {name} defined and not used"));
                }
            }
        }
    }

    fn branch_list(
        &mut self,
        stmts: &[Stmt],
        targets: Targets,
        labels: &mut HashMap<String, Label>,
    ) {
        let trimmed = match stmts
            .iter()
            .rposition(|s| !matches!(s.kind, StmtKind::Empty))
        {
            Some(last) => &stmts[..=last],
            None => &[][..],
        };
        for (index, stmt) in trimmed.iter().enumerate() {
            let is_last = index + 1 == trimmed.len();
            self.branch_stmt(stmt, None, targets, labels, is_last);
        }
    }

    fn branch_stmt(
        &mut self,
        s: &Stmt,
        label: Option<&str>,
        targets: Targets,
        labels: &mut HashMap<String, Label>,
        is_last: bool,
    ) {
        self.func_literal_branches(s);
        let inner = |kind: LabelKind, breaks: bool, continues: bool| -> Vec<(&str, LabelKind)> {
            let mut list = targets.enclosing.to_vec();
            if let Some(l) = label {
                list.push((l, kind));
            }
            let _ = (breaks, continues);
            list
        };
        match &s.kind {
            StmtKind::Labeled { label: l, stmt } => {
                let name = if l.name == "_" {
                    None
                } else {
                    Some(l.name.as_str())
                };
                self.branch_stmt(stmt, name, targets, labels, is_last);
            }
            StmtKind::Branch { kind, label: None } => match kind {
                BranchKind::Break if !targets.breaks => {
                    self.error(s.pos, "break is not in a loop, switch, or select")
                }
                BranchKind::Continue if !targets.continues => {
                    self.error(s.pos, "continue is not in a loop")
                }
                BranchKind::Fallthrough => {
                    let message = match targets.case {
                        Some((index, count)) if is_last => {
                            if index + 1 == count {
                                Some("cannot fallthrough final case in switch")
                            } else {
                                None
                            }
                        }
                        _ => Some("fallthrough statement out of place"),
                    };
                    if let Some(message) = message {
                        self.error(s.pos, message);
                    }
                }
                _ => {}
            },
            StmtKind::Branch {
                kind,
                label: Some(l),
            } => {
                let name = l.name.as_str();
                match kind {
                    BranchKind::Break | BranchKind::Continue => {
                        let word = if *kind == BranchKind::Break {
                            "break"
                        } else {
                            "continue"
                        };
                        match labels.get_mut(name) {
                            Some(found) => {
                                found.used = true;
                                match targets.enclosing.iter().rev().find(|(n, _)| *n == name) {
                                    Some((_, kind_of)) => {
                                        let valid = match kind {
                                            BranchKind::Break => *kind_of != LabelKind::Other,
                                            _ => *kind_of == LabelKind::Loop,
                                        };
                                        if !valid {
                                            self.error(
                                                l.pos,
                                                format!("invalid {word} label {name}"),
                                            );
                                        }
                                    }
                                    None => {
                                        self.error(l.pos, format!("invalid {word} label {name}"))
                                    }
                                }
                            }
                            None => self.error(l.pos, format!("{word} label not defined: {name}")),
                        }
                    }
                    BranchKind::Goto => match labels.get_mut(name) {
                        Some(found) => found.used = true,
                        None => self.error(l.pos, format!("label {name} not defined")),
                    },
                    BranchKind::Fallthrough => {}
                }
            }
            StmtKind::Block(b) => {
                let enclosing = inner(LabelKind::Other, false, false);
                self.branch_list(
                    &b.stmts,
                    Targets {
                        enclosing: &enclosing,
                        case: None,
                        ..targets
                    },
                    labels,
                );
            }
            StmtKind::If { then, els, .. } => {
                let enclosing = inner(LabelKind::Other, false, false);
                let t = Targets {
                    enclosing: &enclosing,
                    case: None,
                    ..targets
                };
                self.branch_list(&then.stmts, t, labels);
                if let Some(els) = els {
                    self.branch_list(std::slice::from_ref(els.as_ref()), t, labels);
                }
            }
            StmtKind::For { body, .. } | StmtKind::ForRange { body, .. } => {
                let enclosing = inner(LabelKind::Loop, true, true);
                let t = Targets {
                    breaks: true,
                    continues: true,
                    enclosing: &enclosing,
                    case: None,
                };
                self.branch_list(&body.stmts, t, labels);
            }
            StmtKind::Switch { clauses, .. } => {
                let enclosing = inner(LabelKind::SwitchOrSelect, true, false);
                for (i, clause) in clauses.iter().enumerate() {
                    let t = Targets {
                        breaks: true,
                        continues: targets.continues,
                        enclosing: &enclosing,
                        case: Some((i, clauses.len())),
                    };
                    self.branch_list(&clause.body, t, labels);
                }
            }
            StmtKind::Select { clauses, .. } => {
                let enclosing = inner(LabelKind::SwitchOrSelect, true, false);
                for clause in clauses {
                    let t = Targets {
                        breaks: true,
                        continues: targets.continues,
                        enclosing: &enclosing,
                        case: None,
                    };
                    self.branch_list(&clause.body, t, labels);
                }
            }
            _ => {}
        }
    }

    /// Function literals in a statement's expressions are bodies of their own.
    fn func_literal_branches(&mut self, s: &Stmt) {
        let mut bodies: Vec<&Block> = Vec::new();
        visit_stmt_exprs(s, &mut |e| {
            if let ExprKind::FuncLit(lit) = &e.kind {
                bodies.push(&lit.body);
            }
        });
        for body in bodies {
            self.check_branches(body);
        }
    }
}

fn collect_labels(
    stmts: &[Stmt],
    labels: &mut HashMap<String, Label>,
    order: &mut Vec<String>,
    checker: &mut Checker,
) {
    for s in stmts {
        collect_in_stmt(s, labels, order, checker);
    }
}

fn collect_in_stmt(
    s: &Stmt,
    labels: &mut HashMap<String, Label>,
    order: &mut Vec<String>,
    checker: &mut Checker,
) {
    match &s.kind {
        StmtKind::Labeled { label, stmt } => {
            if label.name != "_" {
                if let Some(previous) = labels.get(&label.name) {
                    let message = format!(
                        "label {} already defined at {}",
                        label.name,
                        checker.pos_string(previous.pos)
                    );
                    checker.error(label.pos, message);
                } else {
                    labels.insert(
                        label.name.clone(),
                        Label {
                            pos: label.pos,
                            used: false,
                        },
                    );
                    order.push(label.name.clone());
                }
            }
            collect_in_stmt(stmt, labels, order, checker);
        }
        StmtKind::Block(b) => collect_labels(&b.stmts, labels, order, checker),
        StmtKind::If { then, els, .. } => {
            collect_labels(&then.stmts, labels, order, checker);
            if let Some(els) = els {
                collect_in_stmt(els, labels, order, checker);
            }
        }
        StmtKind::For { body, .. } | StmtKind::ForRange { body, .. } => {
            collect_labels(&body.stmts, labels, order, checker)
        }
        StmtKind::Switch { clauses, .. } => {
            for c in clauses {
                collect_labels(&c.body, labels, order, checker);
            }
        }
        StmtKind::Select { clauses, .. } => {
            for c in clauses {
                collect_labels(&c.body, labels, order, checker);
            }
        }
        _ => {}
    }
}

/// Calls `f` on the expressions directly in a statement (not in nested
/// statements, which the branch walk visits itself), outermost first.
fn visit_stmt_exprs<'s>(s: &'s Stmt, f: &mut dyn FnMut(&'s crate::ast::Expr)) {
    let mut exprs: Vec<&'s crate::ast::Expr> = Vec::new();
    match &s.kind {
        StmtKind::Expr(e) => exprs.push(e),
        StmtKind::Send { ch, value } => exprs.extend([ch, value]),
        StmtKind::IncDec { x, .. } => exprs.push(x),
        StmtKind::Assign { lhs, rhs, .. } | StmtKind::Define { lhs, rhs } => {
            exprs.extend(lhs.iter().chain(rhs))
        }
        StmtKind::Call { call, .. } => exprs.push(call),
        StmtKind::Return(values) => exprs.extend(values),
        StmtKind::If { init, cond, .. } => {
            if let Some(init) = init {
                visit_stmt_exprs(init, f);
            }
            exprs.push(cond);
        }
        StmtKind::Switch {
            init, tag, clauses, ..
        } => {
            if let Some(init) = init {
                visit_stmt_exprs(init, f);
            }
            exprs.extend(tag);
            for c in clauses {
                exprs.extend(c.cases.iter().flatten());
            }
        }
        StmtKind::Select { clauses, .. } => {
            for c in clauses {
                if let Some(comm) = &c.comm {
                    visit_stmt_exprs(comm, f);
                }
            }
        }
        StmtKind::For {
            init, cond, post, ..
        } => {
            for s in [init, post].into_iter().flatten() {
                visit_stmt_exprs(s, f);
            }
            exprs.extend(cond);
        }
        StmtKind::ForRange { lhs, x, .. } => exprs.extend(lhs.iter().chain(std::iter::once(x))),
        StmtKind::Decl(crate::ast::Decl::Var(group)) => {
            for spec in &group.specs {
                exprs.extend(&spec.values);
            }
        }
        StmtKind::Decl(crate::ast::Decl::Const(group)) => {
            for spec in &group.specs {
                exprs.extend(&spec.values);
            }
        }
        _ => {}
    }
    for e in exprs {
        visit_expr(e, f);
    }
}

/// Every expression in `e` down to function literals (whose bodies are
/// not entered).
fn visit_expr<'s>(e: &'s crate::ast::Expr, f: &mut dyn FnMut(&'s crate::ast::Expr)) {
    f(e);
    match &e.kind {
        ExprKind::FuncLit { .. } => {}
        ExprKind::CompositeLit { ty, elems, .. } => {
            if let Some(ty) = ty {
                visit_expr(ty, f);
            }
            elems.iter().for_each(|x| visit_expr(x, f));
        }
        ExprKind::KeyValue { key, value } => {
            visit_expr(key, f);
            visit_expr(value, f);
        }
        ExprKind::Paren(x)
        | ExprKind::Selector { x, .. }
        | ExprKind::TypeAssert { x, .. }
        | ExprKind::Unary { x, .. } => visit_expr(x, f),
        ExprKind::TypeSwitchGuard { x, .. } => visit_expr(x, f),
        ExprKind::Index { x, indices } => {
            visit_expr(x, f);
            indices.iter().for_each(|i| visit_expr(i, f));
        }
        ExprKind::Slice { x, lo, hi, max, .. } => {
            visit_expr(x, f);
            for b in [lo, hi, max].into_iter().flatten() {
                visit_expr(b, f);
            }
        }
        ExprKind::Call { func, args, .. } => {
            visit_expr(func, f);
            args.iter().for_each(|a| visit_expr(a, f));
        }
        ExprKind::Binary { x, y, .. } => {
            visit_expr(x, f);
            visit_expr(y, f);
        }
        _ => {}
    }
}

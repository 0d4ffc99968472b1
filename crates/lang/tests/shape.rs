//! A fully parenthesized rendering of trees, so tests can state how a source was read.

use gobalance_lang::ast::*;
use gobalance_lang::print::print_expr;

/// Renders trees and collects every node id met on the way.
#[derive(Default)]
pub struct Shaper {
    pub ids: Vec<NodeId>,
}

impl Shaper {
    pub fn file(&mut self, file: &File) -> String {
        let mut parts = Vec::new();
        for decl in &file.decls {
            parts.push(self.decl(decl));
        }
        parts.join("\n")
    }

    pub fn decl(&mut self, decl: &Decl) -> String {
        match decl {
            Decl::Func(f) => {
                self.ids.push(f.name.id);
                let body = f
                    .body
                    .as_ref()
                    .map_or(String::new(), |b| format!(" {}", self.block(b)));
                format!("func {}{}", f.name.name, body)
            }
            Decl::Var(g) => {
                let specs: Vec<String> = g
                    .specs
                    .iter()
                    .map(|s| {
                        let ty =
                            s.ty.as_ref()
                                .map_or(String::new(), |t| format!(" {}", self.expr(t)));
                        format!("{}{} = {}", names(&s.names), ty, self.list(&s.values))
                    })
                    .collect();
                format!("var ({})", specs.join("; "))
            }
            Decl::Const(g) => {
                let specs: Vec<String> = g
                    .specs
                    .iter()
                    .map(|s| {
                        let ty =
                            s.ty.as_ref()
                                .map_or(String::new(), |t| format!(" {}", self.expr(t)));
                        format!("{}{} = {}", names(&s.names), ty, self.list(&s.values))
                    })
                    .collect();
                format!("const ({})", specs.join("; "))
            }
            Decl::Type(g) => {
                let specs: Vec<String> = g
                    .specs
                    .iter()
                    .map(|s| format!("{} {}", s.name.name, self.expr(&s.ty)))
                    .collect();
                format!("type ({})", specs.join("; "))
            }
        }
    }

    pub fn block(&mut self, block: &Block) -> String {
        let stmts: Vec<String> = block.stmts.iter().map(|s| self.stmt(s)).collect();
        format!("{{{}}}", stmts.join("; "))
    }

    fn opt_stmt(&mut self, stmt: &Option<Box<Stmt>>) -> String {
        stmt.as_ref().map_or(String::new(), |s| self.stmt(s))
    }

    pub fn stmt(&mut self, stmt: &Stmt) -> String {
        self.ids.push(stmt.id);
        match &stmt.kind {
            StmtKind::Empty => "empty".into(),
            StmtKind::Decl(d) => self.decl(d),
            StmtKind::Labeled { label, stmt } => format!("{}: {}", label.name, self.stmt(stmt)),
            StmtKind::Expr(x) => self.expr(x),
            StmtKind::Send { ch, value } => format!("{} <- {}", self.expr(ch), self.expr(value)),
            StmtKind::IncDec { x, inc } => {
                format!("{}{}", self.expr(x), if *inc { "++" } else { "--" })
            }
            StmtKind::Assign { op, lhs, rhs } => {
                format!(
                    "{} {}= {}",
                    self.list(lhs),
                    op.map_or("", |o| o.as_str()),
                    self.list(rhs)
                )
            }
            StmtKind::Define { lhs, rhs } => format!("{} := {}", self.list(lhs), self.list(rhs)),
            StmtKind::Call { kind, call } => {
                format!(
                    "{} {}",
                    if *kind == CallKind::Go { "go" } else { "defer" },
                    self.expr(call)
                )
            }
            StmtKind::Return(results) => format!("return {}", self.list(results))
                .trim_end()
                .to_string(),
            StmtKind::Branch { kind, label } => {
                let label = label
                    .as_ref()
                    .map_or(String::new(), |l| format!(" {}", l.name));
                format!("{kind:?}{label}").to_lowercase()
            }
            StmtKind::Block(b) => self.block(b),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                let init = self.opt_stmt(init);
                let cond = self.expr(cond);
                let then = self.block(then);
                let els = els
                    .as_ref()
                    .map_or(String::new(), |e| format!(" else {}", self.stmt(e)));
                format!("if {init}; {cond} {then}{els}")
            }
            StmtKind::Switch {
                init, tag, clauses, ..
            } => {
                let init = self.opt_stmt(init);
                let tag = tag.as_ref().map_or(String::new(), |t| self.expr(t));
                let clauses: Vec<String> = clauses
                    .iter()
                    .map(|c| {
                        let head = c
                            .cases
                            .as_ref()
                            .map_or("default".into(), |cs| format!("case {}", self.list(cs)));
                        let body: Vec<String> = c.body.iter().map(|s| self.stmt(s)).collect();
                        format!("{head}: {}", body.join("; "))
                    })
                    .collect();
                format!("switch {init}; {tag} {{{}}}", clauses.join(" | "))
            }
            StmtKind::Select { clauses, .. } => {
                let clauses: Vec<String> = clauses
                    .iter()
                    .map(|c| {
                        let head = c
                            .comm
                            .as_ref()
                            .map_or("default".into(), |s| format!("case {}", self.stmt(s)));
                        let body: Vec<String> = c.body.iter().map(|s| self.stmt(s)).collect();
                        format!("{head}: {}", body.join("; "))
                    })
                    .collect();
                format!("select {{{}}}", clauses.join(" | "))
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                let init = self.opt_stmt(init);
                let cond = cond.as_ref().map_or(String::new(), |c| self.expr(c));
                let post = self.opt_stmt(post);
                format!("for {init}; {cond}; {post} {}", self.block(body))
            }
            StmtKind::ForRange {
                lhs,
                define,
                x,
                body,
                ..
            } => {
                let op = if *define { " := " } else { " = " };
                let lhs = if lhs.is_empty() {
                    String::new()
                } else {
                    self.list(lhs) + op
                };
                format!("for {lhs}range {} {}", self.expr(x), self.block(body))
            }
        }
    }

    pub fn list(&mut self, list: &[Expr]) -> String {
        let parts: Vec<String> = list.iter().map(|x| self.expr(x)).collect();
        parts.join(", ")
    }

    pub fn expr(&mut self, x: &Expr) -> String {
        self.ids.push(x.id);
        match &x.kind {
            ExprKind::Binary { op, x, y } => format!("({} {op} {})", self.expr(x), self.expr(y)),
            ExprKind::Unary { op, x } => format!("({op}{})", self.expr(x)),
            ExprKind::Paren(x) => format!("paren({})", self.expr(x)),
            ExprKind::Call { func, args, dots } => {
                format!(
                    "{}({}{})",
                    self.expr(func),
                    self.list(args),
                    if *dots { "..." } else { "" }
                )
            }
            ExprKind::Selector { x, sel } => {
                self.ids.push(sel.id);
                format!("{}.{}", self.expr(x), sel.name)
            }
            ExprKind::Index { x, indices } => format!("{}[{}]", self.expr(x), self.list(indices)),
            ExprKind::Slice { x, lo, hi, max, .. } => {
                let mut part =
                    |e: &Option<Box<Expr>>| e.as_ref().map_or(String::new(), |e| self.expr(e));
                let (lo, hi, max) = (part(lo), part(hi), part(max));
                format!("{}[{lo}:{hi}:{max}]", self.expr(x))
            }
            ExprKind::TypeAssert { x, ty } => format!("{}.({})", self.expr(x), self.expr(ty)),
            ExprKind::TypeSwitchGuard { lhs, x } => {
                let lhs = lhs
                    .as_ref()
                    .map_or(String::new(), |l| format!("{} := ", l.name));
                format!("{lhs}{}.(type)", self.expr(x))
            }
            ExprKind::CompositeLit { ty, elems, .. } => {
                let ty = ty.as_ref().map_or(String::new(), |t| self.expr(t));
                format!("{ty}{{{}}}", self.list(elems))
            }
            ExprKind::KeyValue { key, value } => {
                format!("{}: {}", self.expr(key), self.expr(value))
            }
            ExprKind::FuncLit(lit) => format!("func{}", self.block(&lit.body)),
            _ => print_expr(x),
        }
    }
}

fn names(names: &[Ident]) -> String {
    names
        .iter()
        .map(|n| n.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The shape of the body of `func main() { ... }` holding `body`.
pub fn main_body(body: &str) -> String {
    let src = format!("package main\n\nfunc main() {{\n{body}\n}}\n");
    let file = gobalance_lang::parse(&src).unwrap_or_else(|errors| panic!("{src}\n{errors:?}"));
    let Decl::Func(main) = &file.decls[0] else {
        panic!("not a func")
    };
    Shaper::default().block(main.body.as_ref().expect("a body"))
}

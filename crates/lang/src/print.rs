//! Go source text for expressions and simple statements, in the short form Go's messages quote them.
//!
//! Function bodies and composite literal elements are shown as `…`, and
//! no parentheses are added (Go's messages do neither), so `(a + b) * c`
//! prints as written only because the parser keeps the parentheses.

use std::fmt::Write;

use crate::ast::*;

pub fn print_expr(x: &Expr) -> String {
    let mut out = String::new();
    expr(&mut out, x);
    out
}

/// `a, b, c`.
pub fn print_expr_list(list: &[Expr]) -> String {
    let mut out = String::new();
    expr_list(&mut out, list);
    out
}

/// A simple statement (an expression, send, `++`, assignment or `:=`);
/// other statements print as their keyword and `…`.
pub fn print_stmt(stmt: &Stmt) -> String {
    let mut out = String::new();
    match &stmt.kind {
        StmtKind::Expr(x) => expr(&mut out, x),
        StmtKind::Send { ch, value } => {
            expr(&mut out, ch);
            out.push_str(" <- ");
            expr(&mut out, value);
        }
        StmtKind::IncDec { x, inc } => {
            expr(&mut out, x);
            out.push_str(if *inc { "++" } else { "--" });
        }
        StmtKind::Assign { op, lhs, rhs } => {
            expr_list(&mut out, lhs);
            let _ = write!(out, " {}= ", op.map_or("", |op| op.as_str()));
            expr_list(&mut out, rhs);
        }
        StmtKind::Define { lhs, rhs } => {
            expr_list(&mut out, lhs);
            out.push_str(" := ");
            expr_list(&mut out, rhs);
        }
        _ => out.push('…'),
    }
    out
}

fn expr_list(out: &mut String, list: &[Expr]) {
    for (i, x) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr(out, x);
    }
}

fn expr(out: &mut String, x: &Expr) {
    match &x.kind {
        ExprKind::Bad => out.push_str("<bad expr>"),
        ExprKind::Name(name) => out.push_str(name),
        ExprKind::BasicLit(lit) => out.push_str(&lit.value),
        ExprKind::CompositeLit { ty, elems, .. } => {
            if let Some(ty) = ty {
                expr(out, ty);
            }
            out.push_str(if elems.is_empty() { "{}" } else { "{…}" });
        }
        ExprKind::KeyValue { key, value } => {
            expr(out, key);
            out.push_str(": ");
            expr(out, value);
        }
        ExprKind::FuncLit(lit) => {
            out.push_str("func");
            signature(out, &lit.ty);
            out.push_str(if lit.body.stmts.is_empty() {
                " {}"
            } else {
                " {…}"
            });
        }
        ExprKind::Paren(inner) => {
            out.push('(');
            expr(out, inner);
            out.push(')');
        }
        ExprKind::Selector { x, sel } => {
            expr(out, x);
            out.push('.');
            out.push_str(&sel.name);
        }
        ExprKind::Index { x, indices } => {
            expr(out, x);
            out.push('[');
            expr_list(out, indices);
            out.push(']');
        }
        ExprKind::Slice { x, lo, hi, max, .. } => {
            expr(out, x);
            out.push('[');
            if let Some(lo) = lo {
                expr(out, lo);
            }
            out.push(':');
            if let Some(hi) = hi {
                expr(out, hi);
            }
            if let Some(max) = max {
                out.push(':');
                expr(out, max);
            }
            out.push(']');
        }
        ExprKind::TypeAssert { x, ty } => {
            expr(out, x);
            out.push_str(".(");
            expr(out, ty);
            out.push(')');
        }
        ExprKind::TypeSwitchGuard { lhs, x } => {
            if let Some(lhs) = lhs {
                out.push_str(&lhs.name);
                out.push_str(" := ");
            }
            expr(out, x);
            out.push_str(".(type)");
        }
        ExprKind::Call { func, args, dots } => {
            expr(out, func);
            out.push('(');
            expr_list(out, args);
            if *dots {
                out.push_str("...");
            }
            out.push(')');
        }
        ExprKind::Unary { op, x } => {
            out.push_str(op.as_str());
            expr(out, x);
        }
        ExprKind::Binary { op, x, y } => {
            expr(out, x);
            let _ = write!(out, " {op} ");
            expr(out, y);
        }
        ExprKind::ArrayType { len, elem } => {
            out.push('[');
            match len {
                Some(len) => expr(out, len),
                None => out.push_str("..."),
            }
            out.push(']');
            expr(out, elem);
        }
        ExprKind::SliceType { elem } => {
            out.push_str("[]");
            expr(out, elem);
        }
        ExprKind::DotsType { elem } => {
            out.push_str("...");
            expr(out, elem);
        }
        ExprKind::StructType { fields } => {
            out.push_str("struct{");
            for (i, field) in fields.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                names(out, &field.names);
                if !field.names.is_empty() {
                    out.push(' ');
                }
                expr(out, &field.ty);
                if let Some(tag) = &field.tag {
                    out.push(' ');
                    out.push_str(&tag.value);
                }
            }
            out.push('}');
        }
        ExprKind::FuncType(ty) => {
            out.push_str("func");
            signature(out, ty);
        }
        ExprKind::InterfaceType { elems } => {
            out.push_str("interface{");
            for (i, elem) in elems.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                match elem {
                    InterfaceElem::Method { name, ty } => {
                        out.push_str(&name.name);
                        signature(out, ty);
                    }
                    InterfaceElem::Embedded(ty) => expr(out, ty),
                }
            }
            out.push('}');
        }
        ExprKind::MapType { key, value } => {
            out.push_str("map[");
            expr(out, key);
            out.push(']');
            expr(out, value);
        }
        ExprKind::ChanType { dir, elem } => {
            out.push_str(match dir {
                ChanDir::Both => "chan ",
                ChanDir::Send => "chan<- ",
                ChanDir::Recv => "<-chan ",
            });
            // Without parentheses `chan (<-chan T)` would read as
            // `chan<- chan T`.
            let parens = *dir == ChanDir::Both
                && matches!(
                    elem.kind,
                    ExprKind::ChanType {
                        dir: ChanDir::Recv,
                        ..
                    }
                );
            if parens {
                out.push('(');
            }
            expr(out, elem);
            if parens {
                out.push(')');
            }
        }
    }
}

fn names(out: &mut String, names: &[Ident]) {
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&name.name);
    }
}

fn params(out: &mut String, fields: &[Field]) {
    out.push('(');
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        names(out, &field.names);
        if !field.names.is_empty() {
            out.push(' ');
        }
        expr(out, &field.ty);
    }
    out.push(')');
}

fn signature(out: &mut String, ty: &FuncType) {
    params(out, &ty.params);
    match ty.results.as_slice() {
        [] => {}
        [single] if single.names.is_empty() => {
            out.push(' ');
            expr(out, &single.ty);
        }
        results => {
            out.push(' ');
            params(out, results);
        }
    }
}

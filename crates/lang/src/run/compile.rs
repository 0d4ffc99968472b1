//! The compiler: a checked syntax tree to functions of stack-machine instructions, with variables resolved to frame slots, shared cells or globals.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::rc::Rc;

use super::code::{BinOp, Code, Conv, Func, Indexed, Instr, IntKind, Native, Num, SelectShape};
use super::value::{ErrorObj, Value};
use crate::ast::{self, BranchKind, CallKind, Expr, ExprKind, Stmt, StmtKind};
use crate::check::types::{predeclared as pd, BasicKind};
use crate::check::{Builtin, Checked, Mode, ObjId, ObjKind, Selection, Type, TypeId, TypeTable};
use crate::token::{Op, Pos};

/// A construct the checker accepts that the interpreter does not run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub pos: Pos,
    pub message: String,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.col, self.message)
    }
}

impl std::error::Error for CompileError {}

type Result<T> = std::result::Result<T, CompileError>;

fn unsupported<T>(pos: Pos, what: &str) -> Result<T> {
    Err(CompileError {
        pos,
        message: format!("{what} is not supported by the playground's interpreter"),
    })
}

/// Where a variable lives.
#[derive(Clone, Copy, Debug)]
enum Var {
    Slot(u32),
    /// A slot holding a shared cell.
    Cell(u32),
    Global(u32),
}

/// The target of an assignment, with its operands already on the stack.
enum Place {
    Discard,
    Var(Var),
    /// A pointer is on the stack.
    Ptr,
    /// A map and a key are on the stack.
    MapEntry {
        zero: u32,
    },
}

/// A `break`/`continue` target being compiled.
struct Jumps {
    label: Option<String>,
    is_loop: bool,
    breaks: Vec<usize>,
    continues: Vec<usize>,
}

/// The function being compiled.
struct FnState {
    code: Vec<Instr>,
    lines: Vec<u16>,
    vars: HashMap<ObjId, Var>,
    slots: u32,
    results: Vec<(u32, TypeId)>,
    jumps: Vec<Jumps>,
    line: u16,
    /// The label of the statement being compiled, for the loop it labels.
    pending_label: Option<String>,
}

impl FnState {
    fn new() -> FnState {
        FnState {
            code: Vec::new(),
            lines: Vec::new(),
            vars: HashMap::new(),
            slots: 0,
            results: Vec::new(),
            jumps: Vec::new(),
            line: 0,
            pending_label: None,
        }
    }

    fn slot(&mut self) -> u32 {
        self.slots += 1;
        self.slots - 1
    }
}

pub(super) struct Compiler<'a> {
    checked: &'a Checked,
    pub types: TypeTable,
    funcs: Vec<Option<Func>>,
    func_of: HashMap<ObjId, u32>,
    globals: HashMap<ObjId, u32>,
    /// Locals whose address is taken (or that are assigned through a
    /// field or an array element): they live in cells.
    addressed: HashSet<ObjId>,
    consts: Vec<Value>,
    selects: Vec<SelectShape>,
    messages: Vec<String>,
    methods: HashMap<(TypeId, String), (u32, bool)>,
    canceled: Value,
    deadline: Value,
    f: FnState,
}

pub(super) struct Compiled {
    pub code: Code,
    pub types: TypeTable,
    pub canceled: Value,
    pub deadline: Value,
}

pub(super) fn compile(file: &ast::File, checked: &Checked) -> Result<Compiled> {
    let error = |message: &str| {
        Value::Error(Rc::new(ErrorObj {
            message: message.into(),
        }))
    };
    let mut c = Compiler {
        checked,
        types: checked.types.clone(),
        funcs: Vec::new(),
        func_of: HashMap::new(),
        globals: HashMap::new(),
        addressed: HashSet::new(),
        consts: Vec::new(),
        selects: Vec::new(),
        messages: Vec::new(),
        methods: HashMap::new(),
        canceled: error("context canceled"),
        deadline: error("context deadline exceeded"),
        f: FnState::new(),
    };
    c.program(file)?;
    let entry = c.funcs.len() as u32 - 1;
    let funcs = c
        .funcs
        .into_iter()
        .map(|f| Rc::new(f.expect("every reserved function is compiled")))
        .collect();
    Ok(Compiled {
        code: Code {
            funcs,
            consts: c.consts,
            selects: c.selects,
            messages: c.messages,
            entry,
            globals: c.globals.len() as u32,
            methods: c.methods,
        },
        types: c.types,
        canceled: c.canceled,
        deadline: c.deadline,
    })
}

impl<'a> Compiler<'a> {
    fn program(&mut self, file: &ast::File) -> Result<()> {
        // Every function and method gets its index first, so calls can name
        // functions declared later in the file.
        let mut decls = Vec::new();
        let mut main = None;
        for decl in &file.decls {
            match decl {
                ast::Decl::Func(f) => {
                    if !f.type_params.is_empty() {
                        return unsupported(f.pos, "a generic function");
                    }
                    let Some(obj) = self.checked.defs.get(&f.name.id).copied() else {
                        continue;
                    };
                    let index = self.reserve();
                    self.func_of.insert(obj, index);
                    if f.recv.is_none() && f.name.name == "main" {
                        main = Some(index);
                    }
                    if let Some(recv) = self.checked.object(obj).recv_named {
                        let pointer_recv = self.checked.object(obj).pointer_recv;
                        self.methods
                            .insert((recv, f.name.name.clone()), (index, pointer_recv));
                        let ptr = self.types.pointer(recv);
                        self.methods
                            .insert((ptr, f.name.name.clone()), (index, pointer_recv));
                    }
                    decls.push((index, f));
                }
                ast::Decl::Var(g) => {
                    for spec in &g.specs {
                        for name in &spec.names {
                            if let Some(obj) = self.checked.defs.get(&name.id) {
                                let index = self.globals.len() as u32;
                                self.globals.insert(*obj, index);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        for (index, f) in decls {
            self.mark_addressed_block(f.body.as_ref());
            let func = self.function(f.recv.as_ref(), &f.ty, f.body.as_ref(), &[])?;
            self.funcs[index as usize] = Some(func);
        }
        // The entry: package variables in order, then main.
        self.f = FnState::new();
        for decl in &file.decls {
            if let ast::Decl::Var(g) = decl {
                for spec in &g.specs {
                    self.var_spec(spec)?;
                }
            }
        }
        let Some(main) = main else {
            return unsupported(file.pos, "a program without func main");
        };
        self.emit(Instr::CallFunc {
            func: main,
            args: 0,
        });
        self.emit(Instr::Ret);
        let state = std::mem::replace(&mut self.f, FnState::new());
        self.funcs.push(Some(Func {
            params: 0,
            results: 0,
            slots: state.slots,
            code: state.code,
            lines: state.lines,
        }));
        Ok(())
    }

    fn reserve(&mut self) -> u32 {
        self.funcs.push(None);
        self.funcs.len() as u32 - 1
    }

    // ---- the address pass ----

    fn mark_addressed_block(&mut self, block: Option<&ast::Block>) {
        if let Some(block) = block {
            for s in &block.stmts {
                self.mark_stmt(s);
            }
        }
    }

    fn mark_stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Assign { lhs, rhs, .. } | StmtKind::Define { lhs, rhs } => {
                for e in lhs {
                    self.mark_target(e);
                    self.mark_expr(e);
                }
                rhs.iter().for_each(|e| self.mark_expr(e));
            }
            StmtKind::IncDec { x, .. } => {
                self.mark_target(x);
                self.mark_expr(x);
            }
            StmtKind::Expr(e) => self.mark_expr(e),
            StmtKind::Send { ch, value } => {
                self.mark_expr(ch);
                self.mark_expr(value);
            }
            StmtKind::Call { call, .. } => self.mark_expr(call),
            StmtKind::Return(es) => es.iter().for_each(|e| self.mark_expr(e)),
            StmtKind::Block(b) => self.mark_addressed_block(Some(b)),
            StmtKind::Labeled { stmt, .. } => self.mark_stmt(stmt),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                init.iter().for_each(|s| self.mark_stmt(s));
                self.mark_expr(cond);
                self.mark_addressed_block(Some(then));
                els.iter().for_each(|s| self.mark_stmt(s));
            }
            StmtKind::Switch {
                init, tag, clauses, ..
            } => {
                init.iter().for_each(|s| self.mark_stmt(s));
                tag.iter().for_each(|e| self.mark_expr(e));
                for c in clauses {
                    c.cases.iter().flatten().for_each(|e| self.mark_expr(e));
                    c.body.iter().for_each(|s| self.mark_stmt(s));
                }
            }
            StmtKind::Select { clauses, .. } => {
                for c in clauses {
                    c.comm.iter().for_each(|s| self.mark_stmt(s));
                    c.body.iter().for_each(|s| self.mark_stmt(s));
                }
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                init.iter().for_each(|s| self.mark_stmt(s));
                cond.iter().for_each(|e| self.mark_expr(e));
                post.iter().for_each(|s| self.mark_stmt(s));
                self.mark_addressed_block(Some(body));
            }
            StmtKind::ForRange { lhs, x, body, .. } => {
                lhs.iter().for_each(|e| self.mark_root(e));
                self.mark_expr(x);
                self.mark_addressed_block(Some(body));
            }
            StmtKind::Decl(ast::Decl::Var(g)) => {
                for spec in &g.specs {
                    spec.values.iter().for_each(|e| self.mark_expr(e));
                }
            }
            _ => {}
        }
    }

    fn mark_expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Unary { op: Op::And, x } => {
                self.mark_root(x);
                self.mark_expr(x);
            }
            ExprKind::Unary { x, .. } | ExprKind::Paren(x) => self.mark_expr(x),
            ExprKind::Binary { x, y, .. } => {
                self.mark_expr(x);
                self.mark_expr(y);
            }
            ExprKind::Call { func, args, .. } => {
                if let ExprKind::Selector { x, .. } = &func.kind {
                    if let Some(Selection::Method { address: true, .. }) =
                        self.checked.selections.get(&func.id)
                    {
                        self.mark_root(x);
                    }
                }
                self.mark_expr(func);
                args.iter().for_each(|a| self.mark_expr(a));
            }
            ExprKind::Selector { x, .. } => self.mark_expr(x),
            ExprKind::Index { x, indices } => {
                self.mark_expr(x);
                indices.iter().for_each(|i| self.mark_expr(i));
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                if self.is_array(x) {
                    self.mark_root(x);
                }
                self.mark_expr(x);
                for part in [lo, hi, max].into_iter().flatten() {
                    self.mark_expr(part);
                }
            }
            ExprKind::CompositeLit { elems, .. } => elems.iter().for_each(|e| self.mark_expr(e)),
            ExprKind::KeyValue { key, value } => {
                self.mark_expr(key);
                self.mark_expr(value);
            }
            ExprKind::FuncLit(lit) => self.mark_addressed_block(Some(&lit.body)),
            _ => {}
        }
    }

    fn is_array(&self, e: &Expr) -> bool {
        self.checked
            .expr(e.id)
            .is_some_and(|info| matches!(self.types.under_type(info.ty), Type::Array(..)))
    }

    /// Marks the variable an assignment writes through a field or an array element of.
    fn mark_target(&mut self, e: &Expr) {
        match &strip(e).kind {
            ExprKind::Name(_) => {}
            _ => self.mark_root(e),
        }
    }

    /// Marks the variable an addressable expression starts from.
    fn mark_root(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(_) => {
                if let Some(obj) = self
                    .checked
                    .uses
                    .get(&e.id)
                    .or_else(|| self.checked.defs.get(&e.id))
                {
                    self.addressed.insert(*obj);
                }
            }
            ExprKind::Paren(x) => self.mark_root(x),
            ExprKind::Selector { x, .. } => {
                if let Some(Selection::Field {
                    indirect: false, ..
                }) = self.checked.selections.get(&e.id)
                {
                    self.mark_root(x);
                }
            }
            ExprKind::Index { x, .. } if self.is_array(x) => self.mark_root(x),
            _ => {}
        }
    }

    // ---- functions ----

    fn function(
        &mut self,
        recv: Option<&ast::Field>,
        ty: &ast::FuncType,
        body: Option<&ast::Block>,
        captures: &[ObjId],
    ) -> Result<Func> {
        let outer = std::mem::replace(&mut self.f, FnState::new());
        let result = self.function_body(recv, ty, body, captures);
        self.f = outer;
        result
    }

    fn function_body(
        &mut self,
        recv: Option<&ast::Field>,
        ty: &ast::FuncType,
        body: Option<&ast::Block>,
        captures: &[ObjId],
    ) -> Result<Func> {
        let Some(body) = body else {
            return unsupported(ty.pos, "a function without a body");
        };
        let mut boxed_params = Vec::new();
        let mut params = 0;
        for field in recv.into_iter().chain(&ty.params) {
            let names: Vec<Option<ObjId>> = if field.names.is_empty() {
                vec![None]
            } else {
                field
                    .names
                    .iter()
                    .map(|n| self.checked.defs.get(&n.id).copied())
                    .collect()
            };
            for obj in names {
                let slot = self.f.slot();
                params += 1;
                if let Some(obj) = obj {
                    if self.is_boxed(obj) {
                        boxed_params.push(slot);
                        self.f.vars.insert(obj, Var::Cell(slot));
                    } else {
                        self.f.vars.insert(obj, Var::Slot(slot));
                    }
                }
            }
        }
        let mut named_results = Vec::new();
        for field in &ty.results {
            let result_ty = self.type_of_type_expr(&field.ty);
            let count = field.names.len().max(1);
            for i in 0..count {
                let slot = self.f.slot();
                self.f.results.push((slot, result_ty));
                if let Some(name) = field.names.get(i) {
                    if let Some(obj) = self.checked.defs.get(&name.id).copied() {
                        named_results.push((slot, obj, result_ty));
                    }
                }
            }
        }
        let results = self.f.results.len() as u32;
        for obj in captures {
            let slot = self.f.slot();
            self.f.vars.insert(*obj, Var::Cell(slot));
        }
        for slot in boxed_params {
            self.emit(Instr::Load(slot));
            self.emit(Instr::NewCell(slot));
        }
        for (slot, _) in self.f.results.clone() {
            let ty = self
                .f
                .results
                .iter()
                .find(|r| r.0 == slot)
                .map_or(pd::INVALID, |r| r.1);
            self.zero(ty);
            self.emit(Instr::Store(slot));
        }
        for (slot, obj, _) in named_results {
            if self.is_boxed(obj) {
                // A named result in a cell: its slot holds the cell, and the
                // return copies the value out.
                self.f.vars.insert(obj, Var::Cell(slot));
                self.emit(Instr::Load(slot));
                self.emit(Instr::NewCell(slot));
            } else {
                self.f.vars.insert(obj, Var::Slot(slot));
            }
        }
        self.block(&body.stmts)?;
        self.f.line = body.rbrace.line as u16;
        self.emit(Instr::Ret);
        let state = std::mem::replace(&mut self.f, FnState::new());
        Ok(Func {
            params,
            results,
            slots: state.slots,
            code: state.code,
            lines: state.lines,
        })
    }

    fn is_boxed(&self, obj: ObjId) -> bool {
        self.checked.object(obj).captured || self.addressed.contains(&obj)
    }

    fn type_of_type_expr(&self, e: &Expr) -> TypeId {
        self.checked.expr(e.id).map_or(pd::INVALID, |i| i.ty)
    }

    // ---- emitting ----

    fn emit(&mut self, instr: Instr) -> usize {
        self.f.code.push(instr);
        self.f.lines.push(self.f.line);
        self.f.code.len() - 1
    }

    fn here(&self) -> u32 {
        self.f.code.len() as u32
    }

    fn patch(&mut self, at: usize) {
        let target = self.here();
        match &mut self.f.code[at] {
            Instr::Jump(t) | Instr::JumpIfFalse(t) | Instr::JumpIfTrue(t) => *t = target,
            _ => unreachable!("patching a jump"),
        }
    }

    fn constant(&mut self, v: Value) -> u32 {
        self.consts.push(v);
        self.consts.len() as u32 - 1
    }

    fn zero_const(&mut self, ty: TypeId) -> u32 {
        let v = self.zero_value(ty);
        self.constant(v)
    }

    fn zero(&mut self, ty: TypeId) {
        match self.zero_value(ty) {
            Value::Nil => self.emit(Instr::Nil),
            Value::Int(i) => self.emit(Instr::Int(i)),
            v => {
                let c = self.constant(v);
                self.emit(Instr::Const(c))
            }
        };
    }

    pub fn zero_value(&self, ty: TypeId) -> Value {
        if let Type::Named(named) = self.types.get(ty) {
            if named.qualifier.as_deref() == Some("sync") {
                return Value::Nil;
            }
        }
        match self.types.under_type(ty) {
            Type::Basic(kind, _) => match kind {
                k if k.is_boolean() => Value::Bool(false),
                k if k.is_string() => Value::str(""),
                k if k.is_float() => Value::Float(0.0),
                k if k.is_integer() => Value::Int(0),
                _ => Value::Nil,
            },
            Type::Struct(fields) => {
                Value::Struct(fields.iter().map(|f| self.zero_value(f.ty)).collect())
            }
            Type::Array(n, elem) => {
                Value::Struct((0..*n).map(|_| self.zero_value(*elem)).collect())
            }
            _ => Value::Nil,
        }
    }

    fn message(&mut self, text: String) -> u32 {
        self.messages.push(text);
        self.messages.len() as u32 - 1
    }

    // ---- type helpers ----

    fn type_of(&self, e: &Expr) -> TypeId {
        self.checked.expr(e.id).map_or(pd::INVALID, |i| i.ty)
    }

    fn int_kind(&self, ty: TypeId) -> Option<IntKind> {
        Some(match self.types.basic_kind(ty)? {
            BasicKind::Int8 => IntKind::I8,
            BasicKind::Int16 => IntKind::I16,
            BasicKind::Int32 | BasicKind::UntypedRune => IntKind::I32,
            BasicKind::Int | BasicKind::Int64 | BasicKind::UntypedInt => IntKind::I64,
            BasicKind::Uint8 => IntKind::U8,
            BasicKind::Uint16 => IntKind::U16,
            BasicKind::Uint32 => IntKind::U32,
            BasicKind::Uint | BasicKind::Uint64 | BasicKind::Uintptr => IntKind::U64,
            _ => return None,
        })
    }

    fn num(&self, ty: TypeId) -> Num {
        if let Some(kind) = self.int_kind(ty) {
            Num::Int(kind)
        } else if self.types.is_float(ty) {
            Num::Float
        } else {
            Num::Str
        }
    }

    fn is_interface(&self, ty: TypeId) -> bool {
        self.types.is_interface(ty)
    }

    /// Converts the value on the stack, of type `from`, to where a `to` is expected.
    fn coerce(&mut self, from: TypeId, to: TypeId) {
        if to != pd::INVALID
            && self.is_interface(to)
            && !self.is_interface(from)
            && from != pd::UNTYPED_NIL
            && from != pd::INVALID
        {
            let from = self.types.default_type(from);
            self.emit(Instr::ToIface(from));
        }
    }

    fn expr_to(&mut self, e: &Expr, to: TypeId) -> Result<()> {
        self.expr(e)?;
        let from = self.type_of(e);
        self.coerce(from, to);
        Ok(())
    }

    fn constant_value(&self, v: &crate::check::Value, ty: TypeId) -> Value {
        use crate::check::Value as C;
        let ty = self.types.default_type(ty);
        match v {
            C::Bool(b) => Value::Bool(*b),
            C::String(s) => Value::str(s),
            C::Int(i) if self.types.is_float(ty) => Value::Float(*i as f64),
            C::Int(i) => Value::Int(*i as i64),
            C::Float(f) if self.types.is_integer(ty) => Value::Int(f.to_int().unwrap_or(0) as i64),
            C::Float(f) => Value::Float(f.to_f64()),
        }
    }

    // ---- statements ----

    fn block(&mut self, stmts: &[Stmt]) -> Result<()> {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<()> {
        self.f.line = s.pos.line as u16;
        let label = self.f.pending_label.take();
        match &s.kind {
            StmtKind::Empty => {}
            StmtKind::Decl(decl) => match decl {
                ast::Decl::Var(g) => {
                    for spec in &g.specs {
                        self.var_spec(spec)?;
                    }
                }
                ast::Decl::Const(_) | ast::Decl::Type(_) => {}
                ast::Decl::Func(f) => return unsupported(f.pos, "a nested function declaration"),
            },
            StmtKind::Labeled { label, stmt } => {
                self.f.pending_label = Some(label.name.clone());
                self.stmt(stmt)?;
            }
            StmtKind::Expr(e) => {
                self.expr_multi(e)?;
                let n = self.value_count(e);
                for _ in 0..n {
                    self.emit(Instr::Pop);
                }
            }
            StmtKind::Send { ch, value } => {
                self.expr(ch)?;
                let elem = self.chan_elem(self.type_of(ch));
                self.expr_to(value, elem)?;
                let line = self.f.line;
                self.emit(Instr::Send { line });
            }
            StmtKind::IncDec { x, inc } => {
                let ty = self.type_of(x);
                let num = self.num(ty);
                let one = if num == Num::Float {
                    Value::Float(1.0)
                } else {
                    Value::Int(1)
                };
                let op = if *inc { BinOp::Add } else { BinOp::Sub };
                self.op_assign(x, op, num, |c| {
                    let k = c.constant(one.clone());
                    c.emit(Instr::Const(k));
                    Ok(())
                })?;
            }
            StmtKind::Assign {
                op: Some(op),
                lhs,
                rhs,
            } => {
                let ty = self.type_of(&lhs[0]);
                let bin = bin_op(*op).ok_or_else(|| CompileError {
                    pos: s.pos,
                    message: "an unknown assignment operator".into(),
                })?;
                let num = self.num(ty);
                self.op_assign(&lhs[0], bin, num, |c| c.expr(&rhs[0]))?;
            }
            StmtKind::Assign { op: None, lhs, rhs } => self.assign(lhs, rhs, false)?,
            StmtKind::Define { lhs, rhs } => self.assign(lhs, rhs, true)?,
            StmtKind::Call { kind, call } => self.go_or_defer(*kind, call)?,
            StmtKind::Return(values) => self.return_stmt(s.pos, values)?,
            StmtKind::Branch {
                kind,
                label: target,
            } => self.branch(s.pos, *kind, target.as_ref())?,
            StmtKind::Block(b) => self.block(&b.stmts)?,
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                if let Some(init) = init {
                    self.stmt(init)?;
                }
                self.expr(cond)?;
                let to_else = self.emit(Instr::JumpIfFalse(0));
                self.block(&then.stmts)?;
                match els {
                    Some(els) => {
                        let to_end = self.emit(Instr::Jump(0));
                        self.patch(to_else);
                        self.stmt(els)?;
                        self.patch(to_end);
                    }
                    None => self.patch(to_else),
                }
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                if let Some(init) = init {
                    self.stmt(init)?;
                }
                let top = self.here();
                let exit = match cond {
                    Some(cond) => {
                        self.expr(cond)?;
                        Some(self.emit(Instr::JumpIfFalse(0)))
                    }
                    None => None,
                };
                let breaks = self.loop_body(label, body)?;
                if let Some(post) = post {
                    self.stmt(post)?;
                }
                self.emit(Instr::Jump(top));
                if let Some(exit) = exit {
                    self.patch(exit);
                }
                breaks.into_iter().for_each(|at| self.patch(at));
            }
            StmtKind::ForRange {
                lhs,
                define,
                x,
                body,
                ..
            } => self.for_range(label, lhs, *define, x, body)?,
            StmtKind::Switch {
                init, tag, clauses, ..
            } => self.switch(label, init.as_deref(), tag.as_ref(), clauses)?,
            StmtKind::Select { clauses, .. } => self.select(label, clauses)?,
        }
        Ok(())
    }

    fn var_spec(&mut self, spec: &ast::VarSpec) -> Result<()> {
        let objs: Vec<Option<ObjId>> = spec
            .names
            .iter()
            .map(|n| self.checked.defs.get(&n.id).copied())
            .collect();
        let declared = spec.ty.as_ref().map(|t| self.type_of_type_expr(t));
        if spec.values.is_empty() {
            for obj in &objs {
                let ty = obj.map_or(pd::INVALID, |o| self.checked.object(o).ty);
                if self.is_sync_type(ty, "WaitGroup") {
                    let line = self.f.line;
                    self.emit(Instr::NewWaitGroup { line });
                } else {
                    self.zero(ty);
                }
                self.declare(*obj);
            }
            return Ok(());
        }
        if spec.values.len() == objs.len() {
            for (value, obj) in spec.values.iter().zip(&objs) {
                let ty = declared
                    .or(obj.map(|o| self.checked.object(o).ty))
                    .unwrap_or(pd::INVALID);
                self.expr_to(value, ty)?;
                self.declare(*obj);
            }
        } else {
            self.expr_values(&spec.values[0], objs.len() == 2)?;
            for obj in objs.iter().rev() {
                self.declare(*obj);
            }
        }
        Ok(())
    }

    fn is_sync_type(&self, ty: TypeId, name: &str) -> bool {
        matches!(self.types.get(ty), Type::Named(n) if n.qualifier.as_deref() == Some("sync") && n.name == name)
    }

    /// Pops the value on the stack into a new variable for `obj`.
    fn declare(&mut self, obj: Option<ObjId>) {
        let Some(obj) = obj else {
            self.emit(Instr::Pop);
            return;
        };
        if let Some(&g) = self.globals.get(&obj) {
            self.emit(Instr::StoreGlobal(g));
            return;
        }
        let slot = self.f.slot();
        if self.is_boxed(obj) {
            self.f.vars.insert(obj, Var::Cell(slot));
            self.emit(Instr::NewCell(slot));
        } else {
            self.f.vars.insert(obj, Var::Slot(slot));
            self.emit(Instr::Store(slot));
        }
    }

    fn value_count(&self, e: &Expr) -> usize {
        let Some(info) = self.checked.expr(e.id) else {
            return 0;
        };
        if info.mode == Mode::NoValue {
            return 0;
        }
        match self.types.get(info.ty) {
            Type::Tuple(types) => types.len(),
            _ => 1,
        }
    }

    fn assign(&mut self, lhs: &[Expr], rhs: &[Expr], define: bool) -> Result<()> {
        if lhs.len() == rhs.len() && lhs.len() == 1 {
            let target_ty = self.lhs_type(&lhs[0]);
            let place = self.place(&lhs[0], define)?;
            self.expr_to(&rhs[0], target_ty)?;
            return self.store(&lhs[0], place, define);
        }
        // Several: every value first (Go evaluates the right side before assigning).
        if lhs.len() == rhs.len() {
            for (l, r) in lhs.iter().zip(rhs) {
                let ty = self.lhs_type(l);
                self.expr_to(r, ty)?;
            }
        } else {
            self.expr_values(&rhs[0], lhs.len() == 2)?;
        }
        let temps: Vec<u32> = lhs.iter().map(|_| self.f.slot()).collect();
        for t in temps.iter().rev() {
            self.emit(Instr::Store(*t));
        }
        for (l, t) in lhs.iter().zip(&temps) {
            let place = self.place(l, define)?;
            self.emit(Instr::Load(*t));
            self.store(l, place, define)?;
        }
        Ok(())
    }

    fn lhs_type(&self, e: &Expr) -> TypeId {
        if let ExprKind::Name(_) = e.kind {
            if let Some(obj) = self.checked.object_of(e.id) {
                return self.checked.object(obj).ty;
            }
        }
        self.type_of(e)
    }

    /// Pushes the operands of an assignment's target.
    fn place(&mut self, e: &Expr, define: bool) -> Result<Place> {
        match &e.kind {
            ExprKind::Name(name) if name == "_" => Ok(Place::Discard),
            ExprKind::Name(_) => {
                let Some(obj) = self.checked.object_of(e.id) else {
                    return Ok(Place::Discard);
                };
                if define && self.checked.defs.contains_key(&e.id) {
                    return Ok(Place::Discard); // declared in `store`
                }
                Ok(Place::Var(self.var(obj, e.pos)?))
            }
            ExprKind::Paren(x) => self.place(x, define),
            ExprKind::Index { x, indices } if self.is_map(self.type_of(x)) => {
                self.expr(x)?;
                let key_ty = self.map_key(self.type_of(x));
                self.expr_to(&indices[0], key_ty)?;
                let zero = self.zero_const(self.type_of(e));
                Ok(Place::MapEntry { zero })
            }
            _ => {
                self.addr(e)?;
                Ok(Place::Ptr)
            }
        }
    }

    fn store(&mut self, e: &Expr, place: Place, define: bool) -> Result<()> {
        match place {
            Place::Discard => {
                if define && self.checked.defs.contains_key(&e.id) {
                    let obj = self.checked.defs.get(&e.id).copied();
                    self.declare(obj);
                } else {
                    self.emit(Instr::Pop);
                }
            }
            Place::Var(var) => self.store_var(var),
            Place::Ptr => {
                self.emit(Instr::StorePtr);
            }
            Place::MapEntry { .. } => {
                self.emit(Instr::SetMap);
            }
        }
        Ok(())
    }

    fn store_var(&mut self, var: Var) {
        match var {
            Var::Slot(s) => self.emit(Instr::Store(s)),
            Var::Cell(s) => self.emit(Instr::StoreCell(s)),
            Var::Global(g) => self.emit(Instr::StoreGlobal(g)),
        };
    }

    fn load_var(&mut self, var: Var) {
        match var {
            Var::Slot(s) => self.emit(Instr::Load(s)),
            Var::Cell(s) => self.emit(Instr::LoadCell(s)),
            Var::Global(g) => self.emit(Instr::LoadGlobal(g)),
        };
    }

    fn var(&self, obj: ObjId, pos: Pos) -> Result<Var> {
        if let Some(v) = self.f.vars.get(&obj) {
            return Ok(*v);
        }
        if let Some(g) = self.globals.get(&obj) {
            return Ok(Var::Global(*g));
        }
        unsupported(
            pos,
            &format!("the variable {} here", self.checked.object(obj).name),
        )
    }

    /// `x op= y`, `x++`: the target's operands once, its value read and written.
    fn op_assign(
        &mut self,
        x: &Expr,
        op: BinOp,
        num: Num,
        rhs: impl FnOnce(&mut Self) -> Result<()>,
    ) -> Result<()> {
        let ty = self.type_of(x);
        let place = self.place(x, false)?;
        match &place {
            Place::Discard => return Ok(()),
            Place::Var(var) => self.load_var(*var),
            Place::Ptr => {
                self.emit(Instr::Dup);
                self.emit(Instr::Deref);
            }
            Place::MapEntry { zero } => {
                let zero = *zero;
                self.emit(Instr::Dup2);
                self.emit(Instr::MapIndex {
                    zero,
                    comma_ok: false,
                });
            }
        }
        rhs(self)?;
        self.emit(Instr::Bin(op, num));
        self.wrap(ty);
        self.store(x, place, false)
    }

    fn wrap(&mut self, ty: TypeId) {
        if let Some(kind) = self.int_kind(ty) {
            if !matches!(kind, IntKind::I64 | IntKind::U64) {
                self.emit(Instr::Convert(Conv::IntToInt(kind)));
            }
        }
    }

    fn return_stmt(&mut self, pos: Pos, values: &[Expr]) -> Result<()> {
        let results = self.f.results.clone();
        if !values.is_empty() {
            if values.len() == results.len() {
                for (v, (_, ty)) in values.iter().zip(&results) {
                    self.expr_to(v, *ty)?;
                }
            } else {
                self.expr_multi(&values[0])?;
            }
            self.emit(Instr::SetResults(results.len() as u32));
        }
        let _ = pos;
        self.emit(Instr::Ret);
        Ok(())
    }

    fn branch(&mut self, pos: Pos, kind: BranchKind, label: Option<&ast::Ident>) -> Result<()> {
        let name = label.map(|l| l.name.clone());
        let target = self.f.jumps.iter().rposition(|j| match &name {
            Some(n) => j.label.as_deref() == Some(n),
            None => kind != BranchKind::Continue || j.is_loop,
        });
        match kind {
            BranchKind::Break | BranchKind::Continue => {
                let Some(i) = target else {
                    return unsupported(pos, "this branch");
                };
                let at = self.emit(Instr::Jump(0));
                let jumps = &mut self.f.jumps[i];
                if kind == BranchKind::Break {
                    jumps.breaks.push(at);
                } else {
                    let i = self
                        .f
                        .jumps
                        .iter()
                        .rposition(|j| j.is_loop && (name.is_none() || j.label == name))
                        .unwrap_or(i);
                    self.f.jumps[i].continues.push(at);
                }
                Ok(())
            }
            BranchKind::Fallthrough => Ok(()), // compiled by `switch`
            BranchKind::Goto => unsupported(pos, "goto"),
        }
    }

    fn for_range(
        &mut self,
        label: Option<String>,
        lhs: &[Expr],
        define: bool,
        x: &Expr,
        body: &ast::Block,
    ) -> Result<()> {
        let xty = self.type_of(x);
        let under = self.types.under_type(xty).clone();
        // The loop's variables, declared once (Go 1.19).
        let targets: Vec<&Expr> = lhs.iter().collect();
        if define {
            for t in &targets {
                if let Some(obj) = self.checked.defs.get(&t.id).copied() {
                    let ty = self.checked.object(obj).ty;
                    self.zero(ty);
                    self.declare(Some(obj));
                }
            }
        }
        let assign_to = |c: &mut Self, i: usize| -> Result<()> {
            match targets.get(i) {
                Some(t) => {
                    let place = c.place(t, false)?;
                    if let Place::Ptr | Place::MapEntry { .. } = place {
                        // The value is below the target's operands: not this simple form.
                        return unsupported(
                            t.pos,
                            "a range loop assigning through an index or field",
                        );
                    }
                    c.store(t, place, false)
                }
                None => {
                    c.emit(Instr::Pop);
                    Ok(())
                }
            }
        };
        let seq = self.f.slot();
        self.expr(x)?;
        if let Type::Pointer(_) = under {
            self.emit(Instr::Deref);
        }
        self.emit(Instr::Store(seq));
        if let Type::Chan(..) = under {
            let top = self.here();
            self.emit(Instr::Load(seq));
            let line = self.f.line;
            self.emit(Instr::Recv {
                line,
                comma_ok: true,
            });
            let to_body = self.emit(Instr::JumpIfTrue(0));
            self.emit(Instr::Pop);
            let exit = self.emit(Instr::Jump(0));
            self.patch(to_body);
            assign_to(self, 0)?;
            let breaks = self.loop_body(label, body)?;
            self.emit(Instr::Jump(top));
            self.patch(exit);
            breaks.into_iter().for_each(|at| self.patch(at));
            return Ok(());
        }
        let (kind, keys) = match &under {
            Type::Basic(..) => (Indexed::Str, false),
            Type::Array(..) => (Indexed::Array, false),
            Type::Pointer(_) => (Indexed::Array, false),
            Type::Map(..) => (Indexed::Slice, true),
            Type::Slice(_) => (Indexed::Slice, false),
            _ => return unsupported(x.pos, "ranging over this type"),
        };
        let keys_slot = if keys {
            let k = self.f.slot();
            self.emit(Instr::Load(seq));
            self.emit(Instr::MapKeys);
            self.emit(Instr::Store(k));
            Some(k)
        } else {
            None
        };
        let len = self.f.slot();
        let index = self.f.slot();
        let next = self.f.slot();
        self.emit(Instr::Load(keys_slot.unwrap_or(seq)));
        self.emit(Instr::Len);
        self.emit(Instr::Store(len));
        self.emit(Instr::Int(0));
        self.emit(Instr::Store(index));
        let top = self.here();
        self.emit(Instr::Load(index));
        self.emit(Instr::Load(len));
        self.emit(Instr::Bin(BinOp::Lt, Num::Int(IntKind::I64)));
        let exit = self.emit(Instr::JumpIfFalse(0));
        match (kind, keys_slot) {
            (_, Some(k)) => {
                self.emit(Instr::Load(k));
                self.emit(Instr::Load(index));
                self.emit(Instr::Index(Indexed::Slice));
                if targets.len() > 1 {
                    self.emit(Instr::Dup);
                    let key = self.f.slot();
                    self.emit(Instr::Store(key));
                    assign_to(self, 0)?;
                    let Type::Map(_, vty) = under else {
                        unreachable!()
                    };
                    let zero = self.zero_const(vty);
                    self.emit(Instr::Load(seq));
                    self.emit(Instr::Load(key));
                    self.emit(Instr::MapIndex {
                        zero,
                        comma_ok: false,
                    });
                    assign_to(self, 1)?;
                } else {
                    assign_to(self, 0)?;
                }
                self.emit(Instr::Load(index));
                self.emit(Instr::Int(1));
                self.emit(Instr::Bin(BinOp::Add, Num::Int(IntKind::I64)));
                self.emit(Instr::Store(next));
            }
            (Indexed::Str, None) => {
                self.emit(Instr::Load(seq));
                self.emit(Instr::Load(index));
                self.emit(Instr::DecodeRune);
                self.emit(Instr::Store(next));
                let rune = self.f.slot();
                self.emit(Instr::Store(rune));
                self.emit(Instr::Load(index));
                assign_to(self, 0)?;
                if targets.len() > 1 {
                    self.emit(Instr::Load(rune));
                    assign_to(self, 1)?;
                }
            }
            _ => {
                self.emit(Instr::Load(index));
                assign_to(self, 0)?;
                if targets.len() > 1 {
                    self.emit(Instr::Load(seq));
                    self.emit(Instr::Load(index));
                    self.emit(Instr::Index(kind));
                    assign_to(self, 1)?;
                }
                self.emit(Instr::Load(index));
                self.emit(Instr::Int(1));
                self.emit(Instr::Bin(BinOp::Add, Num::Int(IntKind::I64)));
                self.emit(Instr::Store(next));
            }
        }
        let breaks = self.loop_body(label, body)?;
        self.emit(Instr::Load(next));
        self.emit(Instr::Store(index));
        self.emit(Instr::Jump(top));
        self.patch(exit);
        breaks.into_iter().for_each(|at| self.patch(at));
        Ok(())
    }

    /// A loop's body, its `continue`s landing just after it (where the
    /// caller emits the step to the next turn); returns its `break`s, for
    /// the caller to land after the loop.
    fn loop_body(&mut self, label: Option<String>, body: &ast::Block) -> Result<Vec<usize>> {
        self.f.jumps.push(Jumps {
            label,
            is_loop: true,
            breaks: Vec::new(),
            continues: Vec::new(),
        });
        self.block(&body.stmts)?;
        let jumps = self.f.jumps.pop().expect("the loop's jumps");
        for at in jumps.continues {
            self.patch(at);
        }
        Ok(jumps.breaks)
    }

    fn switch(
        &mut self,
        label: Option<String>,
        init: Option<&Stmt>,
        tag: Option<&Expr>,
        clauses: &[ast::CaseClause],
    ) -> Result<()> {
        if let Some(init) = init {
            self.stmt(init)?;
        }
        if let Some(tag) = tag {
            if let ExprKind::TypeSwitchGuard { .. } = tag.kind {
                return unsupported(tag.pos, "a type switch");
            }
        }
        let tag_slot = match tag {
            Some(tag) => {
                let s = self.f.slot();
                self.expr(tag)?;
                self.emit(Instr::Store(s));
                Some((s, self.type_of(tag)))
            }
            None => None,
        };
        let mut to_body = vec![Vec::new(); clauses.len()];
        for (i, clause) in clauses.iter().enumerate() {
            for case in clause.cases.iter().flatten() {
                match tag_slot {
                    Some((s, tag_ty)) => {
                        self.emit(Instr::Load(s));
                        self.expr_to(case, tag_ty)?;
                        self.emit(Instr::Eq { negate: false });
                    }
                    None => self.expr(case)?,
                }
                to_body[i].push(self.emit(Instr::JumpIfTrue(0)));
            }
        }
        let default = clauses.iter().position(|c| c.cases.is_none());
        let to_default = self.emit(Instr::Jump(0));
        self.f.jumps.push(Jumps {
            label,
            is_loop: false,
            breaks: Vec::new(),
            continues: Vec::new(),
        });
        let mut ends = Vec::new();
        let mut falls: Option<usize> = None;
        for (i, clause) in clauses.iter().enumerate() {
            if let Some(at) = falls.take() {
                self.patch(at);
            }
            for at in std::mem::take(&mut to_body[i]) {
                self.patch(at);
            }
            if default == Some(i) {
                self.patch(to_default);
            }
            self.f.line = clause.pos.line as u16;
            self.block(&clause.body)?;
            let falls_through = clause.body.last().is_some_and(|s| {
                matches!(
                    s.kind,
                    StmtKind::Branch {
                        kind: BranchKind::Fallthrough,
                        ..
                    }
                )
            });
            let at = self.emit(Instr::Jump(0));
            if falls_through {
                falls = Some(at);
            } else {
                ends.push(at);
            }
        }
        if default.is_none() {
            self.patch(to_default);
        }
        if let Some(at) = falls {
            self.patch(at);
        }
        for at in ends {
            self.patch(at);
        }
        let jumps = self.f.jumps.pop().expect("the switch's jumps");
        for at in jumps.breaks {
            self.patch(at);
        }
        Ok(())
    }

    fn select(&mut self, label: Option<String>, clauses: &[ast::CommClause]) -> Result<()> {
        let mut sends = Vec::new();
        let mut zeros = Vec::new();
        let mut has_default = false;
        // The channel (and value) of each case, in order.
        let mut cases: Vec<(&ast::CommClause, Option<&Stmt>)> = Vec::new();
        for clause in clauses {
            let Some(comm) = &clause.comm else {
                has_default = true;
                continue;
            };
            match &comm.kind {
                StmtKind::Send { ch, value } => {
                    self.expr(ch)?;
                    let elem = self.chan_elem(self.type_of(ch));
                    self.expr_to(value, elem)?;
                    sends.push(true);
                    zeros.push(Value::Nil);
                }
                StmtKind::Expr(_) | StmtKind::Assign { .. } | StmtKind::Define { .. } => {
                    let ExprKind::Unary { op: Op::Recv, x } = &strip(recv_of(comm)).kind else {
                        return unsupported(comm.pos, "this select case");
                    };
                    self.expr(x)?;
                    let elem = self.chan_elem(self.type_of(x));
                    sends.push(false);
                    zeros.push(self.zero_value(elem));
                }
                _ => return unsupported(comm.pos, "this select case"),
            }
            cases.push((clause, Some(comm)));
        }
        let select = self.selects.len() as u32;
        self.selects.push(SelectShape {
            sends,
            has_default,
            zeros,
        });
        let line = self.f.line;
        self.emit(Instr::Select { select, line });
        let chosen = self.f.slot();
        let ok = self.f.slot();
        let value = self.f.slot();
        self.emit(Instr::Store(chosen));
        self.emit(Instr::Store(ok));
        self.emit(Instr::Store(value));
        let mut to_body = Vec::new();
        for i in 0..cases.len() {
            self.emit(Instr::Load(chosen));
            self.emit(Instr::Int(i as i64));
            self.emit(Instr::Eq { negate: false });
            to_body.push(self.emit(Instr::JumpIfTrue(0)));
        }
        let to_default = self.emit(Instr::Jump(0));
        self.f.jumps.push(Jumps {
            label,
            is_loop: false,
            breaks: Vec::new(),
            continues: Vec::new(),
        });
        let mut ends = Vec::new();
        for (i, (clause, comm)) in cases.iter().enumerate() {
            self.patch(to_body[i]);
            self.f.line = clause.pos.line as u16;
            if let Some(comm) = comm {
                let (lhs, define) = match &comm.kind {
                    StmtKind::Assign { lhs, .. } => (lhs.as_slice(), false),
                    StmtKind::Define { lhs, .. } => (lhs.as_slice(), true),
                    _ => (&[][..], false),
                };
                for (j, target) in lhs.iter().enumerate() {
                    let place = self.place(target, define)?;
                    self.emit(Instr::Load(if j == 0 { value } else { ok }));
                    self.store(target, place, define)?;
                }
            }
            self.block(&clause.body)?;
            ends.push(self.emit(Instr::Jump(0)));
        }
        self.patch(to_default);
        if let Some(clause) = clauses.iter().find(|c| c.comm.is_none()) {
            self.block(&clause.body)?;
        }
        for at in ends {
            self.patch(at);
        }
        let jumps = self.f.jumps.pop().expect("the select's jumps");
        for at in jumps.breaks {
            self.patch(at);
        }
        Ok(())
    }

    fn chan_elem(&self, ty: TypeId) -> TypeId {
        match self.types.under_type(ty) {
            Type::Chan(_, elem) => *elem,
            _ => pd::INVALID,
        }
    }

    fn is_map(&self, ty: TypeId) -> bool {
        matches!(self.types.under_type(ty), Type::Map(..))
    }

    fn map_key(&self, ty: TypeId) -> TypeId {
        match self.types.under_type(ty) {
            Type::Map(k, _) => *k,
            _ => pd::INVALID,
        }
    }

    fn go_or_defer(&mut self, kind: CallKind, call: &Expr) -> Result<()> {
        let ExprKind::Call { func, args, dots } = &strip(call).kind else {
            return unsupported(call.pos, "go or defer of something other than a call");
        };
        let line = self.f.line;
        match self.callee(func)? {
            Callee::Builtin(Builtin::Close) => {
                self.expr(&args[0])?;
                self.deferred_native(kind, Native::CloseChan, 1, line, call.pos)
            }
            Callee::Builtin(Builtin::Panic) => {
                self.expr_to(&args[0], pd::ANY)?;
                self.deferred_native(kind, Native::PanicValue, 1, line, call.pos)
            }
            Callee::Builtin(_) | Callee::Conversion => {
                unsupported(call.pos, "go or defer of a built-in function")
            }
            Callee::Native(native, sig) => {
                let n = self.args(args, *dots, &sig, None)?;
                self.deferred_native(kind, native, n, line, call.pos)
            }
            Callee::NativeMethod(native, recv, sig) => {
                self.receiver(recv)?;
                let n = self.args(args, *dots, &sig, None)?;
                self.deferred_native(kind, native, n + 1, line, call.pos)
            }
            Callee::Func(index, sig) => {
                self.emit(Instr::MakeClosure {
                    func: index,
                    captures: 0,
                });
                let n = self.args(args, *dots, &sig, None)?;
                self.deferred(kind, n, line)
            }
            Callee::Method(index, recv, sig) => {
                self.emit(Instr::MakeClosure {
                    func: index,
                    captures: 0,
                });
                self.receiver(recv)?;
                let n = self.args(args, *dots, &sig, None)?;
                self.deferred(kind, n + 1, line)
            }
            Callee::Value(sig) => {
                self.expr(func)?;
                let n = self.args(args, *dots, &sig, None)?;
                self.deferred(kind, n, line)
            }
            Callee::Interface(..) => unsupported(call.pos, "go or defer of an interface method"),
        }
    }

    fn deferred(&mut self, kind: CallKind, args: u32, line: u16) -> Result<()> {
        match kind {
            CallKind::Go => self.emit(Instr::Go { args, line }),
            CallKind::Defer => self.emit(Instr::Defer { args }),
        };
        Ok(())
    }

    fn deferred_native(
        &mut self,
        kind: CallKind,
        native: Native,
        args: u32,
        line: u16,
        pos: Pos,
    ) -> Result<()> {
        match kind {
            CallKind::Defer => self.emit(Instr::DeferNative { native, args, line }),
            CallKind::Go if matches!(native, Native::CloseChan | Native::PanicValue) => {
                return unsupported(pos, "go of a built-in function")
            }
            CallKind::Go => self.emit(Instr::GoNative { native, args, line }),
        };
        Ok(())
    }

    // ---- expressions ----

    /// Pushes every value of an expression (several for a call with several
    /// results, a value and `ok` for a map index or receive assigned to two).
    fn expr_multi(&mut self, e: &Expr) -> Result<()> {
        self.expr_values(e, false)
    }

    fn expr_values(&mut self, e: &Expr, comma_ok: bool) -> Result<()> {
        let e = strip(e);
        let checked = self.checked;
        if let Some(info) = checked.expr(e.id) {
            if comma_ok {
                match &e.kind {
                    ExprKind::Index { x, indices } => {
                        self.expr(x)?;
                        let key = self.map_key(self.type_of(x));
                        self.expr_to(&indices[0], key)?;
                        let vty = match self.types.get(info.ty) {
                            Type::Tuple(t) => t[0],
                            _ => info.ty,
                        };
                        let zero = self.zero_const(vty);
                        self.emit(Instr::MapIndex {
                            zero,
                            comma_ok: true,
                        });
                        return Ok(());
                    }
                    ExprKind::Unary { op: Op::Recv, x } => {
                        self.expr(x)?;
                        let line = self.f.line;
                        self.emit(Instr::Recv {
                            line,
                            comma_ok: true,
                        });
                        return Ok(());
                    }
                    _ => {}
                }
            }
        }
        self.expr(e)
    }

    fn expr(&mut self, e: &Expr) -> Result<()> {
        let Some(info) = self.checked.expr(e.id).cloned() else {
            return match &e.kind {
                ExprKind::Paren(x) => self.expr(x),
                _ => unsupported(e.pos, "this expression"),
            };
        };
        if let (Mode::Constant, Some(v)) = (info.mode, &info.value) {
            let v = self.constant_value(v, info.ty);
            match v {
                Value::Int(i) => self.emit(Instr::Int(i)),
                v => {
                    let k = self.constant(v);
                    self.emit(Instr::Const(k))
                }
            };
            return Ok(());
        }
        if info.mode == Mode::Nil {
            self.emit(Instr::Nil);
            return Ok(());
        }
        match &e.kind {
            ExprKind::Paren(x) => self.expr(x),
            ExprKind::Name(name) => {
                let Some(obj) = self.checked.uses.get(&e.id).copied() else {
                    return unsupported(e.pos, &format!("the name {name}"));
                };
                self.name(obj, e.pos)
            }
            ExprKind::BasicLit(_) => unsupported(e.pos, "this literal"),
            ExprKind::CompositeLit { elems, .. } => self.composite(e, info.ty, elems),
            ExprKind::FuncLit(lit) => {
                let captures = self
                    .checked
                    .captures
                    .get(&e.id)
                    .cloned()
                    .unwrap_or_default();
                let index = self.reserve();
                let func = self.function(None, &lit.ty, Some(&lit.body), &captures)?;
                self.funcs[index as usize] = Some(func);
                for obj in &captures {
                    match self.var(*obj, e.pos)? {
                        Var::Cell(slot) => self.emit(Instr::Load(slot)),
                        _ => return unsupported(e.pos, "capturing a variable not in a cell"),
                    };
                }
                self.emit(Instr::MakeClosure {
                    func: index,
                    captures: captures.len() as u32,
                });
                Ok(())
            }
            ExprKind::Selector { x, sel } => match self.checked.selections.get(&e.id).cloned() {
                Some(Selection::Qualified(obj)) => self.name(obj, e.pos),
                Some(Selection::Field { path, .. }) => {
                    self.expr(x)?;
                    let mut ty = self.type_of(x);
                    for i in path {
                        if let Type::Pointer(elem) = self.types.under_type(ty).clone() {
                            self.emit(Instr::Deref);
                            ty = elem;
                        }
                        let Type::Struct(fields) = self.types.under_type(ty).clone() else {
                            return unsupported(e.pos, "this field");
                        };
                        self.emit(Instr::Field(i as u32));
                        ty = fields[i].ty;
                    }
                    Ok(())
                }
                _ => unsupported(sel.pos, "a method value (a method not called at once)"),
            },
            ExprKind::Index { x, indices } => {
                let xty = self.type_of(x);
                match self.types.under_type(xty).clone() {
                    Type::Map(k, _) => {
                        self.expr(x)?;
                        self.expr_to(&indices[0], k)?;
                        let zero = self.zero_const(info.ty);
                        self.emit(Instr::MapIndex {
                            zero,
                            comma_ok: false,
                        });
                    }
                    other => {
                        let kind = match other {
                            Type::Slice(_) => Indexed::Slice,
                            Type::Array(..) => Indexed::Array,
                            Type::Pointer(_) => Indexed::ArrayPtr,
                            Type::Basic(..) => Indexed::Str,
                            _ => return unsupported(e.pos, "this index expression"),
                        };
                        self.expr(x)?;
                        self.expr(&indices[0])?;
                        let line = self.f.line;
                        let _ = line;
                        self.emit(Instr::Index(kind));
                    }
                }
                Ok(())
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                let xty = self.type_of(x);
                let kind = match self.types.under_type(xty) {
                    Type::Slice(_) => Indexed::Slice,
                    Type::Basic(..) => Indexed::Str,
                    Type::Pointer(_) => Indexed::ArrayPtr,
                    Type::Array(..) => {
                        self.addr(x)?;
                        Indexed::ArrayPtr
                    }
                    _ => return unsupported(e.pos, "this slice expression"),
                };
                if kind != Indexed::ArrayPtr
                    || !matches!(self.types.under_type(xty), Type::Array(..))
                {
                    self.expr(x)?;
                }
                for part in [lo, hi, max].into_iter().flatten() {
                    self.expr(part)?;
                }
                self.emit(Instr::SliceOf {
                    kind,
                    lo: lo.is_some(),
                    hi: hi.is_some(),
                    max: max.is_some(),
                });
                Ok(())
            }
            ExprKind::Call { func, args, dots } => self.call(e, func, args, *dots),
            ExprKind::Unary { op, x } => self.unary(e, *op, x),
            ExprKind::Binary { op, x, y } => self.binary(e, *op, x, y, info.ty),
            ExprKind::TypeAssert { .. } | ExprKind::TypeSwitchGuard { .. } => {
                unsupported(e.pos, "a type assertion")
            }
            _ => unsupported(e.pos, "this expression"),
        }
    }

    fn name(&mut self, obj: ObjId, pos: Pos) -> Result<()> {
        let object = self.checked.object(obj);
        match &object.kind {
            ObjKind::Var => {
                if !object.package.is_empty() && object.package != "universe" {
                    match (object.package.as_str(), object.name.as_str()) {
                        ("context", "Canceled") => {
                            let k = self.constant(self.canceled.clone());
                            self.emit(Instr::Const(k));
                        }
                        ("context", "DeadlineExceeded") => {
                            let k = self.constant(self.deadline.clone());
                            self.emit(Instr::Const(k));
                        }
                        _ => {
                            return unsupported(pos, &format!("{}.{}", object.package, object.name))
                        }
                    }
                    return Ok(());
                }
                let var = self.var(obj, pos)?;
                self.load_var(var);
                Ok(())
            }
            ObjKind::Func => {
                if let Some(&index) = self.func_of.get(&obj) {
                    self.emit(Instr::MakeClosure {
                        func: index,
                        captures: 0,
                    });
                    return Ok(());
                }
                match native_of(self.checked, obj) {
                    Some(native) => {
                        let k = self
                            .constant(Value::Func(Rc::new(super::value::Callable::Native(native))));
                        self.emit(Instr::Const(k));
                        Ok(())
                    }
                    None => unsupported(pos, &format!("{}.{}", object.package, object.name)),
                }
            }
            ObjKind::Nil => {
                self.emit(Instr::Nil);
                Ok(())
            }
            _ => unsupported(pos, &format!("the name {}", object.name)),
        }
    }

    fn composite(&mut self, e: &Expr, ty: TypeId, elems: &[Expr]) -> Result<()> {
        let (ty, boxed) = match self.types.under_type(ty) {
            Type::Pointer(elem) => (*elem, true),
            _ => (ty, false),
        };
        match self.types.under_type(ty).clone() {
            Type::Struct(fields) => {
                let mut given: Vec<Option<&Expr>> = vec![None; fields.len()];
                for (i, elem) in elems.iter().enumerate() {
                    match &elem.kind {
                        ExprKind::KeyValue { key, value } => {
                            let ExprKind::Name(name) = &key.kind else {
                                return unsupported(key.pos, "this field key");
                            };
                            if let Some(j) = fields.iter().position(|f| &f.name == name) {
                                given[j] = Some(value);
                            }
                        }
                        _ => given[i] = Some(elem),
                    }
                }
                for (field, value) in fields.iter().zip(given) {
                    match value {
                        Some(v) => self.expr_to(v, field.ty)?,
                        None => self.zero(field.ty),
                    }
                }
                self.emit(Instr::MakeStruct(fields.len() as u32));
            }
            Type::Slice(elem) | Type::Array(_, elem) => {
                let array_len = match self.types.under_type(ty) {
                    Type::Array(n, _) => Some(*n as usize),
                    _ => None,
                };
                let mut count = 0;
                for v in elems {
                    if let ExprKind::KeyValue { key, .. } = &v.kind {
                        return unsupported(key.pos, "an indexed slice or array literal");
                    }
                    self.expr_to(v, elem)?;
                    count += 1;
                }
                match array_len {
                    Some(n) => {
                        for _ in count..n {
                            self.zero(elem);
                        }
                        self.emit(Instr::MakeStruct(n as u32));
                    }
                    None => {
                        self.emit(Instr::MakeSlice(count as u32));
                    }
                }
            }
            Type::Map(k, v) => {
                for elem in elems {
                    let ExprKind::KeyValue { key, value } = &elem.kind else {
                        return unsupported(elem.pos, "a map literal without keys");
                    };
                    self.expr_to(key, k)?;
                    self.expr_to(value, v)?;
                }
                self.emit(Instr::MakeMap(elems.len() as u32));
            }
            _ => return unsupported(e.pos, "this composite literal"),
        }
        if boxed {
            self.emit(Instr::Boxed);
        }
        Ok(())
    }

    /// Pushes a pointer to an addressable expression (or to a new variable for `&T{}`).
    fn addr(&mut self, e: &Expr) -> Result<()> {
        match &e.kind {
            ExprKind::Paren(x) => self.addr(x),
            ExprKind::Name(_) => {
                let Some(obj) = self.checked.object_of(e.id) else {
                    return unsupported(e.pos, "this address");
                };
                match self.var(obj, e.pos)? {
                    Var::Cell(s) => self.emit(Instr::AddrCell(s)),
                    Var::Global(g) => self.emit(Instr::AddrGlobal(g)),
                    Var::Slot(_) => return unsupported(e.pos, "the address of this variable"),
                };
                Ok(())
            }
            ExprKind::CompositeLit { .. } => {
                self.expr(e)?;
                self.emit(Instr::Boxed);
                Ok(())
            }
            ExprKind::Selector { x, .. } => match self.checked.selections.get(&e.id).cloned() {
                Some(Selection::Field { path, .. }) => {
                    let mut ty = self.type_of(x);
                    if let Type::Pointer(elem) = self.types.under_type(ty).clone() {
                        self.expr(x)?;
                        ty = elem;
                    } else {
                        self.addr(x)?;
                    }
                    for (n, i) in path.iter().enumerate() {
                        if n > 0 {
                            if let Type::Pointer(elem) = self.types.under_type(ty).clone() {
                                self.emit(Instr::Deref);
                                ty = elem;
                            }
                        }
                        let Type::Struct(fields) = self.types.under_type(ty).clone() else {
                            return unsupported(e.pos, "this field");
                        };
                        self.emit(Instr::FieldPtr(*i as u32));
                        ty = fields[*i].ty;
                    }
                    Ok(())
                }
                Some(Selection::Qualified(_)) => {
                    unsupported(e.pos, "the address of a library variable")
                }
                _ => unsupported(e.pos, "this address"),
            },
            ExprKind::Index { x, indices } => {
                let xty = self.type_of(x);
                let kind = match self.types.under_type(xty) {
                    Type::Slice(_) => {
                        self.expr(x)?;
                        Indexed::Slice
                    }
                    Type::Array(..) => {
                        self.addr(x)?;
                        Indexed::ArrayPtr
                    }
                    Type::Pointer(_) => {
                        self.expr(x)?;
                        Indexed::ArrayPtr
                    }
                    _ => return unsupported(e.pos, "this address"),
                };
                self.expr(&indices[0])?;
                self.emit(Instr::ElemPtr(kind));
                Ok(())
            }
            ExprKind::Unary { op: Op::Mul, x } => self.expr(x),
            _ => unsupported(e.pos, "this address"),
        }
    }

    fn unary(&mut self, e: &Expr, op: Op, x: &Expr) -> Result<()> {
        match op {
            Op::And => self.addr(x),
            Op::Mul => {
                self.expr(x)?;
                self.emit(Instr::Deref);
                Ok(())
            }
            Op::Recv => {
                self.expr(x)?;
                let line = self.f.line;
                self.emit(Instr::Recv {
                    line,
                    comma_ok: false,
                });
                Ok(())
            }
            Op::Sub => {
                self.expr(x)?;
                let ty = self.type_of(e);
                self.emit(Instr::Neg(self.num(ty)));
                self.wrap(ty);
                Ok(())
            }
            Op::Add => self.expr(x),
            Op::Not => {
                self.expr(x)?;
                self.emit(Instr::Not);
                Ok(())
            }
            Op::Xor => {
                self.expr(x)?;
                let kind = self.int_kind(self.type_of(e)).unwrap_or(IntKind::I64);
                self.emit(Instr::Complement(kind));
                Ok(())
            }
            _ => unsupported(e.pos, "this operator"),
        }
    }

    fn binary(&mut self, e: &Expr, op: Op, x: &Expr, y: &Expr, ty: TypeId) -> Result<()> {
        match op {
            Op::AndAnd | Op::OrOr => {
                self.expr(x)?;
                self.emit(Instr::Dup);
                let skip = self.emit(if op == Op::AndAnd {
                    Instr::JumpIfFalse(0)
                } else {
                    Instr::JumpIfTrue(0)
                });
                self.emit(Instr::Pop);
                self.expr(y)?;
                self.patch(skip);
                return Ok(());
            }
            Op::Eql | Op::Neq => {
                let (xt, yt) = (self.type_of(x), self.type_of(y));
                self.expr(x)?;
                self.coerce(xt, yt);
                self.expr(y)?;
                self.coerce(yt, xt);
                self.emit(Instr::Eq {
                    negate: op == Op::Neq,
                });
                return Ok(());
            }
            _ => {}
        }
        let Some(bin) = bin_op(op) else {
            return unsupported(e.pos, "this operator");
        };
        let operand_ty = self.type_of(x);
        self.expr(x)?;
        self.expr(y)?;
        self.emit(Instr::Bin(bin, self.num(operand_ty)));
        if !matches!(bin, BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge) {
            self.wrap(ty);
        }
        Ok(())
    }

    fn callee(&mut self, func: &Expr) -> Result<Callee> {
        let func = strip(func);
        let info = self.checked.expr(func.id).cloned();
        if let Some(info) = &info {
            match info.mode {
                Mode::Builtin(b) => return Ok(Callee::Builtin(b)),
                Mode::Type => return Ok(Callee::Conversion),
                _ => {}
            }
        }
        let sig_of = |c: &Self, ty: TypeId| {
            c.types
                .signature(ty)
                .cloned()
                .unwrap_or(crate::check::types::Signature {
                    params: vec![],
                    results: vec![],
                    variadic: false,
                })
        };
        let fty = info.as_ref().map_or(pd::INVALID, |i| i.ty);
        match &func.kind {
            ExprKind::Name(_) => {
                if let Some(obj) = self.checked.uses.get(&func.id).copied() {
                    if let Some(&index) = self.func_of.get(&obj) {
                        return Ok(Callee::Func(index, sig_of(self, fty)));
                    }
                }
            }
            ExprKind::Selector { x, sel } => match self.checked.selections.get(&func.id).cloned() {
                Some(Selection::Qualified(obj)) => {
                    if self.checked.object(obj).kind == ObjKind::Func {
                        let Some(native) = native_of(self.checked, obj) else {
                            let o = self.checked.object(obj);
                            return unsupported(sel.pos, &format!("{}.{}", o.package, o.name));
                        };
                        return Ok(Callee::Native(native, sig_of(self, fty)));
                    }
                }
                Some(Selection::Method {
                    method,
                    path,
                    address,
                    deref,
                }) => {
                    let recv = Receiver {
                        x: (**x).clone(),
                        path,
                        address,
                        deref,
                    };
                    if let Some(&index) = self.func_of.get(&method) {
                        return Ok(Callee::Method(index, recv, sig_of(self, fty)));
                    }
                    let Some(native) = native_of(self.checked, method) else {
                        let o = self.checked.object(method);
                        return unsupported(
                            sel.pos,
                            &format!("the method {}.{}", o.package, o.name),
                        );
                    };
                    return Ok(Callee::NativeMethod(native, recv, sig_of(self, fty)));
                }
                Some(Selection::InterfaceMethod { name }) => {
                    let k = self.message(name);
                    return Ok(Callee::Interface(k, (**x).clone(), sig_of(self, fty)));
                }
                _ => {}
            },
            _ => {}
        }
        Ok(Callee::Value(sig_of(self, fty)))
    }

    /// Pushes a method's receiver: through embedded fields, its address or what it points to.
    fn receiver(&mut self, recv: Receiver) -> Result<()> {
        let x = &recv.x;
        if recv.path.is_empty() {
            if recv.address {
                return self.addr(x);
            }
            self.expr(x)?;
            if recv.deref {
                self.emit(Instr::Deref);
            }
            return Ok(());
        }
        // Through embedded fields: a pointer to the embedded value, then as above.
        let mut ty = self.type_of(x);
        if let Type::Pointer(elem) = self.types.under_type(ty).clone() {
            self.expr(x)?;
            ty = elem;
        } else {
            self.addr(x)?;
        }
        for (n, i) in recv.path.iter().enumerate() {
            if n > 0 {
                if let Type::Pointer(elem) = self.types.under_type(ty).clone() {
                    self.emit(Instr::Deref);
                    ty = elem;
                }
            }
            let Type::Struct(fields) = self.types.under_type(ty).clone() else {
                return unsupported(x.pos, "this embedded field");
            };
            self.emit(Instr::FieldPtr(*i as u32));
            ty = fields[*i].ty;
        }
        if matches!(self.types.under_type(ty), Type::Pointer(_)) {
            self.emit(Instr::Deref);
            if !recv.address && recv.deref {
                self.emit(Instr::Deref);
            }
        } else if !recv.address {
            self.emit(Instr::Deref);
        }
        Ok(())
    }

    /// Pushes a call's arguments as the callee takes them; returns how many.
    fn args(
        &mut self,
        args: &[Expr],
        dots: bool,
        sig: &crate::check::types::Signature,
        _pos: Option<Pos>,
    ) -> Result<u32> {
        if args.len() == 1 && self.value_count(&args[0]) > 1 {
            self.expr_multi(&args[0])?;
            return Ok(self.value_count(&args[0]) as u32);
        }
        let fixed = if sig.variadic && !dots {
            sig.params.len() - 1
        } else {
            args.len()
        };
        for (i, a) in args.iter().take(fixed).enumerate() {
            let to = sig.params.get(i).copied().unwrap_or(pd::INVALID);
            self.expr_to(a, to)?;
        }
        if sig.variadic && !dots {
            let elem = match sig.params.last().map(|t| self.types.under_type(*t)) {
                Some(Type::Slice(elem)) => *elem,
                _ => pd::INVALID,
            };
            let rest = &args[fixed.min(args.len())..];
            for a in rest {
                self.expr_to(a, elem)?;
            }
            if rest.is_empty() {
                self.emit(Instr::Nil);
            } else {
                self.emit(Instr::MakeSlice(rest.len() as u32));
            }
            return Ok(fixed as u32 + 1);
        }
        Ok(args.len() as u32)
    }

    fn call(&mut self, e: &Expr, func: &Expr, args: &[Expr], dots: bool) -> Result<()> {
        let line = self.f.line;
        match self.callee(func)? {
            Callee::Builtin(b) => self.builtin(e, b, args, dots),
            Callee::Conversion => self.conversion(e, args),
            Callee::Func(index, sig) => {
                let n = self.args(args, dots, &sig, None)?;
                self.emit(Instr::CallFunc {
                    func: index,
                    args: n,
                });
                Ok(())
            }
            Callee::Method(index, recv, sig) => {
                self.receiver(recv)?;
                let n = self.args(args, dots, &sig, None)?;
                self.emit(Instr::CallFunc {
                    func: index,
                    args: n + 1,
                });
                Ok(())
            }
            Callee::Native(native, sig) => {
                let n = self.args(args, dots, &sig, None)?;
                self.emit(Instr::CallNative {
                    native,
                    args: n,
                    line,
                });
                Ok(())
            }
            Callee::NativeMethod(native, recv, sig) => {
                self.receiver(recv)?;
                let n = self.args(args, dots, &sig, None)?;
                self.emit(Instr::CallNative {
                    native,
                    args: n + 1,
                    line,
                });
                Ok(())
            }
            Callee::Interface(name, x, sig) => {
                self.expr(&x)?;
                let n = self.args(args, dots, &sig, None)?;
                self.emit(Instr::CallIface {
                    name,
                    args: n + 1,
                    line,
                });
                Ok(())
            }
            Callee::Value(sig) => {
                self.expr(func)?;
                let n = self.args(args, dots, &sig, None)?;
                self.emit(Instr::Call { args: n });
                Ok(())
            }
        }
    }

    fn builtin(&mut self, e: &Expr, b: Builtin, args: &[Expr], dots: bool) -> Result<()> {
        let line = self.f.line;
        match b {
            Builtin::Len | Builtin::Cap => {
                self.expr(&args[0])?;
                if let Type::Pointer(_) = self.types.under_type(self.type_of(&args[0])) {
                    self.emit(Instr::Deref);
                }
                self.emit(if b == Builtin::Len {
                    Instr::Len
                } else {
                    Instr::Cap
                });
            }
            Builtin::Append => {
                let sty = self.type_of(e);
                let elem = match self.types.under_type(sty) {
                    Type::Slice(elem) => *elem,
                    _ => pd::INVALID,
                };
                self.expr(&args[0])?;
                if dots {
                    self.expr(&args[1])?;
                    if self.types.is_string(self.type_of(&args[1])) {
                        self.emit(Instr::Convert(Conv::StringToBytes));
                    }
                    self.emit(Instr::Append {
                        count: 1,
                        spread: true,
                    });
                } else {
                    for a in &args[1..] {
                        self.expr_to(a, elem)?;
                    }
                    self.emit(Instr::Append {
                        count: args.len() as u32 - 1,
                        spread: false,
                    });
                }
            }
            Builtin::Make => {
                let ty = self.type_of(e);
                match self.types.under_type(ty).clone() {
                    Type::Chan(_, elem) => {
                        let zero = self.zero_const(elem);
                        let kind = self.elem_kind(elem);
                        let elem = self.constant(Value::Int(kind as i64));
                        if let Some(n) = args.get(1) {
                            self.expr(n)?;
                        }
                        self.emit(Instr::MakeChan {
                            elem,
                            zero,
                            buffered: args.len() > 1,
                            line,
                        });
                    }
                    Type::Slice(elem) => {
                        let zero = self.zero_const(elem);
                        self.expr(&args[1])?;
                        if let Some(cap) = args.get(2) {
                            self.expr(cap)?;
                        }
                        self.emit(Instr::MakeSliceLen {
                            zero,
                            with_cap: args.len() > 2,
                        });
                    }
                    Type::Map(..) => {
                        self.emit(Instr::MakeMap(0));
                    }
                    _ => return unsupported(e.pos, "make of this type"),
                }
            }
            Builtin::New => {
                let ty = match self.types.under_type(self.type_of(e)) {
                    Type::Pointer(elem) => *elem,
                    _ => pd::INVALID,
                };
                self.zero(ty);
                self.emit(Instr::Boxed);
            }
            Builtin::Delete => {
                self.expr(&args[0])?;
                let k = self.map_key(self.type_of(&args[0]));
                self.expr_to(&args[1], k)?;
                self.emit(Instr::Delete);
            }
            Builtin::Copy => {
                self.expr(&args[0])?;
                self.expr(&args[1])?;
                if self.types.is_string(self.type_of(&args[1])) {
                    self.emit(Instr::Convert(Conv::StringToBytes));
                }
                self.emit(Instr::Copy);
            }
            Builtin::Close => {
                self.expr(&args[0])?;
                self.emit(Instr::Close { line });
            }
            Builtin::Panic => {
                self.expr_to(&args[0], pd::ANY)?;
                self.emit(Instr::Panic);
            }
            Builtin::Print | Builtin::Println => {
                for a in args {
                    self.expr_to(a, pd::ANY)?;
                }
                self.emit(Instr::MakeSlice(args.len() as u32));
                self.emit(Instr::CallNative {
                    native: Native::BuiltinPrint {
                        newline: b == Builtin::Println,
                    },
                    args: 1,
                    line,
                });
            }
        }
        Ok(())
    }

    pub fn elem_kind(&self, ty: TypeId) -> super::value::Elem {
        use super::value::Elem;
        if self.types.is_integer(ty) {
            Elem::Int
        } else if self.types.is_boolean(ty) {
            Elem::Bool
        } else if matches!(self.types.under_type(ty), Type::Struct(f) if f.is_empty()) {
            Elem::Unit
        } else {
            Elem::Other
        }
    }

    fn conversion(&mut self, e: &Expr, args: &[Expr]) -> Result<()> {
        let to = self.type_of(e);
        let from = self.type_of(&args[0]);
        self.expr(&args[0])?;
        if self.is_interface(to) {
            self.coerce(from, to);
            return Ok(());
        }
        let conv = match (
            self.types.under_type(from).clone(),
            self.types.under_type(to).clone(),
        ) {
            (Type::Basic(f, _), Type::Basic(t, _)) => {
                if f.is_integer() && t.is_integer() {
                    self.int_kind(to).map(Conv::IntToInt)
                } else if f.is_integer() && t.is_float() {
                    Some(Conv::IntToFloat {
                        unsigned: f.is_unsigned(),
                    })
                } else if f.is_float() && t.is_integer() {
                    self.int_kind(to).map(Conv::FloatToInt)
                } else if f.is_float() && t == BasicKind::Float32 {
                    Some(Conv::FloatToF32)
                } else if f.is_integer() && t.is_string() {
                    Some(Conv::IntToString)
                } else {
                    None
                }
            }
            (Type::Basic(f, _), Type::Slice(elem)) if f.is_string() => {
                Some(if self.types.basic_kind(elem) == Some(BasicKind::Uint8) {
                    Conv::StringToBytes
                } else {
                    Conv::StringToRunes
                })
            }
            (Type::Slice(elem), Type::Basic(t, _)) if t.is_string() => {
                Some(if self.types.basic_kind(elem) == Some(BasicKind::Uint8) {
                    Conv::BytesToString
                } else {
                    Conv::RunesToString
                })
            }
            _ => None,
        };
        if let Some(conv) = conv {
            if conv != Conv::IntToInt(IntKind::I64) && conv != Conv::IntToInt(IntKind::U64) {
                self.emit(Instr::Convert(conv));
            }
        }
        Ok(())
    }
}

/// What a call calls.
enum Callee {
    Builtin(Builtin),
    Conversion,
    Func(u32, crate::check::types::Signature),
    Method(u32, Receiver, crate::check::types::Signature),
    Native(Native, crate::check::types::Signature),
    NativeMethod(Native, Receiver, crate::check::types::Signature),
    /// A method of an interface value, by the name's index in the messages.
    Interface(u32, Expr, crate::check::types::Signature),
    Value(crate::check::types::Signature),
}

struct Receiver {
    x: Expr,
    path: Vec<usize>,
    address: bool,
    deref: bool,
}

fn strip(mut e: &Expr) -> &Expr {
    while let ExprKind::Paren(x) = &e.kind {
        e = x;
    }
    e
}

/// The receive expression of a select case's statement.
fn recv_of(comm: &Stmt) -> &Expr {
    match &comm.kind {
        StmtKind::Assign { rhs, .. } | StmtKind::Define { rhs, .. } => &rhs[0],
        StmtKind::Expr(e) => e,
        StmtKind::Send { ch, .. } => ch,
        _ => unreachable!("a select case is a send, a receive, or an assignment of one"),
    }
}

fn bin_op(op: Op) -> Option<BinOp> {
    Some(match op {
        Op::Add => BinOp::Add,
        Op::Sub => BinOp::Sub,
        Op::Mul => BinOp::Mul,
        Op::Div => BinOp::Div,
        Op::Rem => BinOp::Rem,
        Op::And => BinOp::And,
        Op::Or => BinOp::Or,
        Op::Xor => BinOp::Xor,
        Op::AndNot => BinOp::AndNot,
        Op::Shl => BinOp::Shl,
        Op::Shr => BinOp::Shr,
        Op::Lss => BinOp::Lt,
        Op::Leq => BinOp::Le,
        Op::Gtr => BinOp::Gt,
        Op::Geq => BinOp::Ge,
        _ => return None,
    })
}

/// The library function or method an object of a library package is.
fn native_of(checked: &Checked, obj: ObjId) -> Option<Native> {
    let o = checked.object(obj);
    let recv = o.recv_named.and_then(|t| match checked.types.get(t) {
        Type::Named(n) => Some(n.name.clone()),
        _ => None,
    });
    let key = match &recv {
        Some(r) => format!("{}.{}.{}", o.package, r, o.name),
        None => format!("{}.{}", o.package, o.name),
    };
    super::library::native(&key)
}

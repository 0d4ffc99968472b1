//! The checker's state, the run from imports to report, error reporting as Go's compiler filters it, and the side tables' recording.

use std::collections::HashMap;

use super::library::{self, LibraryPackage};
use super::scope::{ObjId, ObjKind, Object, ScopeId, Scopes};
use super::types::{predeclared as pd, Type, TypeId, TypeTable};
use super::{Checked, ExprInfo, Mode, Selection, TypeError};
use crate::ast::{self, Expr, ExprKind, NodeId};
use crate::error::MAX_REPORTED_ERRORS;
use crate::token::Pos;

/// A package-level declaration not resolved yet (names at package level
/// may be used before their declaration).
#[derive(Clone, Copy)]
pub(super) enum Pending<'a> {
    /// A constant: the spec its type and values come from (a group repeats
    /// the last one that has values), its index there, and `iota`.
    Const {
        source: &'a ast::ConstSpec,
        index: usize,
        iota: i128,
    },
    /// All the variables of one spec are resolved together.
    Var {
        spec: &'a ast::VarSpec,
    },
    Type {
        spec: &'a ast::TypeSpec,
    },
    Func {
        decl: &'a ast::FuncDecl,
    },
}

/// The package being checked.
#[derive(Clone, Debug)]
pub(super) struct PackageCtx {
    pub path: String,
    /// The name types of this package are qualified with in messages
    /// (`None` for the program itself).
    pub qualifier: Option<String>,
    pub scope: ScopeId,
    pub file_scope: ScopeId,
    /// The program's own file: side tables are recorded, errors are Go's.
    pub is_main: bool,
}

/// The function whose body is being checked.
#[derive(Clone, Debug)]
pub(super) struct FuncCtx {
    pub results: Vec<TypeId>,
    /// The named result variables (empty when results are unnamed).
    pub result_vars: Vec<ObjId>,
    /// How deep in function literals (0 for a declared function).
    pub depth: u32,
    /// The function literal's node, for its capture list.
    pub lit: Option<NodeId>,
}

pub(super) struct Checker<'a> {
    pub types: TypeTable,
    pub objects: Vec<Object>,
    pub scopes: Scopes,
    pub universe: ScopeId,
    pub error_type: TypeId,
    /// The innermost scope.
    pub scope: ScopeId,
    pub pkg: PackageCtx,
    /// Each imported library package's scope, by path.
    pub package_scopes: HashMap<String, ScopeId>,
    /// Errors in the order they were reported.
    pub errors: Vec<TypeError>,
    pub pending: HashMap<ObjId, Pending<'a>>,
    /// Package-level objects being resolved, innermost last.
    pub resolving: Vec<ObjId>,
    /// The enclosing functions, innermost last.
    pub funcs: Vec<FuncCtx>,
    /// The value of `iota` in the constant declaration being checked.
    pub iota: Option<i128>,
    /// Local variables of the declared function being checked, for
    /// "declared but not used".
    pub locals: Vec<ObjId>,
    /// Variables whose type is settled even though it reads as invalid
    /// (others with an invalid type take their initial value's type).
    pub decided: Vec<ObjId>,
    pub exprs: Vec<Option<ExprInfo>>,
    pub uses: HashMap<NodeId, ObjId>,
    pub defs: HashMap<NodeId, ObjId>,
    pub selections: HashMap<NodeId, Selection>,
    pub captures: HashMap<NodeId, Vec<ObjId>>,
}

/// Parses the library packages `file` imports, and theirs, dependencies first.
fn load_libraries(file: &ast::File) -> Vec<(&'static LibraryPackage, ast::File)> {
    fn visit(
        path: &str,
        loaded: &mut Vec<(&'static LibraryPackage, ast::File)>,
        visiting: &mut Vec<String>,
    ) {
        let Some(package) = library::find(path) else {
            return;
        };
        if loaded.iter().any(|(p, _)| p.path == path) || visiting.iter().any(|v| v == path) {
            return;
        }
        visiting.push(path.to_string());
        // The library's sources are part of this crate and parse cleanly.
        if let Ok(parsed) = crate::parse(package.source) {
            for import in import_paths(&parsed) {
                visit(&import, loaded, visiting);
            }
            loaded.push((package, parsed));
        }
        visiting.pop();
    }
    let mut loaded = Vec::new();
    let mut visiting = Vec::new();
    for import in import_paths(file) {
        visit(&import, &mut loaded, &mut visiting);
    }
    loaded
}

pub(super) fn import_paths(file: &ast::File) -> Vec<String> {
    file.imports
        .iter()
        .filter_map(|spec| spec.path.as_ref())
        .filter_map(|lit| unquote_path(&lit.value))
        .collect()
}

pub(super) fn unquote_path(literal: &str) -> Option<String> {
    match super::constant::literal_value(crate::token::LitKind::String, literal) {
        Some(super::constant::Value::String(path)) => Some(path),
        _ => None,
    }
}

pub(super) fn run(file: &ast::File) -> Result<Checked, Vec<TypeError>> {
    let libraries = load_libraries(file);
    let mut checker = Checker::new(file.node_count);
    for (package, parsed) in &libraries {
        checker.check_package(parsed, package.path, Some(package.name), false);
    }
    checker.check_package(file, "", None, true);
    checker.finish()
}

impl<'a> Checker<'a> {
    fn new(node_count: u32) -> Checker<'a> {
        let mut scopes = Scopes::default();
        let universe = scopes.push(None, 0);
        let mut checker = Checker {
            types: TypeTable::new(),
            objects: Vec::new(),
            scopes,
            universe,
            error_type: pd::INVALID,
            scope: universe,
            pkg: PackageCtx {
                path: String::new(),
                qualifier: None,
                scope: universe,
                file_scope: universe,
                is_main: false,
            },
            package_scopes: HashMap::new(),
            errors: Vec::new(),
            pending: HashMap::new(),
            resolving: Vec::new(),
            funcs: Vec::new(),
            iota: None,
            locals: Vec::new(),
            decided: Vec::new(),
            exprs: vec![None; node_count as usize],
            uses: HashMap::new(),
            defs: HashMap::new(),
            selections: HashMap::new(),
            captures: HashMap::new(),
        };
        checker.declare_universe();
        checker
    }

    /// Checks one package's file (see the module docs for the steps).
    fn check_package(
        &mut self,
        file: &'a ast::File,
        path: &str,
        name: Option<&str>,
        is_main: bool,
    ) {
        let scope = self.scopes.push(Some(self.universe), 0);
        let file_scope = self.scopes.push(Some(scope), 0);
        self.pkg = PackageCtx {
            path: path.to_string(),
            qualifier: name.map(str::to_string),
            scope,
            file_scope,
            is_main,
        };
        self.scope = file_scope;
        if is_main {
            for decl in &file.decls {
                if let ast::Decl::Func(func) = decl {
                    if let Some(body) = &func.body {
                        self.check_branches(body);
                    }
                }
            }
        }
        let imports = self.declare_imports(file);
        self.collect(file);
        self.resolve_package(file);
        self.check_bodies(file);
        if is_main {
            self.report_unused_imports(&imports);
        }
        self.package_scopes.insert(path.to_string(), scope);
        if !is_main {
            self.defs.clear();
        }
    }

    fn finish(self) -> Result<Checked, Vec<TypeError>> {
        if self.errors.is_empty() {
            return Ok(Checked {
                types: self.types,
                objects: self.objects,
                exprs: self.exprs,
                uses: self.uses,
                defs: self.defs,
                selections: self.selections,
                captures: self.captures,
            });
        }
        // As cmd/compile's base.ErrorfAt: a repeat of the previous message
        // on its line is dropped, and the tenth error stops the compiler.
        let mut kept: Vec<TypeError> = Vec::new();
        let mut last: Option<(u32, String)> = None;
        let mut stopped_at = None;
        for error in self.errors {
            if matches!(&last, Some((line, message)) if *line == error.pos.line && *message == error.message)
            {
                continue;
            }
            last = Some((error.pos.line, error.message.clone()));
            kept.push(error);
            if kept.len() >= MAX_REPORTED_ERRORS {
                stopped_at = kept.last().map(|e| e.pos);
                break;
            }
        }
        kept.sort_by_key(|e| e.pos);
        kept.dedup();
        if let Some(pos) = stopped_at {
            kept.push(TypeError {
                pos,
                message: "too many errors".into(),
            });
        }
        Err(kept)
    }

    /// Reports an error at `pos`. As types2 does, a message naming an
    /// "invalid operand" or "invalid type" after the start is a follow-on
    /// error and dropped once anything was reported.
    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        let message = message.into();
        let follow_on = |word: &str| message.find(word).is_some_and(|i| i > 0);
        if !self.errors.is_empty() && (follow_on("invalid operand") || follow_on("invalid type")) {
            return;
        }
        if self.pkg.is_main {
            self.errors.push(TypeError { pos, message });
        } else {
            // The library's sources are meant to check cleanly; say where
            // if one does not.
            let message = format!("in library package {:?}: {message}", self.pkg.path);
            self.errors.push(TypeError { pos, message });
        }
    }

    pub fn new_object(&mut self, mut object: Object) -> ObjId {
        if object.package.is_empty() && !self.pkg.is_main {
            object.package = self.pkg.path.clone();
        }
        self.objects.push(object);
        ObjId(self.objects.len() as u32 - 1)
    }

    pub fn obj(&self, id: ObjId) -> &Object {
        &self.objects[id.0 as usize]
    }

    pub fn obj_mut(&mut self, id: ObjId) -> &mut Object {
        &mut self.objects[id.0 as usize]
    }

    /// A new object of the current package, declared at `ident`.
    pub fn object_at(&mut self, ident: &ast::Ident, kind: ObjKind, ty: TypeId) -> ObjId {
        let mut object = Object::new(&ident.name, kind, ty, ident.pos, &self.pkg.path.clone());
        object.local = !self.funcs.is_empty();
        object.func_depth = self.funcs.last().map_or(0, |f| f.depth);
        if self.pkg.is_main {
            object.decl = Some(ident.id);
        }
        let id = self.new_object(object);
        self.record_def(ident.id, id);
        id
    }

    /// Declares `obj` under its name in `scope`, reporting a redeclaration
    /// as Go does. The blank name `_` declares nothing. Returns whether the
    /// name was declared.
    pub fn declare(&mut self, scope: ScopeId, obj: ObjId) -> bool {
        let name = self.obj(obj).name.clone();
        if name == "_" {
            return false;
        }
        if let Err(alt) = self.scopes.insert(scope, &name, obj) {
            let pos = self.obj(obj).pos;
            let alt_pos = self.obj(alt).pos;
            let message = if alt_pos == Pos::default() {
                format!("{name} redeclared in this block")
            } else {
                format!(
                    "{name} redeclared in this block\n\t{}: other declaration of {name}",
                    self.pos_string(alt_pos)
                )
            };
            self.error(pos, message);
            return false;
        }
        true
    }

    /// Declares a local variable, which then counts for "declared but not used".
    pub fn declare_local_var(&mut self, scope: ScopeId, obj: ObjId) {
        if self.declare(scope, obj) {
            self.locals.push(obj);
        }
    }

    /// A position as a continuation line of a message prints it.
    pub fn pos_string(&self, pos: Pos) -> String {
        format!("./main.go:{}:{}", pos.line, pos.col)
    }

    pub fn open_scope(&mut self) -> ScopeId {
        let depth = self.funcs.last().map_or(0, |f| f.depth);
        self.scope = self.scopes.push(Some(self.scope), depth);
        self.scope
    }

    pub fn close_scope(&mut self) {
        if let Some(parent) = self.scopes.get(self.scope).parent {
            self.scope = parent;
        }
    }

    /// Looks a name up from the current scope, marking it used, resolving
    /// a package-level declaration on demand, and noting a capture when a
    /// function literal refers to an enclosing function's local.
    pub fn use_name(&mut self, name: &str) -> Option<ObjId> {
        let obj = self.scopes.lookup(self.scope, name)?;
        self.obj_mut(obj).used = true;
        self.resolve_object(obj);
        let depth = self.funcs.last().map_or(0, |f| f.depth);
        let object = self.obj(obj);
        if object.local && object.is_var() && object.func_depth < depth {
            let declared_at = object.func_depth;
            self.obj_mut(obj).captured = true;
            if self.pkg.is_main {
                for func in self.funcs.iter().filter(|f| f.depth > declared_at) {
                    if let Some(lit) = func.lit {
                        let list = self.captures.entry(lit).or_default();
                        if !list.contains(&obj) {
                            list.push(obj);
                        }
                    }
                }
            }
        }
        Some(obj)
    }

    pub fn record(&mut self, id: NodeId, info: ExprInfo) {
        if self.pkg.is_main {
            if let Some(slot) = self.exprs.get_mut(id.0 as usize) {
                *slot = Some(info);
            }
        }
    }

    /// Gives an untyped expression the type it ends up with, down through
    /// the operands whose type follows it.
    pub fn record_final_type(&mut self, x: &Expr, ty: TypeId) {
        if !self.pkg.is_main {
            return;
        }
        let Some(Some(info)) = self.exprs.get_mut(x.id.0 as usize) else {
            return;
        };
        if !self.types.is_untyped(info.ty) || info.ty == ty {
            return;
        }
        info.ty = ty;
        match &x.kind {
            ExprKind::Paren(inner) => self.record_final_type(inner, ty),
            ExprKind::Unary { x: inner, .. } => self.record_final_type(inner, ty),
            ExprKind::Binary {
                op,
                x: left,
                y: right,
            } => {
                if op.precedence() == crate::token::PREC_CMP
                    || matches!(op, crate::token::Op::AndAnd | crate::token::Op::OrOr)
                {
                    return;
                }
                self.record_final_type(left, ty);
                if !matches!(op, crate::token::Op::Shl | crate::token::Op::Shr) {
                    self.record_final_type(right, ty);
                }
            }
            _ => {}
        }
    }

    pub fn record_use(&mut self, id: NodeId, obj: ObjId) {
        if self.pkg.is_main {
            self.uses.insert(id, obj);
        }
    }

    /// Always recorded: a package's declarations are found through it
    /// (a library package's are dropped once it is checked).
    pub fn record_def(&mut self, id: NodeId, obj: ObjId) {
        self.defs.insert(id, obj);
    }

    pub fn record_selection(&mut self, id: NodeId, selection: Selection) {
        if self.pkg.is_main {
            self.selections.insert(id, selection);
        }
    }

    pub fn type_string(&self, ty: TypeId) -> String {
        self.types.type_string(ty)
    }

    pub fn mode_of(&self, id: NodeId) -> Option<Mode> {
        self.exprs
            .get(id.0 as usize)
            .and_then(|e| e.as_ref())
            .map(|e| e.mode)
    }

    pub fn named_methods(&self, ty: TypeId) -> Vec<ObjId> {
        match self.types.get(ty) {
            Type::Named(named) => named.methods.clone(),
            _ => Vec::new(),
        }
    }
}

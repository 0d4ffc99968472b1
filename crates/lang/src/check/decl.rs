//! Package-level declarations: imports, collecting names, resolving each on demand, invalid recursive types, methods, and the declarations a block may hold too.

use super::checker::{unquote_path, Checker, FuncCtx, Pending};
use super::library;
use super::operand::Operand;
use super::scope::{ObjId, ObjKind, Object};
use super::types::{predeclared as pd, Type, TypeId};
use crate::ast::{self, Decl, Expr, ExprKind};
use crate::token::{Op, Pos};

impl<'a> Checker<'a> {
    /// Declares the file's imports in its file scope; returns the package
    /// name objects and import paths, for the unused-import check.
    pub(super) fn declare_imports(&mut self, file: &'a ast::File) -> Vec<(ObjId, String)> {
        let mut imports = Vec::new();
        for spec in &file.imports {
            let Some(lit) = &spec.path else { continue };
            let Some(path) = unquote_path(&lit.value) else {
                continue;
            };
            let Some(package) = library::find(&path) else {
                self.error(
                    lit.pos,
                    format!(
                        "package {path} is not in std (the playground has {})",
                        supported_paths()
                    ),
                );
                continue;
            };
            let Some(&scope) = self.package_scopes.get(&path) else {
                continue;
            };
            let _ = scope;
            let index = library::PACKAGES
                .iter()
                .position(|p| p.path == path)
                .unwrap_or(0) as u32;
            let (name, pos, decl) = match &spec.name {
                Some(ident) => (ident.name.clone(), ident.pos, Some(ident.id)),
                None => (package.name.to_string(), lit.pos, None),
            };
            if name == "." {
                self.error(pos, "dot imports are not supported");
                continue;
            }
            let mut object = Object::new(
                &name,
                ObjKind::PkgName { package: index },
                pd::INVALID,
                pos,
                &path,
            );
            if self.pkg.is_main {
                object.decl = decl;
            }
            object.package = path.clone();
            let obj = self.new_object(object);
            if let Some(ident) = &spec.name {
                self.record_def(ident.id, obj);
            }
            if name != "_" {
                let file_scope = self.pkg.file_scope;
                self.declare(file_scope, obj);
            }
            imports.push((obj, path));
        }
        imports
    }

    pub(super) fn report_unused_imports(&mut self, imports: &[(ObjId, String)]) {
        for (obj, path) in imports {
            let object = self.obj(*obj);
            if object.used || object.name == "_" {
                continue;
            }
            let last = path.rsplit('/').next().unwrap_or(path);
            let message = if object.decl.is_none() || object.name == last {
                format!("imported and not used: {}", super::constant::quote(path))
            } else {
                format!(
                    "imported and not used: {} as {}",
                    super::constant::quote(path),
                    object.name
                )
            };
            let pos = object.pos;
            self.error(pos, message);
        }
    }

    /// Gives every package-level name an object, to be resolved on demand.
    pub(super) fn collect(&mut self, file: &'a ast::File) {
        let scope = self.pkg.scope;
        for decl in &file.decls {
            match decl {
                Decl::Const(group) => {
                    let mut source = None;
                    for (iota, spec) in group.specs.iter().enumerate() {
                        if spec.ty.is_some() || !spec.values.is_empty() || source.is_none() {
                            source = Some(spec);
                        }
                        let source = source.unwrap_or(spec);
                        for (index, name) in spec.names.iter().enumerate() {
                            let obj = self.object_at(name, ObjKind::Const(None), pd::INVALID);
                            self.pending.insert(
                                obj,
                                Pending::Const {
                                    source,
                                    index,
                                    iota: iota as i128,
                                },
                            );
                            self.declare_package_name(scope, obj);
                        }
                    }
                }
                Decl::Var(group) => {
                    for spec in &group.specs {
                        for name in &spec.names {
                            let obj = self.object_at(name, ObjKind::Var, pd::INVALID);
                            self.pending.insert(obj, Pending::Var { spec });
                            self.declare_package_name(scope, obj);
                        }
                    }
                }
                Decl::Type(group) => {
                    for spec in &group.specs {
                        let obj = self.object_at(&spec.name, ObjKind::TypeName, pd::INVALID);
                        if !spec.alias {
                            let named = self.types.new_named(
                                obj,
                                &spec.name.name,
                                self.pkg.qualifier.clone(),
                            );
                            self.obj_mut(obj).ty = named;
                        }
                        self.pending.insert(obj, Pending::Type { spec });
                        self.declare_package_name(scope, obj);
                    }
                }
                Decl::Func(func) => {
                    let obj = self.object_at(&func.name, ObjKind::Func, pd::INVALID);
                    self.pending.insert(obj, Pending::Func { decl: func });
                    if func.recv.is_none() && func.name.name != "init" {
                        self.declare_package_name(scope, obj);
                    }
                }
            }
        }
        // Methods join their receiver's type once every type has a name.
        for decl in &file.decls {
            if let Decl::Func(func) = decl {
                if let Some(recv) = &func.recv {
                    self.attach_method(func, recv);
                }
            }
        }
    }

    fn declare_package_name(&mut self, scope: super::scope::ScopeId, obj: ObjId) {
        // A package-level name that an import of the file already took.
        let name = self.obj(obj).name.clone();
        if let Some(import) = self.scopes.lookup_local(self.pkg.file_scope, &name) {
            let pos = self.obj(obj).pos;
            let import_pos = self.obj(import).pos;
            let message = format!(
                "{name} already declared through import of package {name} ({})\n\t{}: other declaration of {name}",
                super::constant::quote(&self.obj(import).package),
                self.pos_string(import_pos)
            );
            self.error(pos, message);
        }
        self.declare(scope, obj);
    }

    fn attach_method(&mut self, func: &'a ast::FuncDecl, recv: &'a ast::Field) {
        let Some(method) = self.defs_or_find(&func.name) else {
            return;
        };
        let mut base = &recv.ty;
        let mut pointer = false;
        loop {
            match &base.kind {
                ExprKind::Paren(inner) => base = inner,
                ExprKind::Unary { op: Op::Mul, x } if !pointer => {
                    pointer = true;
                    base = x;
                }
                _ => break,
            }
        }
        self.obj_mut(method).pointer_recv = pointer;
        let ExprKind::Name(name) = &base.kind else {
            return;
        };
        let Some(type_obj) = self.scopes.lookup_local(self.pkg.scope, name) else {
            return;
        };
        if self.obj(type_obj).kind != ObjKind::TypeName {
            return;
        }
        let named = self.obj(type_obj).ty;
        if !matches!(self.types.get(named), Type::Named(_)) {
            return;
        }
        let method_name = func.name.name.clone();
        if method_name == "_" {
            return;
        }
        let existing = self
            .named_methods(named)
            .into_iter()
            .find(|&m| self.obj(m).name == method_name);
        if let Some(alt) = existing {
            let type_name = self.obj(type_obj).name.clone();
            let alt_pos = self.pos_string(self.obj(alt).pos);
            let message = format!("{type_name}.{method_name} redeclared in this block\n\t{alt_pos}: other declaration of {method_name}");
            self.error(func.name.pos, message);
            return;
        }
        self.obj_mut(method).recv_named = Some(named);
        if let Some(named) = self.types.named_mut(named) {
            named.methods.push(method);
        }
    }

    /// Resolves the package's declarations: types first (so that others
    /// can use them), then the rest in source order.
    pub(super) fn resolve_package(&mut self, file: &'a ast::File) {
        let mut objects: Vec<ObjId> = self.pending.keys().copied().collect();
        objects.sort_by_key(|o| (self.obj(*o).pos, o.0));
        let (type_objs, others): (Vec<ObjId>, Vec<ObjId>) = objects
            .into_iter()
            .partition(|o| matches!(self.pending.get(o), Some(Pending::Type { .. })));
        for obj in &type_objs {
            self.resolve_object(*obj);
        }
        for obj in &type_objs {
            self.check_valid_type(*obj);
        }
        for obj in &type_objs {
            let ty = self.obj(*obj).ty;
            self.check_field_method_clash(ty);
        }
        for obj in others {
            self.resolve_object(obj);
        }
        let _ = file;
    }

    /// Resolves a package-level object if it is still pending.
    pub(super) fn resolve_object(&mut self, obj: ObjId) {
        let Some(pending) = self.pending.get(&obj).copied() else {
            return;
        };
        if self.resolving.contains(&obj) {
            // A type may refer to itself (through a pointer, say): its
            // named type exists already. Anything else is a cycle.
            if !matches!(pending, Pending::Type { .. }) {
                self.report_cycle(obj);
                self.pending.remove(&obj);
            }
            return;
        }
        self.resolving.push(obj);
        // Package-level expressions see the file scope, outside any function.
        let saved_scope = std::mem::replace(&mut self.scope, self.pkg.file_scope);
        let saved_funcs = std::mem::take(&mut self.funcs);
        let saved_iota = self.iota.take();
        match pending {
            Pending::Const {
                source,
                index,
                iota,
            } => {
                self.const_decl(obj, source.ty.as_ref(), source.values.get(index), iota);
            }
            Pending::Var { spec } => {
                let objs: Vec<ObjId> = spec
                    .names
                    .iter()
                    .filter_map(|n| self.defs_or_find(n))
                    .collect();
                for o in &objs {
                    self.pending.remove(o);
                }
                self.var_decl(&objs, &spec.names, spec.ty.as_ref(), &spec.values);
            }
            Pending::Type { spec } => self.type_decl(obj, spec),
            Pending::Func { decl } => self.func_decl_signature(obj, decl),
        }
        self.scope = saved_scope;
        self.funcs = saved_funcs;
        self.iota = saved_iota;
        self.resolving.pop();
        self.pending.remove(&obj);
    }

    /// The object declared at `ident` (recorded for the program, searched
    /// for a library package).
    fn defs_or_find(&self, ident: &ast::Ident) -> Option<ObjId> {
        self.defs.get(&ident.id).copied()
    }

    fn report_cycle(&mut self, obj: ObjId) {
        let start = self.resolving.iter().position(|&o| o == obj).unwrap_or(0);
        let cycle: Vec<ObjId> = self.resolving[start..].to_vec();
        let name = self.obj(obj).name.clone();
        let mut message = format!("initialization loop for {name}");
        for (i, o) in cycle.iter().enumerate() {
            let next = cycle.get(i + 1).copied().unwrap_or(obj);
            let _ = next;
            message.push_str(&format!(
                "\n\t{}: {} refers to",
                self.pos_string(self.obj(*o).pos),
                self.obj(*o).name
            ));
        }
        message.push_str(&format!(
            "\n\t{}: {name}",
            self.pos_string(self.obj(obj).pos)
        ));
        let pos = self.obj(obj).pos;
        self.error(pos, message);
        self.obj_mut(obj).ty = pd::INVALID;
    }

    fn type_decl(&mut self, obj: ObjId, spec: &'a ast::TypeSpec) {
        if !spec.type_params.is_empty() {
            self.error(spec.name.pos, "generic types are not supported");
        }
        if spec.alias {
            let ty = self.type_expr(&spec.ty);
            self.obj_mut(obj).ty = ty;
            return;
        }
        let named = self.obj(obj).ty;
        let rhs = self.type_expr(&spec.ty);
        let mut underlying = self.types.under(rhs);
        // `type A B` where B is still being resolved: the cycle goes
        // through no composite type, so neither has an underlying type.
        if underlying == pd::INVALID && rhs != pd::INVALID {
            if let Type::Named(other) = self.types.get(rhs) {
                let other_obj = other.obj;
                if self.resolving.contains(&other_obj) {
                    let start = self
                        .resolving
                        .iter()
                        .position(|&o| o == other_obj)
                        .unwrap_or(0);
                    let cycle: Vec<ObjId> = self.resolving[start..].to_vec();
                    self.report_type_cycle(&cycle);
                }
            }
            underlying = pd::INVALID;
        }
        if let Some(named) = self.types.named_mut(named) {
            named.underlying = underlying;
        }
    }

    fn report_type_cycle(&mut self, cycle: &[ObjId]) {
        let Some(&first) = cycle.iter().min_by_key(|o| self.obj(**o).pos) else {
            return;
        };
        let start = cycle.iter().position(|&o| o == first).unwrap_or(0);
        let name = self.obj(first).name.clone();
        let mut message = format!("invalid recursive type {name}");
        for i in 0..cycle.len() {
            let o = cycle[(start + i) % cycle.len()];
            message.push_str(&format!(
                "\n\t{}: {} refers to",
                self.pos_string(self.obj(o).pos),
                self.obj(o).name
            ));
        }
        message.push_str(&format!(
            "\n\t{}: {name}",
            self.pos_string(self.obj(first).pos)
        ));
        let pos = self.obj(first).pos;
        self.error(pos, message);
    }

    /// Reports a type that contains itself through fields or array elements
    /// (`type T struct{ next T }`), which would have no finite size, and
    /// cuts the cycle so that nothing later loops over it.
    fn check_valid_type(&mut self, obj: ObjId) {
        let start = self.obj(obj).ty;
        if !matches!(self.types.get(start), Type::Named(_)) {
            return;
        }
        let mut path = Vec::new();
        let mut visited = Vec::new();
        if self.contains_by_value(start, start, &mut path, &mut visited) {
            let cycle: Vec<ObjId> = path
                .iter()
                .filter_map(|t| match self.types.get(*t) {
                    Type::Named(n) => Some(n.obj),
                    _ => None,
                })
                .collect();
            self.report_type_cycle(&cycle);
            if let Some(named) = self.types.named_mut(start) {
                named.underlying = pd::INVALID;
            }
        }
    }

    fn contains_by_value(
        &self,
        start: TypeId,
        ty: TypeId,
        path: &mut Vec<TypeId>,
        visited: &mut Vec<TypeId>,
    ) -> bool {
        match self.types.get(ty) {
            Type::Named(named) => {
                if ty == start && !path.is_empty() {
                    return true;
                }
                if visited.contains(&ty) {
                    return false;
                }
                visited.push(ty);
                path.push(ty);
                if self.contains_by_value(start, named.underlying, path, visited) {
                    return true;
                }
                path.pop();
                false
            }
            Type::Array(_, elem) => self.contains_by_value(start, *elem, path, visited),
            Type::Struct(fields) => fields
                .iter()
                .any(|f| self.contains_by_value(start, f.ty, path, visited)),
            _ => false,
        }
    }

    fn check_field_method_clash(&mut self, ty: TypeId) {
        let Type::Named(named) = self.types.get(ty) else {
            return;
        };
        let Type::Struct(fields) = self.types.get(named.underlying) else {
            return;
        };
        let clashes: Vec<(ObjId, String)> = named
            .methods
            .iter()
            .filter(|&&m| fields.iter().any(|f| f.name == self.obj(m).name))
            .map(|&m| (m, self.obj(m).name.clone()))
            .collect();
        for (method, name) in clashes {
            let pos = self.obj(method).pos;
            self.error(pos, format!("field and method with the same name {name}"));
        }
    }

    /// Declares a constant's type and value (`ty` and `value` may come
    /// from an earlier spec of its group).
    pub(super) fn const_decl(
        &mut self,
        obj: ObjId,
        ty: Option<&'a Expr>,
        value: Option<&'a Expr>,
        iota: i128,
    ) {
        let declared = ty.map(|t| self.type_expr(t));
        if let Some(t) = declared {
            if t != pd::INVALID && !self.types.is_const_type(t) {
                let ty_expr = ty.unwrap();
                self.error(
                    ty_expr.start(),
                    format!("invalid constant type {}", self.type_string(t)),
                );
                self.obj_mut(obj).ty = pd::INVALID;
                return;
            }
        }
        self.iota = Some(iota);
        let Some(value) = value else {
            self.obj_mut(obj).ty = pd::INVALID;
            self.iota = None;
            return;
        };
        let mut x = self.expr(value);
        self.iota = None;
        if x.is_invalid() {
            self.obj_mut(obj).ty = pd::INVALID;
            return;
        }
        if x.mode != super::Mode::Constant {
            let described = self.describe(&x);
            self.error(x.pos(), format!("{described} is not constant"));
            self.obj_mut(obj).ty = pd::INVALID;
            return;
        }
        let target = declared.unwrap_or(x.ty);
        self.assignment(&mut x, Some(target), "constant declaration");
        if x.is_invalid() {
            self.obj_mut(obj).ty = pd::INVALID;
            return;
        }
        let object = self.obj_mut(obj);
        object.ty = x.ty;
        object.kind = ObjKind::Const(x.val.clone());
    }

    /// Declares variables' types from an optional type and initial values,
    /// as types2's `varDecl` and `arity` (each name with its own value, or
    /// all from one call).
    pub(super) fn var_decl(
        &mut self,
        objs: &[ObjId],
        names: &'a [ast::Ident],
        ty: Option<&'a Expr>,
        values: &'a [Expr],
    ) {
        let declared = ty.map(|t| self.type_expr(t));
        if let Some(t) = declared {
            for &o in objs {
                self.obj_mut(o).ty = t;
                if t == pd::INVALID {
                    self.decided.push(o);
                }
            }
        }
        if values.len() == objs.len() {
            for (&obj, value) in objs.iter().zip(values) {
                let mut x = self.expr(value);
                self.init_var(obj, &mut x, "variable declaration");
            }
        } else if values.len() == 1 {
            self.init_vars(objs, values, declared.is_none(), None);
        } else {
            for (&obj, value) in objs.iter().zip(values) {
                let mut x = self.expr(value);
                self.init_var(obj, &mut x, "variable declaration");
            }
            for &o in objs.iter().skip(values.len()) {
                if declared.is_none() {
                    self.obj_mut(o).ty = pd::INVALID;
                }
                self.obj_mut(o).used = true;
            }
        }
        if declared.is_none() || !values.is_empty() {
            self.arity(names, values, false);
        }
        for &o in objs {
            self.decided.retain(|&d| d != o);
        }
    }

    /// Reports a count mismatch of names and values in a declaration.
    pub(super) fn arity(&mut self, names: &'a [ast::Ident], values: &'a [Expr], constant: bool) {
        let (l, r) = (names.len(), values.len());
        if l < r {
            self.error(values[l].start(), "extra init expr");
        } else if l > r && (constant || r != 1) {
            let name = &names[r];
            self.error(name.pos, format!("missing init expr for {}", name.name));
        }
    }

    fn func_decl_signature(&mut self, obj: ObjId, decl: &'a ast::FuncDecl) {
        if !decl.type_params.is_empty() {
            self.error(decl.name.pos, "generic functions are not supported");
        }
        self.open_scope();
        if let Some(recv) = &decl.recv {
            let ty = self.type_expr(&recv.ty);
            let pos = recv.names.first().map_or(recv.ty.start(), |n| n.pos);
            self.check_receiver(ty, pos);
        }
        let (sig, _) = self.signature(&decl.ty, false);
        self.close_scope();
        self.obj_mut(obj).ty = sig;
        if decl.recv.is_none() && self.pkg.is_main {
            let name = decl.name.name.as_str();
            if name == "main" || name == "init" {
                let bad = self
                    .types
                    .signature(sig)
                    .is_some_and(|s| !s.params.is_empty() || !s.results.is_empty());
                if bad {
                    self.error(
                        decl.name.pos,
                        format!("func {name} must have no arguments and no return values"),
                    );
                }
            }
        }
    }

    fn check_receiver(&mut self, ty: TypeId, pos: Pos) {
        if ty == pd::INVALID {
            return;
        }
        let base = match self.types.get(ty) {
            Type::Pointer(elem) => *elem,
            _ => ty,
        };
        match self.types.get(base) {
            Type::Named(named) => {
                let owner = &self.obj(named.obj).package;
                if *owner != self.pkg.path {
                    let message = format!(
                        "cannot define new methods on non-local type {}",
                        self.type_string(base)
                    );
                    self.error(pos, message);
                    return;
                }
                let under = named.underlying;
                if matches!(self.types.get(under), Type::Pointer(_) | Type::Interface(_)) {
                    let message = format!(
                        "invalid receiver type {} (pointer or interface type)",
                        self.type_string(base)
                    );
                    self.error(pos, message);
                }
            }
            Type::Basic(..) => {
                let message = format!(
                    "cannot define new methods on non-local type {}",
                    self.type_string(base)
                );
                self.error(pos, message);
            }
            _ => {
                let message = format!("invalid receiver type {}", self.type_string(ty));
                self.error(pos, message);
            }
        }
    }

    /// Checks every function body of the package, in source order.
    pub(super) fn check_bodies(&mut self, file: &'a ast::File) {
        for decl in &file.decls {
            let Decl::Func(func) = decl else { continue };
            let Some(obj) = self.defs_or_find(&func.name) else {
                continue;
            };
            let Some(body) = &func.body else {
                if self.pkg.is_main {
                    self.error(func.name.pos, "missing function body");
                }
                continue;
            };
            let sig = self.obj(obj).ty;
            self.scope = self.pkg.file_scope;
            let scope = self.open_scope();
            let func_ctx = FuncCtx {
                results: Vec::new(),
                result_vars: Vec::new(),
                depth: 0,
                lit: None,
            };
            self.funcs.push(func_ctx);
            if let Some(recv) = &func.recv {
                let ty = self.type_expr(&recv.ty);
                for name in &recv.names {
                    let v = self.object_at(name, ObjKind::Var, ty);
                    self.obj_mut(v).param = true;
                    self.declare(scope, v);
                }
            }
            self.declare_params(&func.ty, sig);
            self.func_body(body);
            self.funcs.pop();
            self.close_scope();
            self.report_unused_locals();
        }
    }

    pub(super) fn report_unused_locals(&mut self) {
        let mut unused: Vec<ObjId> = std::mem::take(&mut self.locals)
            .into_iter()
            .filter(|&o| !self.obj(o).used && !self.obj(o).param)
            .collect();
        unused.sort_by_key(|&o| self.obj(o).pos);
        for o in unused {
            let pos = self.obj(o).pos;
            let name = self.obj(o).name.clone();
            self.error(pos, format!("{name} declared but not used"));
        }
    }

    /// Checks a local `const`, `var` or `type` declaration statement.
    pub(super) fn local_decl(&mut self, decl: &'a Decl) {
        let scope = self.scope;
        match decl {
            Decl::Const(group) => {
                let mut source: Option<&'a ast::ConstSpec> = None;
                for (iota, spec) in group.specs.iter().enumerate() {
                    if spec.ty.is_some() || !spec.values.is_empty() || source.is_none() {
                        source = Some(spec);
                    }
                    let source = source.unwrap_or(spec);
                    let mut objs = Vec::new();
                    for (index, name) in spec.names.iter().enumerate() {
                        let obj = self.object_at(name, ObjKind::Const(None), pd::INVALID);
                        // Constants are never "declared but not used".
                        self.const_decl(
                            obj,
                            source.ty.as_ref(),
                            source.values.get(index),
                            iota as i128,
                        );
                        objs.push(obj);
                    }
                    self.arity(&spec.names, &source.values, true);
                    for obj in objs {
                        self.declare(scope, obj);
                    }
                }
            }
            Decl::Var(group) => {
                for spec in &group.specs {
                    let objs: Vec<ObjId> = spec
                        .names
                        .iter()
                        .map(|name| self.object_at(name, ObjKind::Var, pd::INVALID))
                        .collect();
                    self.var_decl(&objs, &spec.names, spec.ty.as_ref(), &spec.values);
                    for obj in objs {
                        self.declare_local_var(scope, obj);
                    }
                }
            }
            Decl::Type(group) => {
                for spec in &group.specs {
                    let obj = self.object_at(&spec.name, ObjKind::TypeName, pd::INVALID);
                    if spec.alias {
                        let ty = self.type_expr(&spec.ty);
                        self.obj_mut(obj).ty = ty;
                        self.declare(scope, obj);
                        continue;
                    }
                    let named = self.types.new_named(obj, &spec.name.name, None);
                    self.obj_mut(obj).ty = named;
                    // The name is in scope within its own declaration.
                    self.declare(scope, obj);
                    self.resolving.push(obj);
                    self.type_decl(obj, spec);
                    self.resolving.pop();
                    self.check_valid_type(obj);
                }
            }
            Decl::Func(_) => {}
        }
    }

    /// The operand a constant or variable object gives where it is named.
    pub(super) fn object_operand(&mut self, obj: ObjId, x: &'a Expr) -> Operand<'a> {
        let object = self.obj(obj).clone();
        match object.kind {
            ObjKind::Const(value) => {
                if object.name == "iota" && object.package == super::universe::UNIVERSE {
                    return match self.iota {
                        Some(iota) => {
                            Operand::constant(x, pd::UNTYPED_INT, super::constant::Value::Int(iota))
                        }
                        None => {
                            self.error(x.start(), "cannot use iota outside constant declaration");
                            Operand::invalid(x)
                        }
                    };
                }
                match value {
                    Some(value) if object.ty != pd::INVALID => {
                        Operand::constant(x, object.ty, value)
                    }
                    _ => Operand::invalid(x),
                }
            }
            _ => Operand::invalid(x),
        }
    }
}

fn supported_paths() -> String {
    library::PACKAGES
        .iter()
        .map(|p| p.path)
        .collect::<Vec<_>>()
        .join(", ")
}

//! Objects (what a name denotes) and the scopes that map names to them.

use std::collections::HashMap;

use super::constant::Value;
use super::types::TypeId;
use crate::ast::NodeId;
use crate::token::Pos;

/// An object's index in [`super::Checked::objects`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjId(pub u32);

/// A scope's index in the checker's scope list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScopeId(pub u32);

/// A built-in function of the universe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    Append,
    Cap,
    Close,
    Copy,
    Delete,
    Len,
    Make,
    New,
    Panic,
    Print,
    Println,
}

impl Builtin {
    pub const ALL: [(Builtin, &'static str); 11] = [
        (Builtin::Append, "append"),
        (Builtin::Cap, "cap"),
        (Builtin::Close, "close"),
        (Builtin::Copy, "copy"),
        (Builtin::Delete, "delete"),
        (Builtin::Len, "len"),
        (Builtin::Make, "make"),
        (Builtin::New, "new"),
        (Builtin::Panic, "panic"),
        (Builtin::Print, "print"),
        (Builtin::Println, "println"),
    ];

    pub fn name(self) -> &'static str {
        Builtin::ALL
            .iter()
            .find(|(b, _)| *b == self)
            .map_or("?", |(_, name)| name)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ObjKind {
    /// A variable: package-level, local, parameter, result or receiver.
    Var,
    /// A constant, with its value (`None` after an error).
    Const(Option<Value>),
    TypeName,
    /// A function or, with `recv` set, a method.
    Func,
    /// An imported package's name in the file; `package` indexes
    /// [`super::Checked::packages`].
    PkgName {
        package: u32,
    },
    Builtin(Builtin),
    Nil,
}

/// What a name denotes.
#[derive(Clone, Debug)]
pub struct Object {
    pub name: String,
    pub kind: ObjKind,
    /// Its type (`INVALID` until known, and for package names and builtins).
    pub ty: TypeId,
    /// Where it is declared (0:0 for predeclared and library objects).
    pub pos: Pos,
    /// The declaring identifier's node in the checked file, if it is there.
    pub decl: Option<NodeId>,
    /// The package's import path (`""` for the checked package, `"universe"`
    /// for predeclared objects).
    pub package: String,
    /// For a method: whether its receiver is a pointer.
    pub pointer_recv: bool,
    /// For a method: the named type it belongs to.
    pub recv_named: Option<TypeId>,
    /// A local variable or constant: declared inside a function.
    pub local: bool,
    /// A parameter, result or receiver (never "declared but not used").
    pub param: bool,
    /// How deep in function literals it is declared (0: a declared function).
    pub func_depth: u32,
    /// Read somewhere (for "declared but not used" and unused imports).
    pub used: bool,
    /// A local variable that a function literal refers to: the interpreter
    /// keeps it in a shared cell rather than in the frame.
    pub captured: bool,
}

impl Object {
    pub fn new(name: &str, kind: ObjKind, ty: TypeId, pos: Pos, package: &str) -> Object {
        Object {
            name: name.to_string(),
            kind,
            ty,
            pos,
            decl: None,
            package: package.to_string(),
            pointer_recv: false,
            recv_named: None,
            local: false,
            param: false,
            func_depth: 0,
            used: false,
            captured: false,
        }
    }

    pub fn is_var(&self) -> bool {
        self.kind == ObjKind::Var
    }

    pub fn exported(&self) -> bool {
        is_exported(&self.name)
    }
}

pub fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

#[derive(Clone, Debug)]
pub struct Scope {
    pub parent: Option<ScopeId>,
    pub names: HashMap<String, ObjId>,
    /// How deep in function literals the scope is.
    pub func_depth: u32,
}

/// The scope tree of one check.
#[derive(Clone, Debug, Default)]
pub struct Scopes {
    scopes: Vec<Scope>,
}

impl Scopes {
    pub fn push(&mut self, parent: Option<ScopeId>, func_depth: u32) -> ScopeId {
        self.scopes.push(Scope {
            parent,
            names: HashMap::new(),
            func_depth,
        });
        ScopeId(self.scopes.len() as u32 - 1)
    }

    pub fn get(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.0 as usize]
    }

    /// The object already declared under `name` in this very scope.
    pub fn lookup_local(&self, scope: ScopeId, name: &str) -> Option<ObjId> {
        self.get(scope).names.get(name).copied()
    }

    /// Declares `name`, or returns the object already declared under it here.
    pub fn insert(&mut self, scope: ScopeId, name: &str, obj: ObjId) -> Result<(), ObjId> {
        let names = &mut self.scopes[scope.0 as usize].names;
        if let Some(&alt) = names.get(name) {
            return Err(alt);
        }
        names.insert(name.to_string(), obj);
        Ok(())
    }

    /// The innermost object named `name` seen from `scope`.
    pub fn lookup(&self, mut scope: ScopeId, name: &str) -> Option<ObjId> {
        loop {
            let s = self.get(scope);
            if let Some(&obj) = s.names.get(name) {
                return Some(obj);
            }
            scope = s.parent?;
        }
    }
}

//! The type checker: names resolved to objects, a type (and constant value) for every expression, and the type errors `go build` prints.
//!
//! The checker follows Go 1.19's (`cmd/compile/internal/types2`, as the
//! compiler configures it) closely enough to print the same messages at
//! the same positions. A check goes in steps:
//!
//! 1. **Branches** (`branches`): labels and `break`/`continue`/
//!    `fallthrough` placement, which Go's compiler checks while parsing,
//!    so their errors come first.
//! 2. **Imports** (`library`): each imported package is Go source with
//!    bodiless functions, parsed and checked like the program, before it.
//! 3. **Collect** (`decl`): every package-level name gets an object in the
//!    package scope, and each method is attached to its receiver's type.
//! 4. **Declare** (`decl`, `typexpr`): types first, then constants,
//!    variables and signatures, each resolved on demand so that order in
//!    the file does not matter; a type that contains itself is reported.
//! 5. **Bodies** (`stmt`, `assign`, `expr`, `call`): each function body in
//!    source order, scope by scope, recording each expression's type and
//!    value, each name's object, and which locals function literals
//!    capture; then unused variables, then unused imports.
//! 6. **Report**: as Go's compiler, the first ten errors reported, sorted
//!    by position, then `too many errors`.
//!
//! Left out: generics, type assertions and type switches, embedded
//! interfaces, `goto`, complex numbers, labels on anything but
//! `for`/`switch`/`select` are checked only as Go's parser does.

mod assign;
mod branches;
mod call;
mod checker;
pub mod constant;
mod decl;
mod expr;
mod library;
mod operand;
pub mod scope;
mod stmt;
pub mod types;
mod typexpr;
mod universe;

use std::collections::HashMap;
use std::fmt;

use crate::ast::{self, NodeId};
use crate::token::Pos;

pub use constant::Value;
pub use scope::{Builtin, ObjId, ObjKind, Object};
pub use types::{Type, TypeId, TypeTable};

/// One type error, as `go build` prints it after the file name: the
/// message's continuation lines start with a tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeError {
    pub pos: Pos,
    pub message: String,
}

impl fmt::Display for TypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pos, self.message)
    }
}

impl std::error::Error for TypeError {}

/// What kind of thing an expression is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A call of a function without results.
    NoValue,
    /// A built-in function (only ever called).
    Builtin(Builtin),
    /// A type, e.g. the function of a conversion `T(x)`.
    Type,
    /// A constant; its value is in [`ExprInfo::value`].
    Constant,
    /// An addressable value.
    Variable,
    /// `m[k]`: assignable, not addressable.
    MapIndex,
    /// Any other value.
    Value,
    /// A receive or map index that may be assigned to two variables.
    CommaOk,
    /// The untyped `nil`.
    Nil,
    /// An imported package's name (only as the left of a selector).
    Package,
}

/// An expression's mode, type, and constant value.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprInfo {
    pub mode: Mode,
    /// The final type: an untyped constant used as `int` records `int`.
    pub ty: TypeId,
    pub value: Option<Value>,
}

/// What a selector `x.f` selects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// A member of an imported package.
    Qualified(ObjId),
    /// A struct field: `path` gives the field index at each level, embedded
    /// fields first; `indirect` when a pointer is followed on the way.
    Field { path: Vec<usize>, indirect: bool },
    /// A method called on a value: `path` leads through embedded fields to
    /// the receiver. `address` when `x` is taken by address for a pointer
    /// receiver, `deref` when a pointer `x` is followed for a value receiver.
    Method {
        method: ObjId,
        path: Vec<usize>,
        address: bool,
        deref: bool,
    },
    /// A method of an interface value (`ctx.Done`, `err.Error`).
    InterfaceMethod { name: String },
}

/// The checked program's side tables, indexed by the nodes of its
/// [`ast::File`]: what the interpreter reads.
#[derive(Clone, Debug)]
pub struct Checked {
    pub types: TypeTable,
    pub objects: Vec<Object>,
    /// Per [`NodeId`]: each expression's mode, type and value.
    pub exprs: Vec<Option<ExprInfo>>,
    /// The object each name use denotes: [`ast::ExprKind::Name`] nodes, and
    /// the `sel` of a package-qualified selector.
    pub uses: HashMap<NodeId, ObjId>,
    /// The object each declaring [`ast::Ident`] declares.
    pub defs: HashMap<NodeId, ObjId>,
    /// Per selector expression node.
    pub selections: HashMap<NodeId, Selection>,
    /// Per function literal node: the enclosing functions' locals it
    /// refers to, in order of first reference.
    pub captures: HashMap<NodeId, Vec<ObjId>>,
}

impl Checked {
    pub fn expr(&self, id: NodeId) -> Option<&ExprInfo> {
        self.exprs.get(id.0 as usize).and_then(Option::as_ref)
    }

    pub fn object(&self, id: ObjId) -> &Object {
        &self.objects[id.0 as usize]
    }

    /// The object a name use or declaration denotes.
    pub fn object_of(&self, id: NodeId) -> Option<ObjId> {
        self.uses.get(&id).or_else(|| self.defs.get(&id)).copied()
    }

    /// The methods declared on a named type, value and pointer receivers
    /// alike (see [`Object::pointer_recv`]).
    pub fn methods(&self, named: TypeId) -> &[ObjId] {
        match self.types.get(named) {
            Type::Named(named) => &named.methods,
            _ => &[],
        }
    }
}

/// Type-checks a parsed file of package `main`.
///
/// On error, returns what `go build` would print after the syntax errors
/// (there are none once a file parses): at most ten errors, sorted by
/// position, then `too many errors` at the tenth.
pub fn check(file: &ast::File) -> Result<Checked, Vec<TypeError>> {
    checker::run(file)
}

//! The universe scope: predeclared types, constants, `nil`, and the built-in functions.

use super::checker::Checker;
use super::scope::{Builtin, ObjKind, Object};
use super::types::{predeclared as pd, Method, Type};
use crate::token::Pos;

pub const UNIVERSE: &str = "universe";

impl Checker<'_> {
    /// Fills the universe scope (the checker's first scope).
    pub(super) fn declare_universe(&mut self) {
        let universe = self.universe;
        let types = [
            ("bool", pd::BOOL),
            ("int", pd::INT),
            ("int8", pd::INT8),
            ("int16", pd::INT16),
            ("int32", pd::INT32),
            ("int64", pd::INT64),
            ("uint", pd::UINT),
            ("uint8", pd::UINT8),
            ("uint16", pd::UINT16),
            ("uint32", pd::UINT32),
            ("uint64", pd::UINT64),
            ("uintptr", pd::UINTPTR),
            ("float32", pd::FLOAT32),
            ("float64", pd::FLOAT64),
            ("string", pd::STRING),
            ("byte", pd::BYTE),
            ("rune", pd::RUNE),
            ("any", pd::ANY),
        ];
        for (name, ty) in types {
            self.declare_predeclared(Object::new(
                name,
                ObjKind::TypeName,
                ty,
                Pos::default(),
                UNIVERSE,
            ));
        }

        // error is a named interface with one method, Error() string.
        let error_obj = self.declare_predeclared(Object::new(
            "error",
            ObjKind::TypeName,
            pd::INVALID,
            Pos::default(),
            UNIVERSE,
        ));
        let error_ty = self.types.new_named(error_obj, "error", None);
        let error_sig = self.types.func(Vec::new(), vec![pd::STRING], false);
        let iface = self.types.intern(Type::Interface(vec![Method {
            name: "Error".into(),
            sig: error_sig,
        }]));
        if let Some(named) = self.types.named_mut(error_ty) {
            named.underlying = iface;
        }
        self.objects[error_obj.0 as usize].ty = error_ty;
        self.error_type = error_ty;

        for (name, value) in [("true", true), ("false", false)] {
            let kind = ObjKind::Const(Some(super::constant::Value::Bool(value)));
            self.declare_predeclared(Object::new(
                name,
                kind,
                pd::UNTYPED_BOOL,
                Pos::default(),
                UNIVERSE,
            ));
        }
        self.declare_predeclared(Object::new(
            "iota",
            ObjKind::Const(None),
            pd::UNTYPED_INT,
            Pos::default(),
            UNIVERSE,
        ));
        self.declare_predeclared(Object::new(
            "nil",
            ObjKind::Nil,
            pd::UNTYPED_NIL,
            Pos::default(),
            UNIVERSE,
        ));
        for (builtin, name) in Builtin::ALL {
            self.declare_predeclared(Object::new(
                name,
                ObjKind::Builtin(builtin),
                pd::INVALID,
                Pos::default(),
                UNIVERSE,
            ));
        }
        debug_assert!(self.scopes.lookup(universe, "nil").is_some());
    }

    fn declare_predeclared(&mut self, object: Object) -> super::scope::ObjId {
        let name = object.name.clone();
        let id = self.new_object(object);
        let _ = self.scopes.insert(self.universe, &name, id);
        id
    }
}

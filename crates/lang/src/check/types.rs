//! Go's types: the table that holds them, their names as Go's messages print them, identity, and the predicates the rules need.

use std::collections::HashMap;

use super::scope::ObjId;

/// A type's index in the [`TypeTable`]. Structural types are interned, so
/// equal ids mean identical types; the converse needs [`TypeTable::identical`]
/// (`byte` and `uint8`, `any` and `interface{}` are identical but kept apart
/// so messages name them as written).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BasicKind {
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    String,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedString,
    UntypedNil,
}

impl BasicKind {
    pub fn is_untyped(self) -> bool {
        use BasicKind::*;
        matches!(
            self,
            UntypedBool | UntypedInt | UntypedRune | UntypedFloat | UntypedString | UntypedNil
        )
    }
    pub fn is_integer(self) -> bool {
        use BasicKind::*;
        matches!(
            self,
            Int | Int8
                | Int16
                | Int32
                | Int64
                | Uint
                | Uint8
                | Uint16
                | Uint32
                | Uint64
                | Uintptr
                | UntypedInt
                | UntypedRune
        )
    }
    pub fn is_unsigned(self) -> bool {
        use BasicKind::*;
        matches!(self, Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
    }
    pub fn is_float(self) -> bool {
        matches!(
            self,
            BasicKind::Float32 | BasicKind::Float64 | BasicKind::UntypedFloat
        )
    }
    pub fn is_numeric(self) -> bool {
        self.is_integer() || self.is_float()
    }
    pub fn is_string(self) -> bool {
        matches!(self, BasicKind::String | BasicKind::UntypedString)
    }
    pub fn is_boolean(self) -> bool {
        matches!(self, BasicKind::Bool | BasicKind::UntypedBool)
    }
    /// The range of an integer kind (int and uint are 64 bits, as on the
    /// platforms Go's playground targets).
    pub fn int_range(self) -> Option<(i128, i128)> {
        use BasicKind::*;
        Some(match self {
            Int8 => (i8::MIN as i128, i8::MAX as i128),
            Int16 => (i16::MIN as i128, i16::MAX as i128),
            Int32 => (i32::MIN as i128, i32::MAX as i128),
            Int | Int64 => (i64::MIN as i128, i64::MAX as i128),
            Uint8 => (0, u8::MAX as i128),
            Uint16 => (0, u16::MAX as i128),
            Uint32 => (0, u32::MAX as i128),
            Uint | Uint64 | Uintptr => (0, u64::MAX as i128),
            _ => return None,
        })
    }
}

/// A channel's direction (the tree's, made hashable for interning).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanDir {
    Both,
    /// `chan<- T`
    Send,
    /// `<-chan T`
    Recv,
}

impl From<crate::ast::ChanDir> for ChanDir {
    fn from(dir: crate::ast::ChanDir) -> ChanDir {
        match dir {
            crate::ast::ChanDir::Both => ChanDir::Both,
            crate::ast::ChanDir::Send => ChanDir::Send,
            crate::ast::ChanDir::Recv => ChanDir::Recv,
        }
    }
}

/// A struct field.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    pub name: String,
    pub ty: TypeId,
    pub embedded: bool,
    /// The package that declared the field (decides whether an unexported
    /// name is visible); `None` for exported names.
    pub pkg: Option<u32>,
}

/// A function's parameter and result types. A variadic function's last
/// parameter is a slice.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signature {
    pub params: Vec<TypeId>,
    pub results: Vec<TypeId>,
    pub variadic: bool,
}

/// An interface's method.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Method {
    pub name: String,
    /// A [`Type::Func`].
    pub sig: TypeId,
}

/// A defined (named) type: `type T U`, or a predeclared one such as `error`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Named {
    pub obj: ObjId,
    pub name: String,
    /// The package name a message qualifies it with (`time` in
    /// `time.Duration`); `None` in the checked package and the universe.
    pub qualifier: Option<String>,
    /// Never a named type itself; `Invalid` until it is resolved, and for
    /// invalid recursive types.
    pub underlying: TypeId,
    /// Method objects, in declaration order.
    pub methods: Vec<ObjId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Invalid,
    Basic(BasicKind, &'static str),
    Named(Named),
    Pointer(TypeId),
    Slice(TypeId),
    Array(i64, TypeId),
    Map(TypeId, TypeId),
    Chan(ChanDir, TypeId),
    Struct(Vec<Field>),
    Func(Signature),
    Interface(Vec<Method>),
    /// The results of a call with other than one result.
    Tuple(Vec<TypeId>),
}

/// Every type of one check. The predeclared ones have fixed ids (see
/// [`TypeTable::new`]).
#[derive(Clone, Debug)]
pub struct TypeTable {
    types: Vec<Type>,
    interned: HashMap<Type, TypeId>,
}

/// The ids of the types every check has, in the order `TypeTable::new` adds them.
pub mod predeclared {
    use super::TypeId;
    pub const INVALID: TypeId = TypeId(0);
    pub const BOOL: TypeId = TypeId(1);
    pub const INT: TypeId = TypeId(2);
    pub const INT8: TypeId = TypeId(3);
    pub const INT16: TypeId = TypeId(4);
    pub const INT32: TypeId = TypeId(5);
    pub const INT64: TypeId = TypeId(6);
    pub const UINT: TypeId = TypeId(7);
    pub const UINT8: TypeId = TypeId(8);
    pub const UINT16: TypeId = TypeId(9);
    pub const UINT32: TypeId = TypeId(10);
    pub const UINT64: TypeId = TypeId(11);
    pub const UINTPTR: TypeId = TypeId(12);
    pub const FLOAT32: TypeId = TypeId(13);
    pub const FLOAT64: TypeId = TypeId(14);
    pub const STRING: TypeId = TypeId(15);
    pub const BYTE: TypeId = TypeId(16);
    pub const RUNE: TypeId = TypeId(17);
    pub const UNTYPED_BOOL: TypeId = TypeId(18);
    pub const UNTYPED_INT: TypeId = TypeId(19);
    pub const UNTYPED_RUNE: TypeId = TypeId(20);
    pub const UNTYPED_FLOAT: TypeId = TypeId(21);
    pub const UNTYPED_STRING: TypeId = TypeId(22);
    pub const UNTYPED_NIL: TypeId = TypeId(23);
    /// `interface{}` as written.
    pub const EMPTY_INTERFACE: TypeId = TypeId(24);
    /// `any`, printed as such.
    pub const ANY: TypeId = TypeId(25);
}

use predeclared as pd;

impl Default for TypeTable {
    fn default() -> Self {
        Self::new()
    }
}

impl TypeTable {
    pub fn new() -> TypeTable {
        use BasicKind::*;
        let mut table = TypeTable {
            types: Vec::new(),
            interned: HashMap::new(),
        };
        table.push(Type::Invalid);
        let basics: [(BasicKind, &'static str); 23] = [
            (Bool, "bool"),
            (Int, "int"),
            (Int8, "int8"),
            (Int16, "int16"),
            (Int32, "int32"),
            (Int64, "int64"),
            (Uint, "uint"),
            (Uint8, "uint8"),
            (Uint16, "uint16"),
            (Uint32, "uint32"),
            (Uint64, "uint64"),
            (Uintptr, "uintptr"),
            (Float32, "float32"),
            (Float64, "float64"),
            (String, "string"),
            (Uint8, "byte"),
            (Int32, "rune"),
            (UntypedBool, "untyped bool"),
            (UntypedInt, "untyped int"),
            (UntypedRune, "untyped rune"),
            (UntypedFloat, "untyped float"),
            (UntypedString, "untyped string"),
            (UntypedNil, "untyped nil"),
        ];
        for (kind, name) in basics {
            table.intern(Type::Basic(kind, name));
        }
        table.intern(Type::Interface(Vec::new()));
        // Not interned: `any` must keep its own id to print as `any`.
        table.push(Type::Interface(Vec::new()));
        debug_assert_eq!(table.types.len(), pd::ANY.0 as usize + 1);
        table
    }

    fn push(&mut self, ty: Type) -> TypeId {
        let id = TypeId(self.types.len() as u32);
        self.types.push(ty);
        id
    }

    /// The id of a structural type, made once.
    pub fn intern(&mut self, ty: Type) -> TypeId {
        if let Some(&id) = self.interned.get(&ty) {
            return id;
        }
        let id = self.push(ty.clone());
        self.interned.insert(ty, id);
        id
    }

    /// A new defined type, its underlying type still unknown.
    pub fn new_named(&mut self, obj: ObjId, name: &str, qualifier: Option<String>) -> TypeId {
        self.push(Type::Named(Named {
            obj,
            name: name.to_string(),
            qualifier,
            underlying: pd::INVALID,
            methods: Vec::new(),
        }))
    }

    pub fn named_mut(&mut self, id: TypeId) -> Option<&mut Named> {
        match &mut self.types[id.0 as usize] {
            Type::Named(named) => Some(named),
            _ => None,
        }
    }

    pub fn get(&self, id: TypeId) -> &Type {
        &self.types[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.types.len()
    }

    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    pub fn pointer(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Pointer(elem))
    }
    pub fn slice(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Slice(elem))
    }
    pub fn tuple(&mut self, types: Vec<TypeId>) -> TypeId {
        self.intern(Type::Tuple(types))
    }
    pub fn func(&mut self, params: Vec<TypeId>, results: Vec<TypeId>, variadic: bool) -> TypeId {
        self.intern(Type::Func(Signature {
            params,
            results,
            variadic,
        }))
    }

    /// The underlying type: never named.
    pub fn under(&self, id: TypeId) -> TypeId {
        match self.get(id) {
            Type::Named(named) => named.underlying,
            _ => id,
        }
    }

    pub fn under_type(&self, id: TypeId) -> &Type {
        self.get(self.under(id))
    }

    pub fn basic_kind(&self, id: TypeId) -> Option<BasicKind> {
        match self.under_type(id) {
            Type::Basic(kind, _) => Some(*kind),
            _ => None,
        }
    }

    pub fn is_named(&self, id: TypeId) -> bool {
        matches!(self.get(id), Type::Named(_)) || matches!(self.get(id), Type::Basic(..))
    }
    pub fn is_untyped(&self, id: TypeId) -> bool {
        matches!(self.get(id), Type::Basic(kind, _) if kind.is_untyped())
    }
    pub fn is_integer(&self, id: TypeId) -> bool {
        self.basic_kind(id).is_some_and(BasicKind::is_integer)
    }
    pub fn is_unsigned(&self, id: TypeId) -> bool {
        self.basic_kind(id).is_some_and(BasicKind::is_unsigned)
    }
    pub fn is_float(&self, id: TypeId) -> bool {
        self.basic_kind(id).is_some_and(BasicKind::is_float)
    }
    pub fn is_numeric(&self, id: TypeId) -> bool {
        self.basic_kind(id).is_some_and(BasicKind::is_numeric)
    }
    pub fn is_string(&self, id: TypeId) -> bool {
        self.basic_kind(id).is_some_and(BasicKind::is_string)
    }
    pub fn is_boolean(&self, id: TypeId) -> bool {
        self.basic_kind(id).is_some_and(BasicKind::is_boolean)
    }
    /// Whether constants of the type exist (booleans, numbers, strings).
    pub fn is_const_type(&self, id: TypeId) -> bool {
        self.basic_kind(id)
            .is_some_and(|k| k != BasicKind::UntypedNil)
    }
    pub fn is_interface(&self, id: TypeId) -> bool {
        matches!(self.under_type(id), Type::Interface(_))
    }
    /// Whether `nil` is a value of the type.
    pub fn has_nil(&self, id: TypeId) -> bool {
        matches!(
            self.under_type(id),
            Type::Pointer(_)
                | Type::Slice(_)
                | Type::Map(..)
                | Type::Chan(..)
                | Type::Func(_)
                | Type::Interface(_)
        ) || id == pd::UNTYPED_NIL
    }

    /// The type an untyped constant takes where no type is asked for.
    pub fn default_type(&self, id: TypeId) -> TypeId {
        match id {
            pd::UNTYPED_BOOL => pd::BOOL,
            pd::UNTYPED_INT => pd::INT,
            pd::UNTYPED_RUNE => pd::RUNE,
            pd::UNTYPED_FLOAT => pd::FLOAT64,
            pd::UNTYPED_STRING => pd::STRING,
            _ => id,
        }
    }

    pub fn signature(&self, id: TypeId) -> Option<&Signature> {
        match self.under_type(id) {
            Type::Func(sig) => Some(sig),
            _ => None,
        }
    }

    /// The types of a tuple, or the type alone.
    pub fn tuple_types(&self, id: TypeId) -> Vec<TypeId> {
        match self.get(id) {
            Type::Tuple(types) => types.clone(),
            _ => vec![id],
        }
    }

    /// Go's type identity.
    pub fn identical(&self, a: TypeId, b: TypeId) -> bool {
        if a == b {
            return true;
        }
        match (self.get(a), self.get(b)) {
            (Type::Basic(x, _), Type::Basic(y, _)) => x == y,
            (Type::Pointer(x), Type::Pointer(y)) | (Type::Slice(x), Type::Slice(y)) => {
                self.identical(*x, *y)
            }
            (Type::Array(n, x), Type::Array(m, y)) => n == m && self.identical(*x, *y),
            (Type::Map(k1, v1), Type::Map(k2, v2)) => {
                self.identical(*k1, *k2) && self.identical(*v1, *v2)
            }
            (Type::Chan(d1, x), Type::Chan(d2, y)) => d1 == d2 && self.identical(*x, *y),
            (Type::Struct(f), Type::Struct(g)) => {
                f.len() == g.len()
                    && f.iter().zip(g).all(|(f, g)| {
                        f.name == g.name
                            && f.embedded == g.embedded
                            && f.pkg == g.pkg
                            && self.identical(f.ty, g.ty)
                    })
            }
            (Type::Func(s), Type::Func(t)) => self.identical_signatures(s, t),
            (Type::Interface(m), Type::Interface(n)) => {
                m.len() == n.len()
                    && m.iter().all(|m| {
                        n.iter()
                            .any(|n| n.name == m.name && self.identical(n.sig, m.sig))
                    })
            }
            (Type::Tuple(x), Type::Tuple(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(x, y)| self.identical(*x, *y))
            }
            _ => false,
        }
    }

    fn identical_signatures(&self, s: &Signature, t: &Signature) -> bool {
        s.variadic == t.variadic
            && s.params.len() == t.params.len()
            && s.results.len() == t.results.len()
            && s.params
                .iter()
                .zip(&t.params)
                .all(|(x, y)| self.identical(*x, *y))
            && s.results
                .iter()
                .zip(&t.results)
                .all(|(x, y)| self.identical(*x, *y))
    }

    /// Why values of the type cannot be compared with `==`, or `None` if
    /// they can. The reason is Go's: `struct containing []int cannot be
    /// compared`, `slice can only be compared to nil`.
    pub fn incomparable_reason(&self, id: TypeId) -> Option<String> {
        let mut seen = Vec::new();
        self.incomparable(id, &mut seen, true)
    }

    fn incomparable(&self, id: TypeId, seen: &mut Vec<TypeId>, top: bool) -> Option<String> {
        if seen.contains(&id) {
            return None;
        }
        seen.push(id);
        let under = self.under(id);
        let reason = match self.get(under) {
            Type::Slice(_) | Type::Map(..) | Type::Func(_) => {
                if top {
                    let kind = match self.get(under) {
                        Type::Slice(_) => "slice",
                        Type::Map(..) => "map",
                        _ => "func",
                    };
                    Some(format!("{kind} can only be compared to nil"))
                } else {
                    Some(self.type_string(id))
                }
            }
            Type::Struct(fields) => fields.iter().find_map(|f| {
                self.incomparable(f.ty, seen, false).map(|inner| {
                    if top {
                        format!("struct containing {inner} cannot be compared")
                    } else {
                        inner
                    }
                })
            }),
            Type::Array(_, elem) => self.incomparable(*elem, seen, false).map(|inner| {
                if top {
                    format!("{} cannot be compared", self.type_string(id))
                } else {
                    inner
                }
            }),
            _ => None,
        };
        reason
    }

    pub fn is_comparable(&self, id: TypeId) -> bool {
        self.incomparable_reason(id).is_none()
    }

    /// The type as Go's messages print it.
    pub fn type_string(&self, id: TypeId) -> String {
        let mut out = String::new();
        self.write_type(&mut out, id, 0);
        out
    }

    fn write_type(&self, out: &mut String, id: TypeId, depth: u32) {
        // Types printed here are finite trees except through named types,
        // which print by name; the depth guard only bounds pathological input.
        if depth > 64 {
            out.push('…');
            return;
        }
        let depth = depth + 1;
        match self.get(id) {
            Type::Invalid => out.push_str("invalid type"),
            Type::Basic(_, name) => out.push_str(name),
            Type::Named(named) => {
                if let Some(qualifier) = &named.qualifier {
                    out.push_str(qualifier);
                    out.push('.');
                }
                out.push_str(&named.name);
            }
            Type::Pointer(elem) => {
                out.push('*');
                self.write_type(out, *elem, depth);
            }
            Type::Slice(elem) => {
                out.push_str("[]");
                self.write_type(out, *elem, depth);
            }
            Type::Array(len, elem) => {
                out.push_str(&format!("[{len}]"));
                self.write_type(out, *elem, depth);
            }
            Type::Map(key, value) => {
                out.push_str("map[");
                self.write_type(out, *key, depth);
                out.push(']');
                self.write_type(out, *value, depth);
            }
            Type::Chan(dir, elem) => {
                out.push_str(match dir {
                    ChanDir::Both => "chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Recv => "<-chan ",
                });
                let parens = *dir == ChanDir::Both
                    && matches!(self.get(*elem), Type::Chan(ChanDir::Recv, _));
                if parens {
                    out.push('(');
                }
                self.write_type(out, *elem, depth);
                if parens {
                    out.push(')');
                }
            }
            Type::Struct(fields) => {
                out.push_str("struct{");
                for (i, field) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    if !field.embedded {
                        out.push_str(&field.name);
                        out.push(' ');
                    }
                    self.write_type(out, field.ty, depth);
                }
                out.push('}');
            }
            Type::Func(sig) => {
                out.push_str("func");
                self.write_signature(out, sig, depth);
            }
            Type::Interface(methods) => {
                if id == pd::ANY {
                    out.push_str("any");
                    return;
                }
                out.push_str("interface{");
                for (i, method) in methods.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    out.push_str(&method.name);
                    if let Type::Func(sig) = self.get(method.sig) {
                        self.write_signature(out, sig, depth);
                    }
                }
                out.push('}');
            }
            Type::Tuple(types) => self.write_list(out, types, false, depth),
        }
    }

    fn write_list(&self, out: &mut String, types: &[TypeId], variadic: bool, depth: u32) {
        out.push('(');
        for (i, ty) in types.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            match self.get(*ty) {
                Type::Slice(elem) if variadic && i + 1 == types.len() => {
                    out.push_str("...");
                    self.write_type(out, *elem, depth);
                }
                _ => self.write_type(out, *ty, depth),
            }
        }
        out.push(')');
    }

    fn write_signature(&self, out: &mut String, sig: &Signature, depth: u32) {
        self.write_list(out, &sig.params, sig.variadic, depth);
        match sig.results.as_slice() {
            [] => {}
            [single] => {
                out.push(' ');
                self.write_type(out, *single, depth);
            }
            results => {
                out.push(' ');
                self.write_list(out, results, false, depth);
            }
        }
    }
}

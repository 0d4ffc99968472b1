//! Values of an interpreted program: Go's value semantics (structs and arrays copy, slices, maps, channels and pointers share) over reference counting.

use std::cell::{Cell as StdCell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use gobalance_core::go::{Chan, Ctx, Mutex, WaitGroup};

use crate::check::TypeId;

/// A variable that outlives its frame or has its address taken: closures
/// and pointers share it.
pub type Cell = Rc<RefCell<Value>>;

/// The array behind one or more slices.
pub type Backing = Rc<RefCell<Vec<Value>>>;

/// One Go value. Structs and arrays are an owned list of fields, so Rust's
/// `clone` is Go's copy; everything Go shares is behind an `Rc`.
#[derive(Clone, Debug)]
pub enum Value {
    /// `nil` of any type, and the zero value of a sync type not used yet.
    Nil,
    Bool(bool),
    /// Every integer type, wrapped to its width after each operation;
    /// `uint64` keeps its bits.
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    /// A struct's fields or an array's elements.
    Struct(Box<[Value]>),
    Slice(SliceVal),
    Map(Rc<RefCell<MapObj>>),
    Chan(Rc<ChanObj>),
    Pointer(Rc<Ptr>),
    Func(Rc<Callable>),
    /// A non-nil interface holding a value of a Go type: the dynamic type and the value.
    Iface(Rc<(TypeId, Value)>),
    /// An error made by `errors.New`, `fmt.Errorf` or the context package;
    /// errors compare by identity, as Go's pointers to them do.
    Error(Rc<ErrorObj>),
    Context(Rc<CtxObj>),
    WaitGroup(Rc<WgObj>),
    Mutex(Rc<MutexObj>),
    Rand(Rc<RefCell<super::rand::GoRand>>),
    /// A frame slot holding a shared variable.
    Cell(Cell),
}

#[derive(Clone, Debug)]
pub struct SliceVal {
    pub backing: Backing,
    pub off: u32,
    pub len: u32,
    pub cap: u32,
}

impl SliceVal {
    pub fn new(items: Vec<Value>) -> SliceVal {
        let len = items.len() as u32;
        SliceVal {
            backing: Rc::new(RefCell::new(items)),
            off: 0,
            len,
            cap: len,
        }
    }

    pub fn to_vec(&self) -> Vec<Value> {
        let backing = self.backing.borrow();
        backing[self.off as usize..(self.off + self.len) as usize].to_vec()
    }

    pub fn get(&self, i: usize) -> Value {
        self.backing.borrow()[self.off as usize + i].clone()
    }

    pub fn set(&self, i: usize, v: Value) {
        self.backing.borrow_mut()[self.off as usize + i] = v;
    }
}

/// Where a pointer points: a variable, or an element of a slice's array;
/// `path` then walks into struct fields and array elements.
#[derive(Clone, Debug)]
pub struct Ptr {
    pub root: Root,
    pub path: Box<[u32]>,
}

#[derive(Clone, Debug)]
pub enum Root {
    Cell(Cell),
    Elem(Backing, u32),
}

fn walk<'v>(mut v: &'v Value, path: &[u32]) -> &'v Value {
    for &i in path {
        if let Value::Struct(fields) = v {
            v = &fields[i as usize];
        }
    }
    v
}

fn walk_mut<'v>(mut v: &'v mut Value, path: &[u32]) -> &'v mut Value {
    for &i in path {
        if let Value::Struct(fields) = v {
            v = &mut fields[i as usize];
        }
    }
    v
}

impl Ptr {
    pub fn to_cell(cell: Cell) -> Value {
        Value::Pointer(Rc::new(Ptr {
            root: Root::Cell(cell),
            path: Box::new([]),
        }))
    }

    pub fn load(&self) -> Value {
        match &self.root {
            Root::Cell(cell) => walk(&cell.borrow(), &self.path).clone(),
            Root::Elem(backing, i) => walk(&backing.borrow()[*i as usize], &self.path).clone(),
        }
    }

    pub fn store(&self, value: Value) {
        self.with_mut(|slot| *slot = value);
    }

    pub fn with_mut<R>(&self, f: impl FnOnce(&mut Value) -> R) -> R {
        match &self.root {
            Root::Cell(cell) => f(walk_mut(&mut cell.borrow_mut(), &self.path)),
            Root::Elem(backing, i) => {
                f(walk_mut(&mut backing.borrow_mut()[*i as usize], &self.path))
            }
        }
    }

    /// The pointer one field (or array element) further in.
    pub fn step(&self, index: u32) -> Ptr {
        let mut path = self.path.to_vec();
        path.push(index);
        Ptr {
            root: self.root.clone(),
            path: path.into(),
        }
    }

    fn same(&self, other: &Ptr) -> bool {
        let roots = match (&self.root, &other.root) {
            (Root::Cell(a), Root::Cell(b)) => Rc::ptr_eq(a, b),
            (Root::Elem(a, i), Root::Elem(b, j)) => Rc::ptr_eq(a, b) && i == j,
            _ => false,
        };
        roots && self.path == other.path
    }

    /// A stable number for the pointer, as map keys and `%p` need.
    pub fn address(&self) -> usize {
        let base = match &self.root {
            Root::Cell(c) => Rc::as_ptr(c) as usize,
            Root::Elem(b, i) => Rc::as_ptr(b) as usize + *i as usize * 24,
        };
        self.path
            .iter()
            .fold(base, |a, &i| a.wrapping_add(i as usize * 8))
    }
}

/// A function value: a compiled function with the variables it captured,
/// or a library function.
#[derive(Debug)]
pub enum Callable {
    Go {
        func: u32,
        captures: Box<[Value]>,
    },
    /// The `cancel` of `context.WithCancel`/`WithTimeout`.
    Cancel(Rc<CtxObj>),
    Native(super::code::Native),
}

/// A map: entries in key order, which keeps runs deterministic and prints
/// maps in the order fmt sorts them.
#[derive(Debug, Default)]
pub struct MapObj {
    pub entries: BTreeMap<Key, (Value, Value)>,
}

/// A map key: a comparable value, ordered as fmt sorts keys.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    Nil,
    Bool(bool),
    Int(i64),
    Float(i64),
    Str(Rc<str>),
    Agg(Vec<Key>),
    Ref(usize),
    Typed(u32, Box<Key>),
}

impl Key {
    pub fn of(v: &Value) -> Key {
        match v {
            Value::Nil => Key::Nil,
            Value::Bool(b) => Key::Bool(*b),
            Value::Int(i) => Key::Int(*i),
            Value::Float(f) => {
                let bits = (if *f == 0.0 { 0.0 } else { *f }).to_bits() as i64;
                Key::Float(if bits < 0 { bits ^ i64::MAX } else { bits })
            }
            Value::Str(s) => Key::Str(s.clone()),
            Value::Struct(fields) => Key::Agg(fields.iter().map(Key::of).collect()),
            Value::Iface(iface) => Key::Typed(iface.0 .0, Box::new(Key::of(&iface.1))),
            Value::Pointer(p) => Key::Ref(p.address()),
            Value::Chan(c) => Key::Ref(Rc::as_ptr(c) as usize),
            Value::Error(e) => Key::Ref(Rc::as_ptr(e) as usize),
            Value::Context(c) => Key::Ref(Rc::as_ptr(c) as usize),
            _ => Key::Nil,
        }
    }
}

/// What the values a channel carries are, which decides how they cross
/// the engine (whose channels carry `u32`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Elem {
    /// Integers: small non-negative ones go through as themselves.
    Int,
    /// `struct{}`: nothing to carry.
    Unit,
    Bool,
    /// Anything else: a handle to the side table.
    Other,
}

#[derive(Debug)]
pub struct ChanObj {
    pub id: Chan,
    pub cap: u32,
    pub elem: Elem,
    pub zero: Value,
    /// Closed by the program (the interpreter checks sends and closes
    /// itself, so the panicking goroutine's deferred calls run first).
    pub closed: StdCell<bool>,
    /// A tasks channel: what is sent on it is a queued task.
    pub tasks: bool,
}

#[derive(Debug)]
pub struct ErrorObj {
    pub message: String,
}

#[derive(Debug)]
pub struct CtxObj {
    /// `None` for `context.Background()`, whose Done channel is nil.
    pub ctx: Option<Ctx>,
    pub done: Option<Rc<ChanObj>>,
    pub err: RefCell<Value>,
    pub children: RefCell<Vec<Rc<CtxObj>>>,
}

#[derive(Debug, Default)]
pub struct WgObj {
    pub id: StdCell<Option<WaitGroup>>,
    pub count: StdCell<i64>,
}

#[derive(Debug, Default)]
pub struct MutexObj {
    pub id: StdCell<Option<Mutex>>,
    pub locked: StdCell<bool>,
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn as_int(&self) -> i64 {
        match self {
            Value::Int(i) => *i,
            Value::Float(f) => *f as i64,
            Value::Bool(b) => *b as i64,
            _ => 0,
        }
    }

    pub fn as_float(&self) -> f64 {
        match self {
            Value::Float(f) => *f,
            Value::Int(i) => *i as f64,
            _ => 0.0,
        }
    }

    pub fn as_bool(&self) -> bool {
        matches!(self, Value::Bool(true))
    }

    pub fn as_str(&self) -> &str {
        match self {
            Value::Str(s) => s,
            _ => "",
        }
    }

    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// Go's `==` on comparable values.
    pub fn equals(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a == b,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Struct(a), Value::Struct(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.equals(y))
            }
            (Value::Pointer(a), Value::Pointer(b)) => a.same(b),
            (Value::Chan(a), Value::Chan(b)) => Rc::ptr_eq(a, b),
            (Value::Map(a), Value::Map(b)) => Rc::ptr_eq(a, b),
            (Value::Iface(a), Value::Iface(b)) => a.0 == b.0 && a.1.equals(&b.1),
            (Value::Error(a), Value::Error(b)) => Rc::ptr_eq(a, b),
            (Value::Context(a), Value::Context(b)) => Rc::ptr_eq(a, b),
            (Value::Func(a), Value::Func(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

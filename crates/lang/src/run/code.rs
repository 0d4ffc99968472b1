//! The executable form of a compiled program: instructions over a value stack and frame slots, functions, and the library functions they call.

use std::rc::Rc;

use super::value::Value;
use crate::check::TypeId;

/// An integer type's width and signedness, for wrapping results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntKind {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
}

impl IntKind {
    pub fn unsigned(self) -> bool {
        matches!(
            self,
            IntKind::U8 | IntKind::U16 | IntKind::U32 | IntKind::U64
        )
    }

    /// `x` reduced to the type's range, as Go's arithmetic wraps.
    pub fn wrap(self, x: i64) -> i64 {
        match self {
            IntKind::I8 => x as i8 as i64,
            IntKind::I16 => x as i16 as i64,
            IntKind::I32 => x as i32 as i64,
            IntKind::U8 => x as u8 as i64,
            IntKind::U16 => x as u16 as i64,
            IntKind::U32 => x as u32 as i64,
            IntKind::I64 | IntKind::U64 => x,
        }
    }
}

/// What the operands of an arithmetic or comparison operator are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Num {
    Int(IntKind),
    Float,
    Str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    And,
    Or,
    Xor,
    AndNot,
    Shl,
    Shr,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A conversion `T(x)` that changes the representation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conv {
    IntToInt(IntKind),
    IntToFloat {
        unsigned: bool,
    },
    FloatToInt(IntKind),
    /// `float32(x)`: rounded to single precision.
    FloatToF32,
    IntToString,
    StringToBytes,
    StringToRunes,
    BytesToString,
    RunesToString,
}

/// What a value is indexed as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indexed {
    Slice,
    Array,
    /// A pointer to an array.
    ArrayPtr,
    Str,
}

/// One instruction. Operands are popped from the value stack and results
/// pushed; slots are the frame's variables.
#[derive(Clone, Debug)]
pub enum Instr {
    Const(u32),
    Int(i64),
    Nil,
    Pop,
    Dup,
    /// Duplicates the top two values (`m[k] op= v`: map and key).
    Dup2,
    Load(u32),
    Store(u32),
    /// Pops a value into a new shared variable in the slot.
    NewCell(u32),
    LoadCell(u32),
    StoreCell(u32),
    /// Pushes a pointer to the slot's shared variable.
    AddrCell(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    AddrGlobal(u32),
    Bin(BinOp, Num),
    /// `x == y` (or `!=` with `negate`).
    Eq {
        negate: bool,
    },
    Neg(Num),
    Not,
    Complement(IntKind),
    Jump(u32),
    JumpIfFalse(u32),
    JumpIfTrue(u32),
    /// Pops this many values into a struct or array.
    MakeStruct(u32),
    MakeSlice(u32),
    /// Pops key, value pairs.
    MakeMap(u32),
    /// `make([]T, len, cap)`: the zero element is a constant; `cap` is on the stack when `with_cap`.
    MakeSliceLen {
        zero: u32,
        with_cap: bool,
    },
    Field(u32),
    Deref,
    /// A value into a new variable, giving a pointer to it (`&T{}`, `new(T)`).
    Boxed,
    FieldPtr(u32),
    /// Pointer to element `i` of a slice or of an array behind a pointer.
    ElemPtr(Indexed),
    /// Pops a value, then the pointer it is stored through.
    StorePtr,
    Index(Indexed),
    /// Pops key then map; the constant is the value type's zero.
    MapIndex {
        zero: u32,
        comma_ok: bool,
    },
    /// Pops value, key, map.
    SetMap,
    Delete,
    SliceOf {
        kind: Indexed,
        lo: bool,
        hi: bool,
        max: bool,
    },
    Len,
    Cap,
    /// Appends this many values, or a whole slice when `spread`.
    Append {
        count: u32,
        spread: bool,
    },
    Copy,
    Convert(Conv),
    ToIface(TypeId),
    /// Packs a function with the captured variables on the stack.
    MakeClosure {
        func: u32,
        captures: u32,
    },
    /// Calls the function value below `args` arguments.
    Call {
        args: u32,
    },
    CallFunc {
        func: u32,
        args: u32,
    },
    CallNative {
        native: Native,
        args: u32,
        line: u16,
    },
    /// Calls method `name` (an index into the messages) of the interface value below the arguments.
    CallIface {
        name: u32,
        args: u32,
        line: u16,
    },
    /// Pops this many results into the result slots.
    SetResults(u32),
    /// Runs the deferred calls, then returns the result slots.
    Ret,
    /// `defer f(args)` (the callee below its arguments).
    Defer {
        args: u32,
    },
    DeferNative {
        native: Native,
        args: u32,
        line: u16,
    },
    /// `go f(args)`.
    Go {
        args: u32,
        line: u16,
    },
    GoNative {
        native: Native,
        args: u32,
        line: u16,
    },
    Panic,
    /// Pops a value as a statement would: multiple results are popped by several.
    MakeChan {
        elem: u32,
        zero: u32,
        buffered: bool,
        line: u16,
    },
    Send {
        line: u16,
    },
    Recv {
        line: u16,
        comma_ok: bool,
    },
    Close {
        line: u16,
    },
    /// Pops the channels (and sent values) of its cases; pushes the
    /// received value, `ok`, and the chosen case (the case count for `default`).
    Select {
        select: u32,
        line: u16,
    },
    /// `var wg sync.WaitGroup`: made at once, as the built-in programs do.
    NewWaitGroup {
        line: u16,
    },
    /// `for k := range m`: a map's keys, as a slice.
    MapKeys,
    /// `for i, r := range s`: pops string, byte index; pushes the rune, the next index.
    DecodeRune,
}

/// A `select` statement's shape: for each case whether it sends.
#[derive(Clone, Debug)]
pub struct SelectShape {
    pub sends: Vec<bool>,
    pub has_default: bool,
    /// For each receive case, the zero value of its channel's element.
    pub zeros: Vec<Value>,
}

/// A compiled function.
#[derive(Debug)]
pub struct Func {
    pub params: u32,
    /// Result slots follow the parameters.
    pub results: u32,
    /// Slots in all: parameters, results, captured variables (as cells, in
    /// the closure's order), then locals.
    pub slots: u32,
    pub code: Vec<Instr>,
    /// The source line of each instruction.
    pub lines: Vec<u16>,
}

impl Func {
    pub fn first_result(&self) -> u32 {
        self.params
    }
    /// Where the captured variables start.
    pub fn first_capture(&self) -> u32 {
        self.params + self.results
    }
}

/// Everything a run needs from the compiler.
#[derive(Debug)]
pub struct Code {
    pub funcs: Vec<Rc<Func>>,
    pub consts: Vec<Value>,
    pub selects: Vec<SelectShape>,
    pub messages: Vec<String>,
    /// The function that sets the package's variables, then calls `main`.
    pub entry: u32,
    pub globals: u32,
    /// Methods by dynamic type and name, for calls through interfaces:
    /// the function, and whether its receiver is a pointer.
    pub methods: std::collections::HashMap<(TypeId, String), (u32, bool)>,
}

/// A library function or method, implemented in Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Native {
    // fmt
    Print,
    Println,
    Printf,
    Sprint,
    Sprintln,
    Sprintf,
    Errorf,
    /// The built-in `print`/`println` (to standard error).
    BuiltinPrint {
        newline: bool,
    },
    // errors
    ErrorsNew,
    ErrorsIs,
    ErrorsUnwrap,
    /// `close(ch)` and `panic(v)`, deferred.
    CloseChan,
    PanicValue,
    // time
    Sleep,
    Tick,
    After,
    NewTicker,
    NewTimer,
    TickerStop,
    TimerStop,
    Now,
    Since,
    Until,
    ParseDuration,
    DurationHours,
    DurationMinutes,
    DurationSeconds,
    DurationMilliseconds,
    DurationMicroseconds,
    DurationNanoseconds,
    DurationString,
    DurationRound,
    DurationTruncate,
    TimeSub,
    TimeAdd,
    TimeBefore,
    TimeAfter,
    TimeEqual,
    TimeIsZero,
    TimeUnixNano,
    TimeUnixMilli,
    // sync
    WgAdd,
    WgDone,
    WgWait,
    Lock,
    Unlock,
    TryLock,
    OnceDo,
    // sync/atomic
    AtomicAdd {
        bits32: bool,
    },
    AtomicLoad,
    AtomicStore,
    AtomicSwap,
    AtomicCas,
    // context
    Background,
    WithCancel,
    WithTimeout,
    // runtime
    NumGoroutine,
    NumCpu,
    Gomaxprocs,
    Gosched,
    Gc,
    // math/rand
    RandNew,
    RandNewSource,
    RandSeed,
    RandInt {
        method: bool,
    },
    RandIntn {
        method: bool,
    },
    RandInt63 {
        method: bool,
    },
    RandInt63n {
        method: bool,
    },
    RandFloat64 {
        method: bool,
    },
    RandPerm {
        method: bool,
    },
    RandShuffle {
        method: bool,
    },
    // sort
    SortInts,
    SortStrings,
    SortFloat64s,
    IntsAreSorted,
    StringsAreSorted,
    SearchInts,
    SortSearch,
    SortSlice,
    // strings
    Contains,
    ContainsRune,
    Count,
    EqualFold,
    Fields,
    HasPrefix,
    HasSuffix,
    StrIndex,
    Join,
    Repeat,
    Replace,
    ReplaceAll,
    Split,
    ToLower,
    ToUpper,
    Trim,
    TrimPrefix,
    TrimSuffix,
    TrimSpace,
    BuilderLen,
    BuilderReset,
    BuilderString,
    BuilderWrite {
        rune: bool,
    },
    // strconv
    Itoa,
    Atoi,
    Quote,
    FormatInt,
    // flag
    FlagParse,
    FlagValue,
    FlagVar,
    // os
    Exit,
    // gobalance/work
    WorkParse,
    WorkDuration,
    WorkRun,
    WorkRunCtx,
    WorkReport,
    WorkSpin,
    WorkNewLimiter,
    WorkLimiterWait,
}

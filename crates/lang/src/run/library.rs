//! The library packages in Rust: fmt, errors, time, sync, sync/atomic, context, runtime, math/rand, sort, strings, strconv, flag, os and gobalance's `work`, each function either computed at once or handed to the runtime as an operation.

use std::cell::RefCell;
use std::rc::Rc;

use gobalance_core::Nanos;

use super::code::Native;
use super::format::{duration, quote, sprint, sprintf};
use super::rand::GoRand;
use super::value::{CtxObj, ErrorObj, MutexObj, Ptr, SliceVal, Value, WgObj};
use super::vm::{panic_text, runtime_error, Fault, Goroutine, Pending, Shared, TimerWrap};
use crate::check::Type;

/// What a library call came to.
pub(super) enum NativeOut {
    Values(Vec<Value>),
    /// It waits for the runtime; the operation's results are its own.
    Op(Pending),
    /// It calls a function value, as `sync.Once.Do` does.
    Call(Value, Vec<Value>),
}

use NativeOut::Values;

/// The library function an object of the checker's library source stands
/// for, by `package.Name` or `package.Type.Method`.
pub(super) fn native(key: &str) -> Option<Native> {
    use Native::*;
    Some(match key {
        "fmt.Print" => Print,
        "fmt.Println" => Println,
        "fmt.Printf" => Printf,
        "fmt.Sprint" => Sprint,
        "fmt.Sprintln" => Sprintln,
        "fmt.Sprintf" => Sprintf,
        "fmt.Errorf" => Errorf,
        "errors.New" => ErrorsNew,
        "errors.Is" => ErrorsIs,
        "errors.Unwrap" => ErrorsUnwrap,
        "time.Sleep" => Sleep,
        "time.Tick" => Tick,
        "time.After" => After,
        "time.NewTicker" => NewTicker,
        "time.NewTimer" => NewTimer,
        "time.Ticker.Stop" => TickerStop,
        "time.Timer.Stop" => TimerStop,
        "time.Now" => Now,
        "time.Since" => Since,
        "time.Until" => Until,
        "time.ParseDuration" => ParseDuration,
        "time.Duration.Hours" => DurationHours,
        "time.Duration.Minutes" => DurationMinutes,
        "time.Duration.Seconds" => DurationSeconds,
        "time.Duration.Milliseconds" => DurationMilliseconds,
        "time.Duration.Microseconds" => DurationMicroseconds,
        "time.Duration.Nanoseconds" => DurationNanoseconds,
        "time.Duration.String" => DurationString,
        "time.Duration.Round" => DurationRound,
        "time.Duration.Truncate" => DurationTruncate,
        "time.Time.Sub" => TimeSub,
        "time.Time.Add" => TimeAdd,
        "time.Time.Before" => TimeBefore,
        "time.Time.After" => TimeAfter,
        "time.Time.Equal" => TimeEqual,
        "time.Time.IsZero" => TimeIsZero,
        "time.Time.UnixNano" => TimeUnixNano,
        "time.Time.UnixMilli" => TimeUnixMilli,
        "sync.WaitGroup.Add" => WgAdd,
        "sync.WaitGroup.Done" => WgDone,
        "sync.WaitGroup.Wait" => WgWait,
        "sync.Mutex.Lock" | "sync.RWMutex.Lock" | "sync.RWMutex.RLock" => Lock,
        "sync.Mutex.Unlock" | "sync.RWMutex.Unlock" | "sync.RWMutex.RUnlock" => Unlock,
        "sync.Mutex.TryLock" => TryLock,
        "sync.Once.Do" => OnceDo,
        "atomic.AddInt32" | "sync/atomic.AddInt32" => AtomicAdd { bits32: true },
        "atomic.AddInt64" | "sync/atomic.AddInt64" => AtomicAdd { bits32: false },
        "sync/atomic.LoadInt32" | "sync/atomic.LoadInt64" => AtomicLoad,
        "sync/atomic.StoreInt32" | "sync/atomic.StoreInt64" => AtomicStore,
        "sync/atomic.SwapInt32" | "sync/atomic.SwapInt64" => AtomicSwap,
        "sync/atomic.CompareAndSwapInt32" | "sync/atomic.CompareAndSwapInt64" => AtomicCas,
        "context.Background" | "context.TODO" => Background,
        "context.WithCancel" => WithCancel,
        "context.WithTimeout" => WithTimeout,
        "runtime.NumGoroutine" => NumGoroutine,
        "runtime.NumCPU" => NumCpu,
        "runtime.GOMAXPROCS" => Gomaxprocs,
        "runtime.Gosched" => Gosched,
        "runtime.GC" => Gc,
        "math/rand.New" => RandNew,
        "math/rand.NewSource" => RandNewSource,
        "math/rand.Seed" => RandSeed,
        "math/rand.Int" => RandInt { method: false },
        "math/rand.Rand.Int" => RandInt { method: true },
        "math/rand.Intn" | "math/rand.Int31n" => RandIntn { method: false },
        "math/rand.Rand.Intn" | "math/rand.Rand.Int31n" => RandIntn { method: true },
        "math/rand.Int63" => RandInt63 { method: false },
        "math/rand.Rand.Int63" => RandInt63 { method: true },
        "math/rand.Int63n" => RandInt63n { method: false },
        "math/rand.Rand.Int63n" => RandInt63n { method: true },
        "math/rand.Float64" => RandFloat64 { method: false },
        "math/rand.Rand.Float64" => RandFloat64 { method: true },
        "math/rand.Perm" => RandPerm { method: false },
        "math/rand.Rand.Perm" => RandPerm { method: true },
        "math/rand.Shuffle" => RandShuffle { method: false },
        "math/rand.Rand.Shuffle" => RandShuffle { method: true },
        "sort.Ints" => SortInts,
        "sort.Strings" => SortStrings,
        "sort.Float64s" => SortFloat64s,
        "sort.IntsAreSorted" => IntsAreSorted,
        "sort.StringsAreSorted" => StringsAreSorted,
        "sort.SearchInts" => SearchInts,
        "sort.Search" => SortSearch,
        "sort.Slice" | "sort.SliceStable" => SortSlice,
        "strings.Contains" => Contains,
        "strings.ContainsRune" => ContainsRune,
        "strings.Count" => Count,
        "strings.EqualFold" => EqualFold,
        "strings.Fields" => Fields,
        "strings.HasPrefix" => HasPrefix,
        "strings.HasSuffix" => HasSuffix,
        "strings.Index" => StrIndex,
        "strings.Join" => Join,
        "strings.Repeat" => Repeat,
        "strings.Replace" => Replace,
        "strings.ReplaceAll" => ReplaceAll,
        "strings.Split" => Split,
        "strings.ToLower" => ToLower,
        "strings.ToUpper" => ToUpper,
        "strings.Trim" => Trim,
        "strings.TrimPrefix" => TrimPrefix,
        "strings.TrimSuffix" => TrimSuffix,
        "strings.TrimSpace" => TrimSpace,
        "strings.Builder.Len" => BuilderLen,
        "strings.Builder.Reset" => BuilderReset,
        "strings.Builder.String" => BuilderString,
        "strings.Builder.WriteString" | "strings.Builder.WriteByte" => BuilderWrite { rune: false },
        "strings.Builder.WriteRune" => BuilderWrite { rune: true },
        "strconv.Itoa" => Itoa,
        "strconv.Atoi" => Atoi,
        "strconv.Quote" => Quote,
        "strconv.FormatInt" => FormatInt,
        "flag.Parse" => FlagParse,
        "flag.Bool" | "flag.Duration" | "flag.Float64" | "flag.Int" | "flag.String" => FlagValue,
        "flag.BoolVar" | "flag.DurationVar" | "flag.Float64Var" | "flag.IntVar"
        | "flag.StringVar" => FlagVar,
        "os.Exit" => Exit,
        "gobalance/work.Parse" => WorkParse,
        "gobalance/work.Config.Duration" => WorkDuration,
        "gobalance/work.Config.Run" => WorkRun,
        "gobalance/work.Config.RunCtx" => WorkRunCtx,
        "gobalance/work.Config.Report" => WorkReport,
        "gobalance/work.Spin" => WorkSpin,
        "gobalance/work.NewLimiter" => WorkNewLimiter,
        "gobalance/work.Limiter.Wait" => WorkLimiterWait,
        _ => return None,
    })
}

/// What a pointer points to, or the value itself.
fn deref(v: &Value) -> Value {
    match v {
        Value::Pointer(p) => p.load(),
        v => v.clone(),
    }
}

fn int(v: &Value) -> i64 {
    v.as_int()
}

fn string(s: impl Into<Rc<str>>) -> Value {
    Value::Str(s.into())
}

fn error(message: String) -> Value {
    Value::Error(Rc::new(ErrorObj { message }))
}

/// The variadic arguments, packed in a slice by the caller.
fn rest(v: Option<&Value>) -> Vec<Value> {
    match v {
        Some(Value::Slice(s)) => s.to_vec(),
        _ => Vec::new(),
    }
}

fn nanos(v: &Value) -> Nanos {
    Nanos(v.as_int().max(0) as u64)
}

/// The value a pointer's variable holds, made on first use when it is
/// the zero value of a sync type.
fn sync_object<T: Default>(
    recv: &Value,
    wrap: fn(Rc<T>) -> Value,
    unwrap: fn(&Value) -> Option<Rc<T>>,
) -> Result<Rc<T>, Fault> {
    let Value::Pointer(p) = recv else {
        return Err(runtime_error(
            "invalid memory address or nil pointer dereference",
        ));
    };
    if let Some(obj) = unwrap(&p.load()) {
        return Ok(obj);
    }
    let obj = Rc::new(T::default());
    p.store(wrap(obj.clone()));
    Ok(obj)
}

fn wait_group(recv: &Value) -> Result<Rc<WgObj>, Fault> {
    sync_object(recv, Value::WaitGroup, |v| match v {
        Value::WaitGroup(w) => Some(w.clone()),
        _ => None,
    })
}

fn mutex(recv: &Value) -> Result<Rc<MutexObj>, Fault> {
    sync_object(recv, Value::Mutex, |v| match v {
        Value::Mutex(m) => Some(m.clone()),
        _ => None,
    })
}

/// `close(ch)`, checked here so that the panicking goroutine's deferred calls run.
pub(super) fn close(ch: Value, line: u16) -> Result<Pending, Fault> {
    match ch {
        Value::Chan(ch) if ch.closed.get() => Err(panic_text("close of closed channel")),
        Value::Chan(ch) => {
            ch.closed.set(true);
            Ok(Pending::Close { ch, line })
        }
        _ => Err(panic_text("close of nil channel")),
    }
}

/// Go's first line after `panic: ` for a panic value.
pub(super) fn panic_message(shared: &Shared, v: &Value) -> String {
    match v {
        Value::Error(e) => e.message.clone(),
        Value::Nil => "nil".into(),
        Value::Iface(x) => match (shared.types.get(x.0), &x.1) {
            (Type::Basic(..), Value::Str(s)) => s.to_string(),
            (Type::Named(n), Value::Str(s)) => format!("main.{}({})", n.name, quote(s)),
            (Type::Named(n), Value::Int(i)) => format!("main.{}({i})", n.name),
            _ => sprint(&shared.types, std::slice::from_ref(v), false),
        },
        other => sprint(&shared.types, std::slice::from_ref(other), false),
    }
}

/// A method of a library value held in an interface (`err.Error()`, `ctx.Done()`).
pub(super) fn call_interface(
    _g: &mut Goroutine,
    name: &str,
    args: Vec<Value>,
    _line: u16,
) -> Result<NativeOut, Fault> {
    let recv = &args[0];
    Ok(Values(vec![match (recv, name) {
        (Value::Error(e), "Error") => string(e.message.as_str()),
        (Value::Context(c), "Done") => c.done.clone().map_or(Value::Nil, Value::Chan),
        (Value::Context(c), "Err") => c.err.borrow().clone(),
        (Value::Rand(r), "Int63") => Value::Int(r.borrow_mut().int63()),
        (Value::Rand(r), "Seed") => {
            r.borrow_mut().seed(int(&args[1]));
            return Ok(Values(vec![]));
        }
        _ => return Err(Fault::Fatal(format!("fatal error: the method {name} of this library value is not supported by the playground's interpreter"))),
    }]))
}

fn print(g: &Goroutine, text: &str) {
    g.shared
        .output
        .print(text, g.go.now(), g.go.goroutine(), g.go.events_so_far());
}

fn sort_slice(x: &Value, by: impl FnMut(&Value, &Value) -> std::cmp::Ordering) {
    if let Value::Slice(s) = x {
        let mut items = s.to_vec();
        items.sort_by(by);
        for (i, v) in items.into_iter().enumerate() {
            s.set(i, v);
        }
    }
}

fn strs(v: &Value) -> Vec<String> {
    match v {
        Value::Slice(s) => s.to_vec().iter().map(|x| x.as_str().to_string()).collect(),
        _ => Vec::new(),
    }
}

fn str_slice(items: impl IntoIterator<Item = String>) -> Value {
    Value::Slice(SliceVal::new(
        items.into_iter().map(|s| string(s.as_str())).collect(),
    ))
}

/// `less(i, j)` of `sort.Slice`, called back.
fn less(g: &mut Goroutine, f: &Value, i: usize, j: usize) -> Result<bool, Fault> {
    let out = g.call_sync(f.clone(), vec![Value::Int(i as i64), Value::Int(j as i64)])?;
    Ok(out.first().is_some_and(Value::as_bool))
}

/// `sort.Slice`: an insertion sort through swaps, asking `less` on the
/// slice's current order as Go's sort does (stable, so equal elements keep
/// their order: Go's pdqsort may order them otherwise).
fn sort_with_less(g: &mut Goroutine, x: &Value, f: &Value) -> Result<(), Fault> {
    let s = match x {
        Value::Iface(i) => i.1.clone(),
        v => v.clone(),
    };
    let Value::Slice(s) = s else { return Ok(()) };
    let n = s.len as usize;
    for i in 1..n {
        let mut j = i;
        while j > 0 && less(g, f, j, j - 1)? {
            let a = s.get(j);
            let b = s.get(j - 1);
            s.set(j, b);
            s.set(j - 1, a);
            j -= 1;
        }
    }
    Ok(())
}

fn rand_of<'a>(
    g: &'a Goroutine,
    args: &[Value],
    method: bool,
) -> (
    std::cell::RefMut<'a, GoRand>,
    Option<Rc<RefCell<GoRand>>>,
    usize,
) {
    if method {
        if let Value::Rand(r) = &args[0] {
            return (g.shared.rand.borrow_mut(), Some(r.clone()), 1);
        }
    }
    (g.shared.rand.borrow_mut(), None, 0)
}

fn with_rand<R>(
    g: &Goroutine,
    args: &[Value],
    method: bool,
    f: impl FnOnce(&mut GoRand, &[Value]) -> R,
) -> R {
    let (mut global, own, skip) = rand_of(g, args, method);
    match own {
        Some(r) => {
            drop(global);
            let mut r = r.borrow_mut();
            f(&mut r, &args[skip..])
        }
        None => f(&mut global, &args[skip..]),
    }
}

fn parse_duration(s: &str) -> Option<i64> {
    let (neg, mut rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total = 0f64;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..number_len].parse().ok()?;
        rest = &rest[number_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += number * scale;
    }
    Some(if neg {
        -(total.round() as i64)
    } else {
        total.round() as i64
    })
}

fn time_value(ns: i64) -> Value {
    Value::Struct(Box::new([Value::Int(0), Value::Int(ns)]))
}

fn time_ns(v: &Value) -> i64 {
    match v {
        Value::Struct(f) => f.get(1).map_or(0, Value::as_int),
        _ => 0,
    }
}

/// The `work.Config` of the scenario, field by field from the flags its Go programs read.
fn work_config(g: &Goroutine) -> Value {
    let flags = gobalance_core::program::go_flags(&g.shared.scenario);
    let Some(ty) = g.shared.work_config else {
        return Value::Nil;
    };
    let Type::Struct(fields) = g.shared.types.under_type(ty).clone() else {
        return Value::Nil;
    };
    let values = fields.iter().map(|f| {
        let flag = match f.name.as_str() {
            "WithContext" => "ctx".to_string(),
            "CPU" => "cpu".to_string(),
            name => {
                let mut snake = String::new();
                for (i, c) in name.chars().enumerate() {
                    if c.is_uppercase() && i > 0 {
                        snake.push('_');
                    }
                    snake.push(c.to_ascii_lowercase());
                }
                snake
            }
        };
        if f.name == "Durations" {
            let n = g.go.tasks();
            return Value::Slice(SliceVal::new(
                (0..n)
                    .map(|t| Value::Int(g.go.task_duration(t).0 as i64))
                    .collect(),
            ));
        }
        use gobalance_core::program::GoValue;
        match flags.iter().find(|(name, _)| *name == flag).map(|(_, v)| v) {
            Some(GoValue::Int(n)) => Value::Int(*n as i64),
            Some(GoValue::Text(t)) => string(t.as_str()),
            Some(GoValue::Bool(b)) => Value::Bool(*b),
            Some(GoValue::Duration(d)) => Value::Int(d.0 as i64),
            Some(GoValue::Milli(m)) => Value::Float(*m as f64 / 1000.0),
            None => match f.name.as_str() {
                "start" => time_value(g.go.now().0 as i64),
                _ => Value::Int(0),
            },
        }
    });
    Ptr::to_cell(Rc::new(RefCell::new(Value::Struct(values.collect()))))
}

pub(super) fn call(
    g: &mut Goroutine,
    native: Native,
    args: Vec<Value>,
    line: u16,
) -> Result<NativeOut, Fault> {
    use Native::*;
    let a = |i: usize| args.get(i).cloned().unwrap_or(Value::Nil);
    let types = g.shared.types.clone();
    let out = match native {
        Print | Println | Printf => {
            let text = match native {
                Print => sprint(&types, &rest(args.first()), false),
                Println => sprint(&types, &rest(args.first()), true) + "\n",
                _ => sprintf(&types, a(0).as_str(), &rest(args.get(1))),
            };
            print(g, &text);
            vec![Value::Int(text.len() as i64), Value::Nil]
        }
        BuiltinPrint { newline } => {
            let items = rest(args.first());
            let mut text = sprint(&types, &items, newline);
            if newline {
                text.push('\n');
            }
            g.shared.output.eprint(&text);
            vec![]
        }
        Sprint => vec![string(sprint(&types, &rest(args.first()), false))],
        Sprintln => vec![string(sprint(&types, &rest(args.first()), true) + "\n")],
        Sprintf => vec![string(sprintf(&types, a(0).as_str(), &rest(args.get(1))))],
        Errorf => {
            let format = a(0).as_str().replace("%w", "%v");
            vec![error(sprintf(&types, &format, &rest(args.get(1))))]
        }
        ErrorsNew => vec![error(a(0).as_str().to_string())],
        ErrorsIs => vec![Value::Bool(a(0).equals(&a(1)))],
        ErrorsUnwrap => vec![Value::Nil],
        CloseChan => return close(a(0), line).map(NativeOut::Op),
        PanicValue => return Err(Fault::Panic(a(0))),
        Sleep => {
            if int(&a(0)) <= 0 {
                return Ok(NativeOut::Op(Pending::Yield { line }));
            }
            return Ok(NativeOut::Op(Pending::Sleep {
                d: nanos(&a(0)),
                line,
            }));
        }
        Tick | NewTicker if int(&a(0)) <= 0 => {
            if native == Tick {
                vec![Value::Nil]
            } else {
                return Err(panic_text("non-positive interval for NewTicker"));
            }
        }
        Tick => {
            return Ok(NativeOut::Op(Pending::Timer {
                d: nanos(&a(0)),
                repeat: true,
                wrap: TimerWrap::Chan,
                line,
            }))
        }
        NewTicker => {
            return Ok(NativeOut::Op(Pending::Timer {
                d: nanos(&a(0)),
                repeat: true,
                wrap: TimerWrap::Struct,
                line,
            }))
        }
        After => {
            return Ok(NativeOut::Op(Pending::Timer {
                d: nanos(&a(0)),
                repeat: false,
                wrap: TimerWrap::Chan,
                line,
            }))
        }
        NewTimer => {
            return Ok(NativeOut::Op(Pending::Timer {
                d: nanos(&a(0)),
                repeat: false,
                wrap: TimerWrap::Struct,
                line,
            }))
        }
        TickerStop | TimerStop => match deref(&a(0)) {
            Value::Struct(f) => match &f[0] {
                Value::Chan(ch) => {
                    return Ok(NativeOut::Op(Pending::StopTimer {
                        ch: ch.clone(),
                        result: native == TimerStop,
                        line,
                    }))
                }
                _ => vec![],
            },
            _ => {
                return Err(runtime_error(
                    "invalid memory address or nil pointer dereference",
                ))
            }
        },
        Now => vec![time_value(g.go.now().0 as i64)],
        Since => vec![Value::Int(g.go.now().0 as i64 - time_ns(&a(0)))],
        Until => vec![Value::Int(time_ns(&a(0)) - g.go.now().0 as i64)],
        ParseDuration => match parse_duration(a(0).as_str()) {
            Some(d) => vec![Value::Int(d), Value::Nil],
            None => vec![
                Value::Int(0),
                error(format!("time: invalid duration {}", quote(a(0).as_str()))),
            ],
        },
        DurationHours => vec![Value::Float(int(&a(0)) as f64 / 3600e9)],
        DurationMinutes => vec![Value::Float(int(&a(0)) as f64 / 60e9)],
        DurationSeconds => vec![Value::Float(int(&a(0)) as f64 / 1e9)],
        DurationMilliseconds => vec![Value::Int(int(&a(0)) / 1_000_000)],
        DurationMicroseconds => vec![Value::Int(int(&a(0)) / 1_000)],
        DurationNanoseconds => vec![Value::Int(int(&a(0)))],
        DurationString => vec![string(duration(int(&a(0))))],
        DurationRound | DurationTruncate => {
            let (d, m) = (int(&a(0)), int(&a(1)));
            if m <= 0 {
                vec![Value::Int(d)]
            } else {
                let down = d - d % m;
                let rounded = if native == DurationRound && (d % m) * 2 >= m {
                    down + m
                } else {
                    down
                };
                vec![Value::Int(rounded)]
            }
        }
        TimeSub => vec![Value::Int(time_ns(&a(0)) - time_ns(&a(1)))],
        TimeAdd => vec![time_value(time_ns(&a(0)) + int(&a(1)))],
        TimeBefore => vec![Value::Bool(time_ns(&a(0)) < time_ns(&a(1)))],
        TimeAfter => vec![Value::Bool(time_ns(&a(0)) > time_ns(&a(1)))],
        TimeEqual => vec![Value::Bool(time_ns(&a(0)) == time_ns(&a(1)))],
        TimeIsZero => vec![Value::Bool(time_ns(&a(0)) == 0)],
        TimeUnixNano => vec![Value::Int(time_ns(&a(0)))],
        TimeUnixMilli => vec![Value::Int(time_ns(&a(0)) / 1_000_000)],
        WgAdd | WgDone => {
            let wg = wait_group(&a(0))?;
            let delta = if native == WgDone { -1 } else { int(&a(1)) };
            let count = wg.count.get() + delta;
            if count < 0 {
                return Err(panic_text("sync: negative WaitGroup counter"));
            }
            wg.count.set(count);
            return Ok(NativeOut::Op(Pending::WgAdd {
                wg,
                delta: delta as i32,
                line,
            }));
        }
        WgWait => {
            return Ok(NativeOut::Op(Pending::WgWait {
                wg: wait_group(&a(0))?,
                line,
            }))
        }
        Lock => {
            return Ok(NativeOut::Op(Pending::Lock {
                mu: mutex(&a(0))?,
                line,
            }))
        }
        Unlock => {
            let mu = mutex(&a(0))?;
            if !mu.locked.get() {
                return Err(Fault::Fatal(
                    "fatal error: sync: unlock of unlocked mutex".into(),
                ));
            }
            return Ok(NativeOut::Op(Pending::Unlock { mu, line }));
        }
        TryLock => {
            let mu = mutex(&a(0))?;
            if mu.locked.get() {
                vec![Value::Bool(false)]
            } else {
                g.push(Value::Bool(true));
                return Ok(NativeOut::Op(Pending::Lock { mu, line }));
            }
        }
        OnceDo => {
            let Value::Pointer(p) = a(0) else {
                return Err(runtime_error(
                    "invalid memory address or nil pointer dereference",
                ));
            };
            if p.load().as_bool() {
                vec![]
            } else {
                p.store(Value::Bool(true));
                return Ok(NativeOut::Call(a(1), vec![]));
            }
        }
        AtomicAdd { bits32 } => {
            let Value::Pointer(p) = a(0) else {
                return Err(runtime_error(
                    "invalid memory address or nil pointer dereference",
                ));
            };
            let delta = int(&a(1));
            let new = p.with_mut(|v| {
                let sum = v.as_int().wrapping_add(delta);
                let sum = if bits32 { sum as i32 as i64 } else { sum };
                *v = Value::Int(sum);
                sum
            });
            vec![Value::Int(new)]
        }
        AtomicLoad => vec![deref(&a(0))],
        AtomicStore | AtomicSwap => {
            let Value::Pointer(p) = a(0) else {
                return Err(runtime_error(
                    "invalid memory address or nil pointer dereference",
                ));
            };
            let old = p.load();
            p.store(a(1));
            if native == AtomicSwap {
                vec![old]
            } else {
                vec![]
            }
        }
        AtomicCas => {
            let Value::Pointer(p) = a(0) else {
                return Err(runtime_error(
                    "invalid memory address or nil pointer dereference",
                ));
            };
            let swapped = p.load().equals(&a(1));
            if swapped {
                p.store(a(2));
            }
            vec![Value::Bool(swapped)]
        }
        Background => vec![Value::Context(Rc::new(CtxObj {
            ctx: None,
            done: None,
            err: RefCell::new(Value::Nil),
            children: RefCell::new(Vec::new()),
        }))],
        WithCancel | WithTimeout => {
            let parent = match a(0) {
                Value::Context(c) => Some(c),
                _ => return Err(panic_text("cannot create context from nil parent")),
            };
            let timeout = (native == WithTimeout).then(|| nanos(&a(1)));
            return Ok(NativeOut::Op(Pending::WithCancel {
                parent,
                timeout,
                line,
            }));
        }
        NumGoroutine => vec![Value::Int(g.shared.goroutines.get() as i64)],
        NumCpu | Gomaxprocs => vec![Value::Int(g.shared.scenario.machine.cores as i64)],
        Gosched => return Ok(NativeOut::Op(Pending::Yield { line })),
        Gc => vec![],
        RandNewSource => vec![Value::Rand(Rc::new(RefCell::new(GoRand::new(int(&a(0))))))],
        RandNew => vec![a(0)],
        RandSeed => {
            g.shared.rand.borrow_mut().seed(int(&a(0)));
            vec![]
        }
        RandInt { method } => vec![Value::Int(with_rand(g, &args, method, |r, _| r.int()))],
        RandIntn { method } => {
            let n = with_rand(g, &args, method, |_, rest| int(&rest[0]));
            if n <= 0 {
                return Err(panic_text("invalid argument to Intn"));
            }
            vec![Value::Int(with_rand(g, &args, method, |r, _| r.intn(n)))]
        }
        RandInt63 { method } => vec![Value::Int(with_rand(g, &args, method, |r, _| r.int63()))],
        RandInt63n { method } => {
            let n = with_rand(g, &args, method, |_, rest| int(&rest[0]));
            if n <= 0 {
                return Err(panic_text("invalid argument to Int63n"));
            }
            vec![Value::Int(with_rand(g, &args, method, |r, _| r.int63n(n)))]
        }
        RandFloat64 { method } => vec![Value::Float(with_rand(g, &args, method, |r, _| {
            r.float64()
        }))],
        RandPerm { method } => {
            let perm = with_rand(g, &args, method, |r, rest| {
                r.perm(int(&rest[0]).max(0) as usize)
            });
            vec![Value::Slice(SliceVal::new(
                perm.into_iter().map(Value::Int).collect(),
            ))]
        }
        RandShuffle { method } => {
            let (n, swap) = with_rand(g, &args, method, |_, rest| (int(&rest[0]), rest[1].clone()));
            let mut i = n - 1;
            while i > 0 {
                let j = with_rand(g, &args, method, |r, _| r.int31n_lemire(i as i32 + 1)) as i64;
                g.call_sync(swap.clone(), vec![Value::Int(i), Value::Int(j)])?;
                i -= 1;
            }
            vec![]
        }
        SortInts => {
            sort_slice(&a(0), |x, y| x.as_int().cmp(&y.as_int()));
            vec![]
        }
        SortStrings => {
            sort_slice(&a(0), |x, y| x.as_str().cmp(y.as_str()));
            vec![]
        }
        SortFloat64s => {
            sort_slice(&a(0), |x, y| x.as_float().total_cmp(&y.as_float()));
            vec![]
        }
        IntsAreSorted | StringsAreSorted => {
            let items = match a(0) {
                Value::Slice(s) => s.to_vec(),
                _ => vec![],
            };
            let sorted = items.windows(2).all(|w| {
                if native == IntsAreSorted {
                    w[0].as_int() <= w[1].as_int()
                } else {
                    w[0].as_str() <= w[1].as_str()
                }
            });
            vec![Value::Bool(sorted)]
        }
        SearchInts => {
            let items = match a(0) {
                Value::Slice(s) => s.to_vec(),
                _ => vec![],
            };
            let x = int(&a(1));
            vec![Value::Int(items.partition_point(|v| v.as_int() < x) as i64)]
        }
        SortSearch => {
            let (mut lo, mut hi) = (0i64, int(&a(0)));
            let f = a(1);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                let out = g.call_sync(f.clone(), vec![Value::Int(mid)])?;
                if out.first().is_some_and(Value::as_bool) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            vec![Value::Int(lo)]
        }
        SortSlice => {
            sort_with_less(g, &a(0), &a(1))?;
            vec![]
        }
        Contains => vec![Value::Bool(a(0).as_str().contains(a(1).as_str()))],
        ContainsRune => vec![Value::Bool(
            char::from_u32(int(&a(1)) as u32).is_some_and(|c| a(0).as_str().contains(c)),
        )],
        Count => {
            let (s, sub) = (a(0), a(1));
            let n = if sub.as_str().is_empty() {
                s.as_str().chars().count() + 1
            } else {
                s.as_str().matches(sub.as_str()).count()
            };
            vec![Value::Int(n as i64)]
        }
        EqualFold => vec![Value::Bool(
            a(0).as_str().to_lowercase() == a(1).as_str().to_lowercase(),
        )],
        Fields => vec![str_slice(
            a(0).as_str().split_whitespace().map(str::to_string),
        )],
        HasPrefix => vec![Value::Bool(a(0).as_str().starts_with(a(1).as_str()))],
        HasSuffix => vec![Value::Bool(a(0).as_str().ends_with(a(1).as_str()))],
        StrIndex => vec![Value::Int(
            a(0).as_str().find(a(1).as_str()).map_or(-1, |i| i as i64),
        )],
        Join => vec![string(strs(&a(0)).join(a(1).as_str()))],
        Repeat => {
            let n = int(&a(1));
            if n < 0 {
                return Err(panic_text("strings: negative Repeat count"));
            }
            if a(0).as_str().len() as i64 * n > g.shared.config.slice_len_max as i64 {
                return Err(Fault::Fatal(
                    "fatal error: runtime: out of memory (strings.Repeat)".into(),
                ));
            }
            vec![string(a(0).as_str().repeat(n as usize))]
        }
        Replace => {
            let n = int(&a(3));
            let (s, old, new) = (a(0), a(1), a(2));
            let out = if n < 0 {
                s.as_str().replace(old.as_str(), new.as_str())
            } else {
                s.as_str().replacen(old.as_str(), new.as_str(), n as usize)
            };
            vec![string(out)]
        }
        ReplaceAll => vec![string(a(0).as_str().replace(a(1).as_str(), a(2).as_str()))],
        Split => {
            let (s, sep) = (a(0), a(1));
            let parts: Vec<String> = if sep.as_str().is_empty() {
                s.as_str().chars().map(|c| c.to_string()).collect()
            } else {
                s.as_str().split(sep.as_str()).map(str::to_string).collect()
            };
            vec![str_slice(parts)]
        }
        ToLower => vec![string(a(0).as_str().to_lowercase())],
        ToUpper => vec![string(a(0).as_str().to_uppercase())],
        Trim => {
            let cut = a(1);
            vec![string(
                a(0).as_str().trim_matches(|c| cut.as_str().contains(c)),
            )]
        }
        TrimPrefix => {
            let (s, p) = (a(0), a(1));
            vec![string(
                s.as_str().strip_prefix(p.as_str()).unwrap_or(s.as_str()),
            )]
        }
        TrimSuffix => {
            let (s, p) = (a(0), a(1));
            vec![string(
                s.as_str().strip_suffix(p.as_str()).unwrap_or(s.as_str()),
            )]
        }
        TrimSpace => vec![string(a(0).as_str().trim())],
        BuilderLen | BuilderString | BuilderReset | BuilderWrite { .. } => {
            let Value::Pointer(p) = a(0) else {
                return Err(runtime_error(
                    "invalid memory address or nil pointer dereference",
                ));
            };
            let field = p.step(0);
            let current = field.load().as_str().to_string();
            match native {
                BuilderLen => vec![Value::Int(current.len() as i64)],
                BuilderString => vec![string(current)],
                BuilderReset => {
                    field.store(string(""));
                    vec![]
                }
                _ => {
                    let added = match (&native, a(1)) {
                        (_, Value::Str(s)) => s.to_string(),
                        (BuilderWrite { rune: true }, v) => char::from_u32(v.as_int() as u32)
                            .unwrap_or('\u{FFFD}')
                            .to_string(),
                        (_, v) => (v.as_int() as u8 as char).to_string(),
                    };
                    field.store(string(current + &added));
                    match native {
                        BuilderWrite { rune: true } => {
                            vec![Value::Int(added.len() as i64), Value::Nil]
                        }
                        _ if matches!(a(1), Value::Str(_)) => {
                            vec![Value::Int(added.len() as i64), Value::Nil]
                        }
                        _ => vec![Value::Nil],
                    }
                }
            }
        }
        Itoa => vec![string(int(&a(0)).to_string())],
        Atoi => match a(0).as_str().parse::<i64>() {
            Ok(n) => vec![Value::Int(n), Value::Nil],
            Err(_) => vec![
                Value::Int(0),
                error(format!(
                    "strconv.Atoi: parsing {}: invalid syntax",
                    quote(a(0).as_str())
                )),
            ],
        },
        Quote => vec![string(quote(a(0).as_str()))],
        FormatInt => {
            let (n, base) = (int(&a(0)), int(&a(1)).clamp(2, 36) as u32);
            let mut digits = Vec::new();
            let mut u = n.unsigned_abs();
            loop {
                digits.push(std::char::from_digit((u % base as u64) as u32, base).unwrap_or('?'));
                u /= base as u64;
                if u == 0 {
                    break;
                }
            }
            if n < 0 {
                digits.push('-');
            }
            vec![string(digits.iter().rev().collect::<String>())]
        }
        FlagParse => vec![],
        FlagValue => vec![Ptr::to_cell(Rc::new(RefCell::new(a(1))))],
        FlagVar => {
            if let Value::Pointer(p) = a(0) {
                p.store(a(2));
            }
            vec![]
        }
        Exit => return Err(Fault::Exit(int(&a(0)) as i32)),
        WorkParse => {
            g.shared.started.set(g.go.now());
            vec![work_config(g)]
        }
        WorkDuration => {
            let n = g.go.tasks().max(1) as i64;
            vec![Value::Int(
                g.go.task_duration((int(&a(1)).rem_euclid(n)) as u32).0 as i64,
            )]
        }
        WorkRun => {
            return Ok(NativeOut::Op(Pending::RunTask {
                task: int(&a(1)).max(0) as u32,
                line,
            }))
        }
        WorkRunCtx => {
            let Value::Context(ctx) = a(1) else {
                return Err(runtime_error(
                    "invalid memory address or nil pointer dereference",
                ));
            };
            return Ok(NativeOut::Op(Pending::RunTaskCtx {
                task: int(&a(2)).max(0) as u32,
                ctx,
                line,
            }));
        }
        WorkReport => {
            let elapsed = g.go.now().0.saturating_sub(g.shared.started.get().0);
            let text = format!(
                "elapsed_ns={elapsed} results={} goroutines={}\n",
                int(&a(1)),
                g.shared.goroutines.get()
            );
            print(g, &text);
            vec![]
        }
        WorkSpin => {
            return Ok(NativeOut::Op(Pending::Cpu {
                d: nanos(&a(0)),
                line,
            }))
        }
        WorkNewLimiter | WorkLimiterWait => {
            return Err(Fault::Fatal(
                "fatal error: work.NewLimiter is not supported by the playground's interpreter yet"
                    .into(),
            ))
        }
    };
    Ok(Values(out))
}

//! The standard-library packages a program may import, and gobalance's `work` package, as Go declarations the checker reads like any source.
//!
//! Each package is Go source with bodiless functions: the checker parses
//! and checks it on first import, so the signatures are written once, in
//! Go, and the interpreter finds each function by its package path and
//! name. Unexported fields stand in for the real ones where a type's size
//! or comparability shows.

/// A package a program may import: its path, its name, and its declarations.
pub struct LibraryPackage {
    pub path: &'static str,
    pub name: &'static str,
    pub source: &'static str,
}

pub const PACKAGES: &[LibraryPackage] = &[
    LibraryPackage {
        path: "errors",
        name: "errors",
        source: ERRORS,
    },
    LibraryPackage {
        path: "fmt",
        name: "fmt",
        source: FMT,
    },
    LibraryPackage {
        path: "time",
        name: "time",
        source: TIME,
    },
    LibraryPackage {
        path: "sync",
        name: "sync",
        source: SYNC,
    },
    LibraryPackage {
        path: "sync/atomic",
        name: "atomic",
        source: ATOMIC,
    },
    LibraryPackage {
        path: "context",
        name: "context",
        source: CONTEXT,
    },
    LibraryPackage {
        path: "runtime",
        name: "runtime",
        source: RUNTIME,
    },
    LibraryPackage {
        path: "math/rand",
        name: "rand",
        source: RAND,
    },
    LibraryPackage {
        path: "sort",
        name: "sort",
        source: SORT,
    },
    LibraryPackage {
        path: "strings",
        name: "strings",
        source: STRINGS,
    },
    LibraryPackage {
        path: "strconv",
        name: "strconv",
        source: STRCONV,
    },
    LibraryPackage {
        path: "flag",
        name: "flag",
        source: FLAG,
    },
    LibraryPackage {
        path: "os",
        name: "os",
        source: OS,
    },
    LibraryPackage {
        path: "gobalance/work",
        name: "work",
        source: WORK,
    },
];

pub fn find(path: &str) -> Option<&'static LibraryPackage> {
    PACKAGES.iter().find(|p| p.path == path)
}

const ERRORS: &str = r#"package errors

func New(text string) error
func Is(err, target error) bool
func Unwrap(err error) error
"#;

const FMT: &str = r#"package fmt

type Stringer interface {
	String() string
}

func Print(a ...any) (n int, err error)
func Println(a ...any) (n int, err error)
func Printf(format string, a ...any) (n int, err error)
func Sprint(a ...any) string
func Sprintln(a ...any) string
func Sprintf(format string, a ...any) string
func Errorf(format string, a ...any) error
"#;

const TIME: &str = r#"package time

type Duration int64

const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

func (d Duration) Hours() float64
func (d Duration) Minutes() float64
func (d Duration) Seconds() float64
func (d Duration) Milliseconds() int64
func (d Duration) Microseconds() int64
func (d Duration) Nanoseconds() int64
func (d Duration) String() string
func (d Duration) Round(m Duration) Duration
func (d Duration) Truncate(m Duration) Duration

type Time struct {
	wall uint64
	ext  int64
}

func Now() Time
func Since(t Time) Duration
func Until(t Time) Duration
func (t Time) Sub(u Time) Duration
func (t Time) Add(d Duration) Time
func (t Time) Before(u Time) bool
func (t Time) After(u Time) bool
func (t Time) Equal(u Time) bool
func (t Time) IsZero() bool
func (t Time) UnixNano() int64
func (t Time) UnixMilli() int64

func Sleep(d Duration)
func Tick(d Duration) <-chan Time
func After(d Duration) <-chan Time
func ParseDuration(s string) (Duration, error)

type Ticker struct {
	C <-chan Time
	r int
}

func NewTicker(d Duration) *Ticker
func (t *Ticker) Stop()
func (t *Ticker) Reset(d Duration)

type Timer struct {
	C <-chan Time
	r int
}

func NewTimer(d Duration) *Timer
func AfterFunc(d Duration, f func()) *Timer
func (t *Timer) Stop() bool
func (t *Timer) Reset(d Duration) bool
"#;

const SYNC: &str = r#"package sync

type noCopy struct{}

type WaitGroup struct {
	noCopy noCopy
	state  uint64
	sema   uint32
}

func (wg *WaitGroup) Add(delta int)
func (wg *WaitGroup) Done()
func (wg *WaitGroup) Wait()

type Mutex struct {
	state int32
	sema  uint32
}

func (m *Mutex) Lock()
func (m *Mutex) Unlock()
func (m *Mutex) TryLock() bool

type RWMutex struct {
	w           Mutex
	readerCount int32
}

func (rw *RWMutex) Lock()
func (rw *RWMutex) Unlock()
func (rw *RWMutex) RLock()
func (rw *RWMutex) RUnlock()

type Once struct {
	done uint32
	m    Mutex
}

func (o *Once) Do(f func())
"#;

const ATOMIC: &str = r#"package atomic

func AddInt32(addr *int32, delta int32) (new int32)
func AddInt64(addr *int64, delta int64) (new int64)
func LoadInt32(addr *int32) (val int32)
func LoadInt64(addr *int64) (val int64)
func StoreInt32(addr *int32, val int32)
func StoreInt64(addr *int64, val int64)
func SwapInt32(addr *int32, new int32) (old int32)
func SwapInt64(addr *int64, new int64) (old int64)
func CompareAndSwapInt32(addr *int32, old, new int32) (swapped bool)
func CompareAndSwapInt64(addr *int64, old, new int64) (swapped bool)
"#;

const CONTEXT: &str = r#"package context

import "time"

type Context interface {
	Deadline() (deadline time.Time, ok bool)
	Done() <-chan struct{}
	Err() error
	Value(key any) any
}

type CancelFunc func()

var Canceled error
var DeadlineExceeded error

func Background() Context
func TODO() Context
func WithCancel(parent Context) (ctx Context, cancel CancelFunc)
func WithTimeout(parent Context, timeout time.Duration) (Context, CancelFunc)
func WithDeadline(parent Context, d time.Time) (Context, CancelFunc)
func WithValue(parent Context, key, val any) Context
"#;

const RUNTIME: &str = r#"package runtime

func NumGoroutine() int
func NumCPU() int
func GOMAXPROCS(n int) int
func Gosched()
func GC()
"#;

const RAND: &str = r#"package rand

type Source interface {
	Int63() int64
	Seed(seed int64)
}

type Rand struct {
	src Source
}

func New(src Source) *Rand
func NewSource(seed int64) Source
func (r *Rand) Int() int
func (r *Rand) Intn(n int) int
func (r *Rand) Int31n(n int32) int32
func (r *Rand) Int63() int64
func (r *Rand) Int63n(n int64) int64
func (r *Rand) Float64() float64
func (r *Rand) Perm(n int) []int
func (r *Rand) Shuffle(n int, swap func(i, j int))
func Seed(seed int64)
func Int() int
func Intn(n int) int
func Int31n(n int32) int32
func Int63() int64
func Int63n(n int64) int64
func Float64() float64
func Perm(n int) []int
func Shuffle(n int, swap func(i, j int))
"#;

const SORT: &str = r#"package sort

func Ints(x []int)
func Strings(x []string)
func Float64s(x []float64)
func IntsAreSorted(x []int) bool
func StringsAreSorted(x []string) bool
func SearchInts(a []int, x int) int
func Search(n int, f func(int) bool) int
func Slice(x any, less func(i, j int) bool)
func SliceStable(x any, less func(i, j int) bool)
"#;

const STRINGS: &str = r#"package strings

func Contains(s, substr string) bool
func ContainsRune(s string, r rune) bool
func Count(s, substr string) int
func EqualFold(s, t string) bool
func Fields(s string) []string
func HasPrefix(s, prefix string) bool
func HasSuffix(s, suffix string) bool
func Index(s, substr string) int
func Join(elems []string, sep string) string
func Repeat(s string, count int) string
func Replace(s, old, new string, n int) string
func ReplaceAll(s, old, new string) string
func Split(s, sep string) []string
func ToLower(s string) string
func ToUpper(s string) string
func Trim(s, cutset string) string
func TrimPrefix(s, prefix string) string
func TrimSuffix(s, suffix string) string
func TrimSpace(s string) string

type Builder struct {
	buf []byte
}

func (b *Builder) Len() int
func (b *Builder) Reset()
func (b *Builder) String() string
func (b *Builder) WriteByte(c byte) error
func (b *Builder) WriteRune(r rune) (int, error)
func (b *Builder) WriteString(s string) (int, error)
"#;

const STRCONV: &str = r#"package strconv

func Itoa(i int) string
func Atoi(s string) (int, error)
func Quote(s string) string
func FormatInt(i int64, base int) string
"#;

const FLAG: &str = r#"package flag

import "time"

func Parse()
func Args() []string
func Bool(name string, value bool, usage string) *bool
func Duration(name string, value time.Duration, usage string) *time.Duration
func Float64(name string, value float64, usage string) *float64
func Int(name string, value int, usage string) *int
func String(name string, value string, usage string) *string
func BoolVar(p *bool, name string, value bool, usage string)
func DurationVar(p *time.Duration, name string, value time.Duration, usage string)
func Float64Var(p *float64, name string, value float64, usage string)
func IntVar(p *int, name string, value int, usage string)
func StringVar(p *string, name string, value string, usage string)
"#;

const OS: &str = r#"package os

func Exit(code int)
"#;

/// The Go API of crates/core/go/work (work.go, limiter.go) that programs use.
const WORK: &str = r#"package work

import (
	"context"
	"time"
)

type Config struct {
	Workers, MinWorkers, MaxWorkers   int
	Tasks, TasksBuffer, ResultsBuffer int
	Rate, Burst, CancelAfter          int
	Interval                          time.Duration
	Durations                         []time.Duration
	CPU                               float64
	Limiter, Steal, Wait              string
	Ordered, WithContext              bool

	start                time.Time
	startCPU, startSteal time.Duration
}

func Parse() *Config
func (c *Config) Duration(t int) time.Duration
func (c *Config) Run(t int)
func (c *Config) RunCtx(ctx context.Context, t int) bool
func (c *Config) Report(results int)
func Spin(d time.Duration)

type Limiter struct {
	rate    float64
	burst   float64
	balance float64
	last    time.Time
}

func NewLimiter(ratePerSecond, burst int) *Limiter
func (l *Limiter) Wait()
"#;

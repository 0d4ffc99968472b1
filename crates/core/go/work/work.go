// Package work is the workload every gobalance program shares: flags that
// describe a scenario's tasks, and Run, which spends one task's time.
package work

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"time"
)

// Config is a scenario's workload and strategy parameters, read from flags
// with the same names as the playground's links.
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

// Parse reads the flags, draws the task durations, calibrates the CPU
// spinner and starts the clock.
func Parse() *Config {
	c := &Config{}
	dist := flag.String("dist", "fixed", "how durations are drawn: fixed, uniform, exp, pareto, bimodal, or list (the -durations list)")
	dur := flag.Duration("dur", 100*time.Millisecond, "the fixed or mean task duration (bimodal: the short one)")
	durations := flag.String("durations", "", "dist=list: task durations, comma separated, repeated cyclically")
	alpha := flag.Float64("alpha", 1.5, "dist=pareto: shape, above 1 (smaller is heavier-tailed)")
	longShare := flag.Float64("long_share", 0.1, "dist=bimodal: the share of long tasks (0 to 1)")
	longFactor := flag.Int("long_factor", 10, "dist=bimodal: how many times longer a long task is")
	seed := flag.Uint64("seed", 1, "seed of the drawn durations: the simulation's seed draws the same ones")
	cores := flag.Int("cores", 0, "GOMAXPROCS: the number of processors (0 keeps Go's default)")
	printDurations := flag.Bool("print_durations", false, "print each task's duration in nanoseconds, one a line, and exit")
	flag.IntVar(&c.Workers, "workers", 4, "workers (the semaphore's capacity, the leak's producers)")
	flag.IntVar(&c.MinWorkers, "min_workers", 1, "dynamic: fewest workers")
	flag.IntVar(&c.MaxWorkers, "max_workers", 16, "dynamic: most workers")
	flag.IntVar(&c.Tasks, "tasks", 20, "number of tasks")
	flag.IntVar(&c.TasksBuffer, "tasks_buffer", 0, "buffer of the tasks channel")
	flag.IntVar(&c.ResultsBuffer, "results_buffer", 0, "buffer of the results channel")
	flag.IntVar(&c.Rate, "rate", 10, "tasks started per second")
	flag.IntVar(&c.Burst, "burst", 1, "token bucket depth")
	flag.IntVar(&c.CancelAfter, "cancel_after", 1, "leak: results the consumer takes")
	flag.DurationVar(&c.Interval, "interval", 50*time.Millisecond, "dynamic: sampling interval")
	flag.Float64Var(&c.CPU, "cpu", 0, "share of each task that computes (0 to 1)")
	flag.StringVar(&c.Limiter, "limiter", "ticker", "ticker, bucket or tick")
	flag.StringVar(&c.Steal, "steal", "half", "one or half")
	flag.StringVar(&c.Wait, "wait", "wg", "unbounded: how main waits: wg, none, or a duration to sleep")
	flag.BoolVar(&c.Ordered, "ordered", false, "fan-in: restore input order")
	flag.BoolVar(&c.WithContext, "ctx", false, "leak: cancel producers through a context")
	flag.Parse()
	if *dist == "list" {
		for _, field := range strings.Split(*durations, ",") {
			d, err := time.ParseDuration(strings.TrimSpace(field))
			if err != nil || d < 0 {
				fail("durations: bad value %q", field)
			}
			c.Durations = append(c.Durations, d)
		}
	} else {
		c.Durations = drawDurations(*dist, c.Tasks, *dur, *alpha, *longShare, *longFactor, *seed)
	}
	if *printDurations {
		for t := 0; t < c.Tasks; t++ {
			fmt.Println(c.Duration(t).Nanoseconds())
		}
		os.Exit(0)
	}
	if *cores > 0 {
		runtime.GOMAXPROCS(*cores)
	}
	calibrate()
	if processCPU != nil {
		c.startCPU, c.startSteal = processCPU(), machineSteal()
	}
	c.start = time.Now()
	return c
}

// fail reports a bad flag and exits with the status flag uses for one.
func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(2)
}

// Duration is task t's duration.
func (c *Config) Duration(t int) time.Duration {
	return c.Durations[t%len(c.Durations)]
}

// Run spends task t's time: its CPU share computing, the rest waiting, as
// an I/O call would.
func (c *Config) Run(t int) {
	d := c.Duration(t)
	cpu := time.Duration(float64(d) * c.CPU)
	Spin(cpu)
	time.Sleep(d - cpu)
}

// Report prints the elapsed time and how many results arrived, one key=value
// per field, for the comparison with the simulator, and the CPU time the
// run took where the platform can tell (processCPU).
func (c *Config) Report(results int) {
	fmt.Printf("elapsed_ns=%d results=%d goroutines=%d",
		time.Since(c.start).Nanoseconds(), results, runtime.NumGoroutine())
	if processCPU != nil {
		fmt.Printf(" cpu_ns=%d steal_ns=%d", (processCPU() - c.startCPU).Nanoseconds(),
			(machineSteal() - c.startSteal).Nanoseconds())
	}
	fmt.Println()
}

// processCPU and machineSteal, where the platform can tell (cpu_linux.go),
// are the CPU time the process has used so far and the time the machine's
// virtual CPUs have lost to the hypervisor. The comparison with the
// simulator reads both, since a computing run on a shared machine is
// slower than the schedule alone makes it: Spin counts iterations, which
// take longer than calibrated when the CPU is shared, and a stolen CPU
// runs nothing at all.
var processCPU, machineSteal func() time.Duration

// spinsPerMs is how many loop iterations one millisecond of computing takes.
var spinsPerMs int64

// sink keeps the compiler from deleting the spin loop.
var sink int64

// Spin computes for about d of CPU time. It counts iterations rather than
// watching the clock, so a goroutine that is descheduled mid-spin still owes
// the same work, as real computation does.
func Spin(d time.Duration) {
	n := spinsPerMs * d.Nanoseconds() / 1e6
	var x int64
	for i := int64(0); i < n; i++ {
		x += i ^ (x >> 3)
	}
	atomic.AddInt64(&sink, x)
}

func calibrate() {
	const probe = 20_000_000
	best := time.Duration(1 << 62)
	for round := 0; round < 3; round++ {
		start := time.Now()
		var x int64
		for i := int64(0); i < probe; i++ {
			x += i ^ (x >> 3)
		}
		atomic.AddInt64(&sink, x)
		if took := time.Since(start); took < best {
			best = took
		}
	}
	spinsPerMs = probe * 1e6 / best.Nanoseconds()
}

// RunCtx is Run for a caller that may give up: the waiting share ends early
// when ctx is cancelled, as a context-aware network call does. It reports
// whether the task completed.
func (c *Config) RunCtx(ctx context.Context, t int) bool {
	d := c.Duration(t)
	cpu := time.Duration(float64(d) * c.CPU)
	Spin(cpu)
	timer := time.NewTimer(d - cpu)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

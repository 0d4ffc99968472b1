// sleepwake: on one busy P, a goroutine back from time.Sleep runs next.
//
// Go 1.19 keeps the sleep's timer on the sleeper's P (timeSleep ->
// resetForSleep -> modtimer -> doaddtimer), fires it at that P's next
// findRunnable -> checkTimers, and readies the sleeper with
// goready -> ready(gp, _, next=true): into runnext, ahead of the local run
// queue. main starts S, which sleeps 5.5 ms, lets it park, then starts
// W1..W5, each spinning 3 ms. W5 (in runnext) runs first, then W1; S comes
// due while W1 spins and runs as soon as W1 is done:
//
//	order: W5 W1 S W2 W3 W4
//
// Were the wake-up queued behind the others, S would run last. Timing
// noise on a loaded machine can move S by one place, so the program also
// prints whether S ran right after the first W that ended past S's
// deadline, which is what the scheduler promises ("rule: ok").
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

// ended is one goroutine's name and when it finished, since the start.
type ended struct {
	name string
	at   time.Duration
}

// spin computes for d of wall time, never blocking.
func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	order := make(chan ended, 8)
	var wg sync.WaitGroup
	var deadline time.Duration
	wg.Add(1)
	go func() {
		defer wg.Done()
		deadline = time.Since(start) + 5500*time.Microsecond
		time.Sleep(5500 * time.Microsecond)
		order <- ended{"S", time.Since(start)}
	}()
	// S runs (it is in runnext) and parks in its sleep before main is back.
	time.Sleep(100 * time.Microsecond)
	for i := 1; i <= 5; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			spin(3 * time.Millisecond)
			order <- ended{fmt.Sprintf("W%d", id), time.Since(start)}
		}(i)
	}
	wg.Wait()
	close(order)
	var all []ended
	fmt.Print("order:")
	for e := range order {
		all = append(all, e)
		fmt.Print(" ", e.name)
	}
	fmt.Println()
	rule := "broken"
	for i, e := range all {
		if e.name != "S" && e.at >= deadline {
			if i+1 < len(all) && all[i+1].name == "S" {
				rule = "ok"
			}
			break
		}
	}
	fmt.Println("rule:", rule)
}

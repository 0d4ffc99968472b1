// Command leak-without-context asks a goroutine per task for an answer and
// keeps the first -cancel_after. The others finish their work, then block
// forever on a send that no one will receive: they leak.
package main

import (
	"time"

	"gobalance/work"
)

func main() {
	cfg := work.Parse()
	first(cfg)
	// The program goes on serving; count what is left behind.
	time.Sleep(10 * time.Millisecond) //@serve
	cfg.Report(cfg.CancelAfter)
}

func first(cfg *work.Config) []int {
	out := make(chan int) //@make_out
	for t := 0; t < cfg.Tasks; t++ {
		go func(t int) { //@spawn_worker
			cfg.Run(t) //@run
			out <- t   //@send_result
		}(t)
	}
	var got []int
	for len(got) < cfg.CancelAfter {
		got = append(got, <-out) //@recv_result
	}
	return got
}

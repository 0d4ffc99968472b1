// Command leak asks -tasks goroutines for an answer and keeps the first
// -cancel_after. Without -ctx the others block forever on an unbuffered send
// nobody will receive: they leak. With -ctx each also watches ctx.Done(),
// and the deferred cancel lets every one of them return.
package main

import (
	"context"
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
	ctx, cancel := context.WithCancel(context.Background()) //@make_ctx
	defer cancel()                                          //@cancel
	out := make(chan int)                                   //@make_out
	for t := 0; t < cfg.Tasks; t++ {
		go func(t int) { //@spawn_worker
			if !cfg.WithContext {
				cfg.Run(t) //@run
				out <- t   //@send_result
				return
			}
			if !cfg.RunCtx(ctx, t) { //@run_ctx
				return
			}
			select { //@select_send
			case out <- t:
			case <-ctx.Done():
			}
		}(t)
	}
	var got []int
	for len(got) < cfg.CancelAfter {
		got = append(got, <-out) //@recv_result
	}
	return got
}

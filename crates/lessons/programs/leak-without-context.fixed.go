// Command leak-without-context, fixed: a context cancelled when first
// returns. Each goroutine sends its answer or, once the context is done,
// gives up and returns; none is left blocked.
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

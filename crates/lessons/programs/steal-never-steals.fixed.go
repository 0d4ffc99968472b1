// Command steal-never-steals, fixed: a worker whose own channel is empty
// goes on to the others'. Every queue was closed once dealt, and a channel
// may have many receivers, so ranging over another worker's queue takes
// its remaining tasks one at a time beside its owner, and ends when it is empty.
package main

import (
	"sync"

	"gobalance/work"
)

func main() {
	cfg := work.Parse()
	queues := make([]chan int, cfg.Workers)
	for w := range queues {
		queues[w] = make(chan int, cfg.Tasks/cfg.Workers+1) //@make_tasks
	}
	for t := 0; t < cfg.Tasks; t++ {
		queues[t%cfg.Workers] <- t //@send_task
	}
	for _, q := range queues {
		close(q)
	}

	var wg sync.WaitGroup //@make_wg
	for w := 0; w < cfg.Workers; w++ {
		wg.Add(1)         //@add
		go func(id int) { //@spawn_worker
			defer wg.Done() //@done
			// Its own queue first, then every other one in turn.
			for i := 0; i < cfg.Workers; i++ {
				for t := range queues[(id+i)%cfg.Workers] { //@recv_task
					cfg.Run(t) //@run
				}
			}
		}(w)
	}
	wg.Wait() //@wait
	cfg.Report(cfg.Tasks)
}

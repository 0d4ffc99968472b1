// Command steal-never-steals deals the tasks round robin to one channel per
// worker, closes them all, and lets each worker drain its own. The comment
// where the stealing should be is all there is of it: a worker whose
// channel runs dry just returns, while another may still hold long tasks.
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
			for t := range queues[id] { //@recv_task
				cfg.Run(t) //@run
			}
			// Then steal from the other queues... but nothing here does.
		}(w)
	}
	wg.Wait() //@wait
	cfg.Report(cfg.Tasks)
}

// Command unbounded starts one goroutine per task and waits for all of them.
// Nothing limits how many run at once: memory grows with the task count,
// and so does the load on whatever the tasks call.
package main

import (
	"sync"

	"gobalance/work"
)

func main() {
	cfg := work.Parse()
	var wg sync.WaitGroup //@make_wg
	for t := 0; t < cfg.Tasks; t++ {
		wg.Add(1)        //@add
		go func(t int) { //@spawn_worker
			defer wg.Done() //@done
			cfg.Run(t)      //@run
		}(t)
	}
	wg.Wait() //@wait
	cfg.Report(cfg.Tasks)
}

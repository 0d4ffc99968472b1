// Command ticker-leaks, fixed: time.NewTicker gives the ticker itself, and
// the deferred Stop ends it when process returns, so nothing fires after
// the work is done.
package main

import (
	"sync"
	"time"

	"gobalance/work"
)

func main() {
	cfg := work.Parse()
	process(cfg)
	// The program goes on serving other requests.
	time.Sleep(50 * time.Millisecond) //@serve
	cfg.Report(cfg.Tasks)
}

func process(cfg *work.Config) {
	ticker := time.NewTicker(time.Second / time.Duration(cfg.Rate)) //@make_ticker
	defer ticker.Stop()
	tasks := make(chan int, cfg.Tasks) //@make_tasks
	var wg sync.WaitGroup              //@make_wg
	for w := 0; w < cfg.Workers; w++ {
		wg.Add(1)         //@add
		go func(id int) { //@spawn_worker
			defer wg.Done()        //@done
			for t := range tasks { //@recv_task
				<-ticker.C //@wait_tick
				cfg.Run(t) //@run
			}
		}(w)
	}
	for t := 0; t < cfg.Tasks; t++ {
		tasks <- t //@send_task
	}
	close(tasks) //@close_tasks
	wg.Wait()    //@wait
}

// Command ticker-leaks runs a pool whose workers start at most -rate tasks
// a second between them, paced by time.Tick. The work ends, but the ticker
// behind time.Tick cannot be stopped: it goes on firing for as long as the
// program lives.
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
	tick := time.Tick(time.Second / time.Duration(cfg.Rate)) //@make_tick
	tasks := make(chan int, cfg.Tasks)                        //@make_tasks
	var wg sync.WaitGroup                                     //@make_wg
	for w := 0; w < cfg.Workers; w++ {
		wg.Add(1)         //@add
		go func(id int) { //@spawn_worker
			defer wg.Done()        //@done
			for t := range tasks { //@recv_task
				<-tick     //@wait_tick
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

// Command semaphore starts one goroutine per task but lets at most
// -workers of them hold a slot of a buffered channel at once, so the memory
// in flight stays bounded however many tasks there are.
package main

import (
	"sync"

	"gobalance/work"
)

func main() {
	cfg := work.Parse()
	sem := make(chan struct{}, cfg.Workers) //@make_sem
	var wg sync.WaitGroup                   //@make_wg
	for t := 0; t < cfg.Tasks; t++ {
		sem <- struct{}{} //@acquire
		wg.Add(1)         //@add
		go func(t int) {  //@spawn_worker
			defer wg.Done() //@done
			cfg.Run(t)      //@run
			<-sem           //@release
		}(t)
	}
	wg.Wait() //@wait
	cfg.Report(cfg.Tasks)
}

// Command static deals the tasks round-robin to one queue per worker before
// anything runs. Each worker drains only its own queue, so one unlucky
// worker with long tasks keeps the others idle at the end.
package main

import (
	"sync"

	"gobalance/work"
)

func main() {
	cfg := work.Parse()
	queues := make([][]int, cfg.Workers) //@make_queues
	for t := 0; t < cfg.Tasks; t++ {
		w := t % cfg.Workers
		queues[w] = append(queues[w], t) //@deal
	}

	var wg sync.WaitGroup //@make_wg
	for w := 0; w < cfg.Workers; w++ {
		wg.Add(1)              //@add
		go func(queue []int) { //@spawn_worker
			defer wg.Done()           //@done
			for _, t := range queue { //@next_task
				cfg.Run(t) //@run
			}
		}(queues[w])
	}
	wg.Wait() //@wait
	cfg.Report(cfg.Tasks)
}

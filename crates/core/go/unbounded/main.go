// Command unbounded starts one goroutine per task. Nothing limits how many
// run at once: memory grows with the task count, and so does the load on
// whatever the tasks call. How main waits decides whether the work is done
// at all: -wait=wg waits exactly as long as needed, -wait=none returns at
// once and loses every unfinished task, and a duration sleeps and hopes.
package main

import (
	"sync"
	"time"

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
	switch cfg.Wait {
	case "wg":
		wg.Wait() //@wait
	case "none":
		// main returns now: the program ends, finished or not.
	default:
		d, _ := time.ParseDuration(cfg.Wait)
		time.Sleep(d) //@sleep
	}
	cfg.Report(cfg.Tasks)
}

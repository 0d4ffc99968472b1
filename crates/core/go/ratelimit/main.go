// Command ratelimit is a worker pool whose workers start at most -rate tasks
// per second between them: a shared time.Ticker (one tick per period, a
// buffer of one, ticks nobody takes are dropped), a token bucket that allows
// -burst tasks at once, or -limiter=tick, time.Tick, whose ticker can never
// be stopped and outlives the work. The ticker is stopped when the work is done.
package main

import (
	"sync"
	"time"

	"gobalance/work"
)

func main() {
	cfg := work.Parse()
	period := time.Second / time.Duration(cfg.Rate)
	var tick <-chan time.Time
	var ticker *time.Ticker
	var bucket *work.Limiter
	switch cfg.Limiter {
	case "bucket":
		bucket = work.NewLimiter(cfg.Rate, cfg.Burst) //@make_limiter
	case "tick":
		// time.Tick returns only the channel: this ticker can never be
		// stopped and keeps firing after the work is done.
		tick = time.Tick(period) //@make_tick
	default:
		ticker = time.NewTicker(period) //@make_ticker
		tick = ticker.C
	}
	tasks := make(chan int, cfg.TasksBuffer)     //@make_tasks
	results := make(chan int, cfg.ResultsBuffer) //@make_results
	var wg sync.WaitGroup                        //@make_wg

	for w := 0; w < cfg.Workers; w++ {
		wg.Add(1)         //@add
		go func(id int) { //@spawn_worker
			defer wg.Done()        //@done
			for t := range tasks { //@recv_task
				if bucket != nil {
					bucket.Wait() //@wait_token
				} else {
					<-tick //@wait_tick
				}
				cfg.Run(t)   //@run
				results <- t //@send_result
			}
		}(w)
	}

	go func() { //@spawn_producer
		for t := 0; t < cfg.Tasks; t++ {
			tasks <- t //@send_task
		}
		close(tasks) //@close_tasks
	}()

	go func() { //@spawn_closer
		wg.Wait()      //@wait
		close(results) //@close_results
	}()

	done := 0
	for range results { //@recv_result
		done++
	}
	if ticker != nil {
		ticker.Stop() //@stop_ticker
	}
	cfg.Report(done)
}

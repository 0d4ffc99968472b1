// Command fanout fans the tasks out to -workers goroutines, each with its own
// output channel, and fans their outputs back in to one channel. Results
// arrive in completion order; -ordered restores the input order with a small
// reorder buffer.
package main

import (
	"sync"

	"gobalance/work"
)

func main() {
	cfg := work.Parse()
	tasks := make(chan int, cfg.TasksBuffer) //@make_tasks
	go func() {                              //@spawn_producer
		for t := 0; t < cfg.Tasks; t++ {
			tasks <- t //@send_task
		}
		close(tasks) //@close_tasks
	}()

	outs := make([]chan int, cfg.Workers)
	for w := range outs {
		outs[w] = make(chan int, cfg.ResultsBuffer) //@make_out
		go func(out chan<- int) {                   //@spawn_worker
			defer close(out)       //@close_out
			for t := range tasks { //@recv_task
				cfg.Run(t) //@run
				out <- t   //@send_out
			}
		}(outs[w])
	}

	done := 0
	pending := map[int]bool{}
	next := 0
	for t := range merge(outs) { //@recv_result
		if !cfg.Ordered {
			done++
			continue
		}
		pending[t] = true
		for pending[next] { //@release_in_order
			delete(pending, next)
			next++
			done++
		}
	}
	cfg.Report(done)
}

// merge copies every output channel into one, closed once all are drained.
func merge(outs []chan int) <-chan int {
	merged := make(chan int) //@make_merged
	var wg sync.WaitGroup    //@make_wg
	for _, out := range outs {
		wg.Add(1)                 //@add
		go func(out <-chan int) { //@spawn_forwarder
			defer wg.Done()      //@done
			for t := range out { //@forward_recv
				merged <- t //@forward_send
			}
		}(out)
	}
	go func() { //@spawn_closer
		wg.Wait()     //@wait
		close(merged) //@close_merged
	}()
	return merged
}

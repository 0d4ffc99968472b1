// Command pool runs tasks on a fixed number of workers that share one tasks
// channel; a closer goroutine closes the results channel once every worker
// has returned, so the collector's range loop ends.
package main

import (
	"sync"

	"gobalance/work"
)

func main() {
	cfg := work.Parse()
	tasks := make(chan int, cfg.TasksBuffer)     //@make_tasks
	results := make(chan int, cfg.ResultsBuffer) //@make_results
	var wg sync.WaitGroup                        //@make_wg

	for w := 0; w < cfg.Workers; w++ {
		wg.Add(1)                              //@add
		go worker(w, cfg, tasks, results, &wg) //@spawn_worker
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
	cfg.Report(done)
}

func worker(id int, cfg *work.Config, tasks <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()        //@done
	for t := range tasks { //@recv_task
		cfg.Run(t)   //@run
		results <- t //@send_result
	}
}

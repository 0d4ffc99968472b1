// Command dynamic grows and shrinks its worker pool: a controller samples
// the backlog every -interval, adds a worker while the backlog exceeds the
// workers (up to -max_workers), and retires an idle one when the queue is
// empty (down to -min_workers).
package main

import (
	"sync"
	"sync/atomic"
	"time"

	"gobalance/work"
)

func main() {
	cfg := work.Parse()
	capacity := cfg.TasksBuffer
	if capacity == 0 {
		capacity = cfg.Tasks // room for every task, so len(tasks) is the backlog
	}
	tasks := make(chan int, capacity)            //@make_tasks
	results := make(chan int, cfg.ResultsBuffer) //@make_results
	quit := make(chan struct{})                  //@make_quit
	var active int32
	var wg sync.WaitGroup //@make_wg
	nextID := 0
	start := func() {
		atomic.AddInt32(&active, 1)
		wg.Add(1)                                                  //@add
		go worker(nextID, cfg, tasks, results, quit, &active, &wg) //@spawn_worker
		nextID++
	}
	for i := 0; i < cfg.MinWorkers; i++ {
		start()
	}

	go func() { //@spawn_producer
		for t := 0; t < cfg.Tasks; t++ {
			tasks <- t //@send_task
		}
		close(tasks) //@close_tasks
	}()

	stop := make(chan struct{})           //@make_stop
	controllerDone := make(chan struct{}) //@make_controller_done
	go func() {                           //@spawn_controller
		defer close(controllerDone)            //@controller_exit
		ticker := time.NewTicker(cfg.Interval) //@make_ticker
		defer ticker.Stop()                    //@stop_ticker
		for {
			select { //@controller_select
			case <-ticker.C:
				backlog := len(tasks) //@sample
				n := int(atomic.LoadInt32(&active))
				if backlog > n && n < cfg.MaxWorkers {
					start()
				} else if backlog == 0 && n > cfg.MinWorkers {
					select { //@retire
					case quit <- struct{}{}:
					default:
					}
				}
			case <-stop:
				return
			}
		}
	}()

	for i := 0; i < cfg.Tasks; i++ {
		<-results //@recv_result
	}
	close(stop)      //@stop
	<-controllerDone //@wait_controller
	wg.Wait()        //@wait
	cfg.Report(cfg.Tasks)
}

func worker(id int, cfg *work.Config, tasks <-chan int, results chan<- int, quit <-chan struct{}, active *int32, wg *sync.WaitGroup) {
	defer wg.Done() //@done
	defer atomic.AddInt32(active, -1)
	for {
		select { //@worker_select
		case t, ok := <-tasks:
			if !ok {
				return
			}
			cfg.Run(t)   //@run
			results <- t //@send_result
		case <-quit:
			return
		}
	}
}

// Command steal deals the tasks to one deque per worker, like static
// partition, but a worker whose deque runs dry steals from the far end of
// another's, one task or half of them, until every deque is empty.
package main

import (
	"sync"

	"gobalance/work"
)

// deque is a worker's queue: the owner takes from the front, thieves from the back.
type deque struct {
	mu    sync.Mutex
	tasks []int
}

func (d *deque) push(t int) {
	d.mu.Lock()
	d.tasks = append(d.tasks, t)
	d.mu.Unlock()
}

func (d *deque) pop() (int, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.tasks) == 0 {
		return 0, false
	}
	t := d.tasks[0]
	d.tasks = d.tasks[1:]
	return t, true
}

// stealInto moves up to n tasks from the back of d to thief and reports how many.
func (d *deque) stealInto(thief *deque, half bool) int {
	d.mu.Lock()
	n := len(d.tasks)
	if half {
		n -= n / 2
	} else if n > 1 {
		n = 1
	}
	taken := append([]int(nil), d.tasks[len(d.tasks)-n:]...)
	d.tasks = d.tasks[:len(d.tasks)-n]
	d.mu.Unlock()
	thief.mu.Lock()
	thief.tasks = append(thief.tasks, taken...)
	thief.mu.Unlock()
	return n
}

func main() {
	cfg := work.Parse()
	deques := make([]*deque, cfg.Workers)
	for w := range deques {
		deques[w] = &deque{} //@make_deque
	}
	for t := 0; t < cfg.Tasks; t++ {
		deques[t%cfg.Workers].push(t) //@deal
	}

	var wg sync.WaitGroup //@make_wg
	for w := 0; w < cfg.Workers; w++ {
		wg.Add(1)         //@add
		go func(id int) { //@spawn_worker
			defer wg.Done() //@done
			own := deques[id]
			for {
				if t, ok := own.pop(); ok { //@pop
					cfg.Run(t) //@run
					continue
				}
				stole := 0
				for i := 1; i < cfg.Workers && stole == 0; i++ {
					victim := deques[(id+i)%cfg.Workers]
					stole = victim.stealInto(own, cfg.Steal == "half") //@steal
				}
				if stole == 0 {
					return // every deque is empty: the job is done
				}
			}
		}(w)
	}
	wg.Wait() //@wait
	cfg.Report(cfg.Tasks)
}

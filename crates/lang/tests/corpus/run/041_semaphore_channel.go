// A buffered channel used as a semaphore keeps at most its capacity of goroutines in the guarded section.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	sem := make(chan struct{}, 2)
	var mu sync.Mutex
	active, peak, done := 0, 0, 0
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			mu.Lock()
			active++
			if active > peak {
				peak = active
			}
			mu.Unlock()
			time.Sleep(2 * time.Millisecond)
			mu.Lock()
			active--
			done++
			mu.Unlock()
			<-sem
		}()
	}
	wg.Wait()
	fmt.Println("finished:", done)
	fmt.Println("peak within limit:", peak >= 1 && peak <= 2)
	fmt.Println("active at end:", active)
}

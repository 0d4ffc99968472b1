// Closing a channel wakes every goroutine blocked receiving on it.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	start := make(chan struct{})
	var woke int32
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			atomic.AddInt32(&woke, 1)
		}()
	}
	fmt.Println("woken before close:", atomic.LoadInt32(&woke))
	close(start)
	wg.Wait()
	fmt.Println("woken after close:", atomic.LoadInt32(&woke))
}

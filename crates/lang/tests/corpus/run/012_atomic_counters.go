// sync/atomic adds from many goroutines are never lost, for int32 and int64 alike.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var hits int32
	var bytes int64
	var wg sync.WaitGroup
	for g := 1; g <= 6; g++ {
		wg.Add(1)
		go func(size int64) {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				atomic.AddInt32(&hits, 1)
				atomic.AddInt64(&bytes, size)
			}
		}(int64(g))
	}
	wg.Wait()
	fmt.Println("hits:", atomic.LoadInt32(&hits))
	fmt.Println("bytes:", atomic.AddInt64(&bytes, 0))
	after := atomic.AddInt32(&hits, -100)
	fmt.Println("after removing 100:", after)
}

// An empty select blocks forever, a deadlock when no other goroutine is left.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println("all helpers finished; main now waits forever")
	select {}
}

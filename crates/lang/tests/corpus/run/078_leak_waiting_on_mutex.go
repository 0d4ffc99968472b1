// Goroutines stuck waiting for a mutex that main holds do not stop main from returning.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	shared := 0
	for i := 0; i < 3; i++ {
		go func() {
			mu.Lock()
			shared++
			mu.Unlock()
		}()
	}
	fmt.Println("goroutines counted:", runtime.NumGoroutine())
	fmt.Println("shared while locked:", shared)
	fmt.Println("main returns holding the lock")
}

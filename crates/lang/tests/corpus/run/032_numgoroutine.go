// runtime.NumGoroutine counts a goroutine from its go statement until it has finished.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	fmt.Println("at start:", runtime.NumGoroutine())
	gate := make(chan struct{})
	for i := 0; i < 3; i++ {
		go func() {
			<-gate
		}()
	}
	fmt.Println("with three waiting:", runtime.NumGoroutine())
	close(gate)
	for runtime.NumGoroutine() > 1 {
		time.Sleep(time.Millisecond)
	}
	fmt.Println("after they exit:", runtime.NumGoroutine())
	fmt.Println("GOMAXPROCS at least 1:", runtime.GOMAXPROCS(0) >= 1)
}

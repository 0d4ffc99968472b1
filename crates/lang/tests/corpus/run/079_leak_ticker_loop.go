// A goroutine looping on a ticker forever is simply abandoned when main returns.
package main

import (
	"fmt"
	"time"
)

func main() {
	beats := make(chan int)
	go func() {
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		n := 0
		for range t.C {
			n++
			beats <- n
		}
	}()
	for i := 0; i < 3; i++ {
		fmt.Println("heartbeat", <-beats)
	}
	fmt.Println("main stops listening and returns")
}

// A consumer ranging over a channel that is never closed stays blocked, yet main returns with status 0.
package main

import (
	"fmt"
	"sync"
)

func main() {
	jobs := make(chan int)
	var mu sync.Mutex
	seen := 0
	ack := make(chan bool)
	go func() {
		for j := range jobs {
			mu.Lock()
			seen += j
			mu.Unlock()
			ack <- true
		}
		fmt.Println("never printed: jobs is never closed")
	}()
	for j := 1; j <= 4; j++ {
		jobs <- j
		<-ack
	}
	mu.Lock()
	fmt.Println("sum seen by the consumer:", seen)
	mu.Unlock()
	fmt.Println("main returns without closing jobs")
}

// Taking only the first of several replies leaves the other senders blocked forever, and main still exits normally.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func query(replica int, out chan<- string) {
	time.Sleep(time.Duration(replica) * time.Millisecond)
	out <- "answer"
}

func main() {
	out := make(chan string)
	for r := 1; r <= 3; r++ {
		go query(r, out)
	}
	fmt.Println("first reply:", <-out)
	for runtime.NumGoroutine() != 3 {
		time.Sleep(time.Millisecond)
	}
	fmt.Println("goroutines still blocked, main included:", runtime.NumGoroutine())
}

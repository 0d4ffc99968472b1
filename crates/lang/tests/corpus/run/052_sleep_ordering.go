// Sleeps far apart in length order the moments at which goroutines report.
package main

import (
	"fmt"
	"time"
)

func main() {
	out := make(chan string, 3)
	delays := []int{60, 5, 30}
	for i, d := range delays {
		go func(id, ms int) {
			time.Sleep(time.Duration(ms) * time.Millisecond)
			out <- fmt.Sprintf("goroutine %d slept %v", id, time.Duration(ms)*time.Millisecond)
		}(i, d)
	}
	for i := 0; i < len(delays); i++ {
		fmt.Println(<-out)
	}
}

// time.Tick returns a channel that keeps delivering ticks at the given interval.
package main

import (
	"fmt"
	"time"
)

func main() {
	tick := time.Tick(4 * time.Millisecond)
	got := 0
	for i := 1; i <= 3; i++ {
		<-tick
		got++
		fmt.Println("tick number", i)
	}
	select {
	case <-tick:
		got++
		fmt.Println("the ticker is still running")
	case <-time.After(time.Second):
		fmt.Println("unexpected: no fourth tick")
	}
	fmt.Println("ticks received:", got)
}

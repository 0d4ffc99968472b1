// A ticker delivers ticks repeatedly until it is stopped.
package main

import (
	"fmt"
	"time"
)

func main() {
	ticker := time.NewTicker(5 * time.Millisecond)
	ticks := 0
	for ticks < 4 {
		<-ticker.C
		ticks++
		fmt.Println("tick", ticks)
	}
	ticker.Stop()
	fmt.Println("stopped after", ticks, "ticks")
}

// Command closeorder shows the order in which goroutines parked on a channel
// run once it is closed, on one P (GOMAXPROCS=1).
//
// Go 1.19's closechan takes the waiting receivers in the order they parked
// and pushes each onto a stack (a gList); it then pops the stack, readying
// each into the P's runnext, which moves the one readied before to the back
// of the local run queue. So the first to park runs first, then the last,
// the one before it, and so on down to the second.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
)

func main() {
	receivers := flag.Int("receivers", 4, "how many goroutines park on the channel")
	flag.Parse()
	runtime.GOMAXPROCS(1)

	closed := make(chan struct{})
	// Buffered, so that recording an order never blocks or readies anyone.
	parked := make(chan int, *receivers)
	ran := make(chan int, *receivers)
	var wg sync.WaitGroup
	for id := 1; id <= *receivers; id++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			parked <- id
			<-closed
			ran <- id
		}(id)
		// main sleeps, so the new goroutine runs and parks before the next is made.
		time.Sleep(time.Millisecond)
	}
	close(closed)
	wg.Wait()
	close(parked)
	close(ran)
	fmt.Println("parked:", list(parked))
	fmt.Println("ran:", list(ran))
}

// list reads every id from ch as one line.
func list(ch <-chan int) string {
	var ids []string
	for id := range ch {
		ids = append(ids, fmt.Sprint(id))
	}
	return strings.Join(ids, " ")
}

// Fan-in: several producers share one output channel, closed by a helper once all producers finish.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	out := make(chan int)
	var wg sync.WaitGroup
	for p := 1; p <= 3; p++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for k := 0; k < 3; k++ {
				out <- id*10 + k
			}
		}(p)
	}
	go func() {
		wg.Wait()
		close(out)
	}()

	var all []int
	for v := range out {
		all = append(all, v)
	}
	sort.Ints(all)
	fmt.Println("count:", len(all))
	for _, v := range all {
		fmt.Printf("producer %d item %d\n", v/10, v%10)
	}
}

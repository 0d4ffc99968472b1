// Waiting on a WaitGroup between two phases makes every phase-one result available to phase two.
package main

import (
	"fmt"
	"sync"
)

func main() {
	data := []int{2, 4, 6, 8}
	firstPass := make([]int, len(data))
	var wg sync.WaitGroup
	for i := range data {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			firstPass[i] = data[i] + 1
		}(i)
	}
	wg.Wait()
	fmt.Println("phase one:", firstPass)

	secondPass := make([]int, len(data))
	for i := range data {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			next := (i + 1) % len(firstPass)
			secondPass[i] = firstPass[i] * firstPass[next]
		}(i)
	}
	wg.Wait()
	fmt.Println("phase two:", secondPass)
}

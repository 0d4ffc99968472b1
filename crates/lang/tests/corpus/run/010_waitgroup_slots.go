// Goroutines that each write only their own slice element need no lock; Wait makes all writes visible.
package main

import (
	"fmt"
	"sync"
)

func main() {
	inputs := []int{3, 1, 4, 1, 5, 9, 2, 6}
	doubled := make([]int, len(inputs))
	var wg sync.WaitGroup
	for i := 0; i < len(inputs); i++ {
		wg.Add(1)
		go func(idx int) {
			defer wg.Done()
			doubled[idx] = inputs[idx] * 2
		}(i)
	}
	wg.Wait()
	fmt.Println("inputs: ", inputs)
	fmt.Println("doubled:", doubled)
	sum := 0
	for _, v := range doubled {
		sum += v
	}
	fmt.Println("sum:", sum)
}

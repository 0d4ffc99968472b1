// In Go 1.19 a range loop reuses one variable, so goroutines that read it after the loop all see the last element.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	words := []string{"alpha", "beta", "gamma"}
	gate := make(chan struct{})
	var mu sync.Mutex
	var wg sync.WaitGroup
	var shared []string
	launched := 0
	for _, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			mu.Lock()
			shared = append(shared, w)
			mu.Unlock()
		}()
		launched++
	}
	close(gate)
	wg.Wait()
	fmt.Println("launched", launched, "goroutines, they read:", shared)

	results := make(chan string, len(words))
	for _, w := range words {
		go func(word string) {
			results <- word
		}(w)
	}
	var own []string
	for i := 0; i < len(words); i++ {
		own = append(own, <-results)
	}
	sort.Strings(own)
	fmt.Println("passed as an argument:", own)
}

// Vet: a goroutine literal that captures the loop variable is reported.
package main

import (
	"fmt"
	"sync"
)

func main() {
	names := []string{"a", "b", "c"}
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(n)
		}()
	}
	wg.Wait()
}

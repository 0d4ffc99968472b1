// Calling Done more times than Add panics with a negative WaitGroup counter.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
	wg.Wait()
	fmt.Println("first wait done")
	wg.Done()
	fmt.Println("never printed")
}

// Calling a method that the type does not have is refused.
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
		fmt.Println("child")
	}()
	wg.Join()
}

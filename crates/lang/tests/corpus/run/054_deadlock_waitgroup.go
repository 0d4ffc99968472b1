// wg.Wait blocks forever when the counter never reaches zero, which the runtime reports as a deadlock.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	done := make(chan bool)
	go func() {
		defer wg.Done()
		done <- true
	}()
	<-done
	fmt.Println("one of two workers finished")
	wg.Wait()
	fmt.Println("never printed")
}

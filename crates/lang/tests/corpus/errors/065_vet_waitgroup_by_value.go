// Vet: passing a sync.WaitGroup by value copies its lock and is reported by go vet.
package main

import (
	"fmt"
	"sync"
)

func task(id int, wg sync.WaitGroup) {
	defer wg.Done()
	fmt.Println("task", id)
}

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go task(1, wg)
	wg.Wait()
}

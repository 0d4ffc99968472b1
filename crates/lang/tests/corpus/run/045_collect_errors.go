// Errors gathered from goroutines under a mutex and sorted give a stable report.
package main

import (
	"errors"
	"fmt"
	"sort"
	"sync"
)

func check(n int) error {
	if n%3 == 0 {
		return fmt.Errorf("item %d: divisible by three", n)
	}
	if n > 8 {
		return errors.New("too large")
	}
	return nil
}

func main() {
	var mu sync.Mutex
	var msgs []string
	okCount := 0
	var wg sync.WaitGroup
	for n := 1; n <= 10; n++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			err := check(n)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				msgs = append(msgs, fmt.Sprintf("%v", err))
			} else {
				okCount++
			}
		}(n)
	}
	wg.Wait()
	sort.Strings(msgs)
	fmt.Println("ok:", okCount, "failed:", len(msgs))
	for _, m := range msgs {
		fmt.Println(" -", m)
	}
}

// Goroutines writing to a shared map under a mutex leave every entry in place, read back in sorted key order.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var mu sync.Mutex
	lengths := map[string]int{}
	words := []string{"go", "chan", "select", "defer", "mutex", "atomic"}
	var wg sync.WaitGroup
	for _, w := range words {
		wg.Add(1)
		go func(word string) {
			defer wg.Done()
			mu.Lock()
			lengths[word] = len(word)
			mu.Unlock()
		}(w)
	}
	wg.Wait()

	keys := make([]string, 0, len(lengths))
	for k := range lengths {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s has %d letters\n", k, lengths[k])
	}
	fmt.Println("entries:", len(lengths))
}

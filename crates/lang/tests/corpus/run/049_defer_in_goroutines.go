// Each goroutine's deferred calls run as it finishes, so deferred sends and wg.Done report every worker.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	reports := make(chan string, 5)
	var wg sync.WaitGroup
	for i := 1; i <= 5; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			status := "started"
			defer func() {
				reports <- fmt.Sprintf("worker %d %s", id, status)
			}()
			if id%2 == 0 {
				status = "finished early"
				return
			}
			status = "finished"
		}(i)
	}
	wg.Wait()
	close(reports)
	var lines []string
	for r := range reports {
		lines = append(lines, r)
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
}

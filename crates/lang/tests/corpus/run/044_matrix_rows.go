// Goroutines each summing one row of a [][]int produce the same totals as a sequential loop.
package main

import (
	"fmt"
	"sync"
)

func main() {
	grid := [][]int{
		{1, 2, 3},
		{4, 5, 6, 7},
		{},
		{10, -10, 8},
	}
	rowSums := make([]int, len(grid))
	var wg sync.WaitGroup
	for r := range grid {
		wg.Add(1)
		go func(row int) {
			defer wg.Done()
			for _, v := range grid[row] {
				rowSums[row] += v
			}
		}(r)
	}
	wg.Wait()
	for r, s := range rowSums {
		fmt.Printf("row %d (len %d): %d\n", r, len(grid[r]), s)
	}

	t := make([][]int, 3)
	for i := range t {
		t[i] = make([]int, 2)
		for j := range t[i] {
			t[i][j] = i * j
		}
	}
	fmt.Println(t)
}

// Setting a drained channel to nil disables its select case, so a merge loop ends when both inputs close.
package main

import (
	"fmt"
	"sort"
)

func emit(vals []int) <-chan int {
	out := make(chan int)
	go func() {
		for _, v := range vals {
			out <- v
		}
		close(out)
	}()
	return out
}

func main() {
	a := emit([]int{1, 3, 5, 7})
	b := emit([]int{2, 4, 6})
	var got []int
	closed := 0
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				closed++
				continue
			}
			got = append(got, v)
		case v, ok := <-b:
			if !ok {
				b = nil
				closed++
				continue
			}
			got = append(got, v)
		}
	}
	sort.Ints(got)
	fmt.Println("merged:", got)
	fmt.Println("closed inputs:", closed)
}

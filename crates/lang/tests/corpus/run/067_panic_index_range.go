// Indexing past the end of a slice panics with the index and the length.
package main

import "fmt"

func at(xs []int, i int) int {
	return xs[i]
}

func main() {
	xs := []int{10, 20, 30}
	for i := 0; i < len(xs); i++ {
		fmt.Println(i, at(xs, i))
	}
	fmt.Println(at(xs, len(xs)+2))
}

// Slicing beyond a slice's capacity panics with the bound and the capacity.
package main

import "fmt"

func window(xs []int, hi int) []int {
	return xs[:hi]
}

func main() {
	xs := make([]int, 2, 3)
	fmt.Println(window(xs, 3))
	fmt.Println(window(xs, 5))
}

// Spreading a slice with ... into a function that is not variadic is refused.
package main

import "fmt"

func sum(a, b int) int {
	return a + b
}

func main() {
	pair := []int{1, 2}
	fmt.Println(sum(pair...))
}

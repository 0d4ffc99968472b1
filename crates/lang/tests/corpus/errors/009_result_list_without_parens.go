// Several result types must be wrapped in parentheses.
package main

import "fmt"

func split(n int) int, int {
	return n / 2, n - n/2
}

func main() {
	a, b := split(9)
	fmt.Println(a, b)
}

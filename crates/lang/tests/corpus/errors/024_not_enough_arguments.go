// Calling a function with fewer arguments than it declares is refused.
package main

import "fmt"

func between(lo, hi, n int) bool {
	return lo <= n && n <= hi
}

func main() {
	fmt.Println(between(1, 5))
}

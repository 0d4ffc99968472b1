// Returning two values from a function with one result is refused.
package main

import (
	"errors"
	"fmt"
)

func half(n int) int {
	if n%2 != 0 {
		return 0, errors.New("odd")
	}
	return n / 2
}

func main() {
	fmt.Println(half(8))
}

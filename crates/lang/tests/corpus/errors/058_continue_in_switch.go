// A continue inside a switch that is not inside a loop is refused.
package main

import "fmt"

func classify(n int) {
	switch {
	case n < 0:
		continue
	default:
		fmt.Println(n)
	}
}

func main() {
	classify(1)
}

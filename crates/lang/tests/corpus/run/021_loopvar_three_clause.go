// In Go 1.19 a three-clause for loop has one variable, so closures created in the loop all see its final value.
package main

import "fmt"

func main() {
	var shared []func() int
	for i := 0; i < 3; i++ {
		shared = append(shared, func() int { return i })
	}
	for _, f := range shared {
		fmt.Println("shared loop variable:", f())
	}

	var copied []func() int
	for i := 0; i < 3; i++ {
		i := i
		copied = append(copied, func() int { return i * 100 })
	}
	for _, f := range copied {
		fmt.Println("per-iteration copy:", f())
	}
}

// A deferred call's arguments are evaluated at the defer statement, but a deferred closure reads variables when it runs.
package main

import "fmt"

func demo() {
	x := 1
	defer fmt.Println("argument captured at defer:", x)
	defer func() {
		fmt.Println("closure sees final value:", x)
	}()
	x = 2
	x *= 10
	fmt.Println("x before return:", x)
}

func total(values []int) int {
	sum := 0
	defer func() {
		fmt.Println("deferred closure sees sum", sum)
	}()
	for _, v := range values {
		sum += v
	}
	return sum
}

func main() {
	demo()
	fmt.Println("total returned", total([]int{4, 5, 6}))
}

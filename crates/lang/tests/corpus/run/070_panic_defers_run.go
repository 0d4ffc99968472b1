// An explicit panic still runs the deferred calls of every function it unwinds, innermost first.
package main

import "fmt"

func inner() {
	defer fmt.Println("inner deferred")
	fmt.Println("inner about to panic")
	panic("something went wrong")
}

func outer() {
	defer func() {
		fmt.Println("outer deferred closure")
	}()
	inner()
}

func main() {
	defer fmt.Println("main deferred")
	fmt.Println("main starts")
	outer()
}

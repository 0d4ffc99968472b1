// Deferred calls run when the function returns, last deferred first.
package main

import "fmt"

func steps() {
	defer fmt.Println("deferred 1")
	defer fmt.Println("deferred 2")
	defer fmt.Println("deferred 3")
	fmt.Println("body of steps")
}

func countdown() {
	for i := 0; i < 4; i++ {
		defer fmt.Println("loop defer", i)
	}
	fmt.Println("loop finished")
}

func main() {
	fmt.Println("main starts")
	steps()
	countdown()
	defer fmt.Println("main's deferred line comes last")
	fmt.Println("main body ends")
}

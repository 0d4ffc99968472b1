// Adding an int to a string is an operation on mismatched types.
package main

import "fmt"

func main() {
	n := 3
	s := " goroutines"
	fmt.Println(n + s)
}

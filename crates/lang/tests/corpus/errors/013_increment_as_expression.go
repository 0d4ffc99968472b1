// An increment is a statement in Go and cannot be used as a value.
package main

import "fmt"

func main() {
	count := 0
	next := count++
	fmt.Println(next)
}

// Vet: assigning a variable to itself is reported by go vet.
package main

import "fmt"

func main() {
	ticks := 0
	for i := 0; i < 3; i++ {
		ticks = ticks
	}
	fmt.Println(ticks)
}

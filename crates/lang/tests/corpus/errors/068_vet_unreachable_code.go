// Vet: a statement after an unconditional return is reported as unreachable.
package main

import "fmt"

func report(done bool) {
	if done {
		fmt.Println("done")
	}
	return
	fmt.Println("never printed")
}

func main() {
	report(true)
}

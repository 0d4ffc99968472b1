// Vet: a format string that reads more arguments than the call passes is reported.
package main

import "fmt"

func main() {
	p, g := 2, 5
	fmt.Printf("P%d runs %d of %d goroutines\n", p, g)
}

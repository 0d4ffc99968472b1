// Vet: a %d verb given a string argument is reported by go vet.
package main

import "fmt"

func main() {
	id := "g7"
	fmt.Printf("goroutine %d is runnable\n", id)
}

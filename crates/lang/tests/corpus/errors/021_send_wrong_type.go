// Sending a string on a channel of int is a type mismatch.
package main

import "fmt"

func main() {
	results := make(chan int, 1)
	results <- "done"
	fmt.Println(<-results)
}

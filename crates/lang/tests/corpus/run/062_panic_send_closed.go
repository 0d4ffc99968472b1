// Sending on a closed channel panics, even when buffer space is free.
package main

import "fmt"

func main() {
	ch := make(chan int, 4)
	ch <- 1
	close(ch)
	fmt.Println("closed with", len(ch), "value still buffered")
	fmt.Println("can still receive:", <-ch)
	ch <- 2
	fmt.Println("never printed")
}

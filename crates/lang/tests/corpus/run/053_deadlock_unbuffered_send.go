// Sending on an unbuffered channel with no receiver anywhere is a deadlock.
package main

import "fmt"

func main() {
	ch := make(chan int)
	fmt.Println("about to send with nobody receiving")
	ch <- 1
	fmt.Println("never printed")
}

// A send on a full buffered channel blocks, deadlocking when nobody will ever receive.
package main

import "fmt"

func main() {
	ch := make(chan int, 2)
	for i := 1; i <= 3; i++ {
		fmt.Println("sending", i, "with", len(ch), "buffered")
		ch <- i
	}
	fmt.Println("never printed")
}

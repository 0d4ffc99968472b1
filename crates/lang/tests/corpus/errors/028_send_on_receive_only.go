// Sending on a receive-only channel is refused.
package main

import "fmt"

func drain(in <-chan int) {
	for v := range in {
		fmt.Println(v)
	}
	in <- 0
}

func main() {
	ch := make(chan int)
	close(ch)
	drain(ch)
}

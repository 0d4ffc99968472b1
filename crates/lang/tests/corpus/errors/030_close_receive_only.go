// Closing a receive-only channel is refused; only the sender may close.
package main

import "fmt"

func consume(in <-chan string) {
	for s := range in {
		fmt.Println(s)
	}
	close(in)
}

func main() {
	ch := make(chan string, 1)
	ch <- "x"
	consume(ch)
}

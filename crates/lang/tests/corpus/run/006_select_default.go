// A select with a default case never blocks: it sends or receives only when the channel is ready.
package main

import "fmt"

func trySend(ch chan int, v int) {
	select {
	case ch <- v:
		fmt.Println("sent", v)
	default:
		fmt.Println("full, dropped", v)
	}
}

func tryRecv(ch chan int) {
	select {
	case v := <-ch:
		fmt.Println("received", v)
	default:
		fmt.Println("empty, nothing to receive")
	}
}

func main() {
	ch := make(chan int, 1)
	tryRecv(ch)
	trySend(ch, 1)
	trySend(ch, 2)
	tryRecv(ch)
	tryRecv(ch)

	var unbuffered chan int = make(chan int)
	trySend(unbuffered, 3)
	tryRecv(unbuffered)
}

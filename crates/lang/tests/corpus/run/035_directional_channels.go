// Directional channel types restrict a function to sending or receiving on a channel it is given.
package main

import "fmt"

func counter(limit int) <-chan int {
	out := make(chan int)
	go func() {
		for i := 0; i < limit; i++ {
			out <- i
		}
		close(out)
	}()
	return out
}

func doubler(in <-chan int, out chan<- int) {
	for v := range in {
		out <- v * 2
	}
	close(out)
}

func printer(in <-chan int, done chan<- bool) {
	for v := range in {
		fmt.Println("value", v)
	}
	done <- true
}

func main() {
	doubled := make(chan int)
	done := make(chan bool)
	go doubler(counter(5), doubled)
	go printer(doubled, done)
	fmt.Println("printer finished:", <-done)
}

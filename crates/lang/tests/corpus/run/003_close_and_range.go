// Ranging over a channel yields every buffered value and stops once the sender closes it.
package main

import "fmt"

func produce(n int, out chan<- int) {
	for i := 1; i <= n; i++ {
		out <- i
	}
	close(out)
}

func main() {
	ch := make(chan int)
	go produce(6, ch)
	sum := 0
	count := 0
	for v := range ch {
		sum += v
		count++
		fmt.Printf("got %d, running sum %d\n", v, sum)
	}
	fmt.Println("values:", count, "sum:", sum)

	buf := make(chan int, 3)
	buf <- 7
	buf <- 8
	close(buf)
	for v := range buf {
		fmt.Println("drained", v)
	}
}

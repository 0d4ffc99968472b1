// Ranging over a channel that its sender never closes deadlocks once the values run out.
package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() {
		for i := 1; i <= 3; i++ {
			ch <- i
		}
	}()
	for v := range ch {
		fmt.Println("got", v)
	}
	fmt.Println("never printed")
}

// One goroutine sending on an unbuffered channel delivers its values to the receiver in the order sent.
package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() {
		for i := 1; i <= 5; i++ {
			ch <- i * i
		}
	}()
	for i := 0; i < 5; i++ {
		v := <-ch
		fmt.Println("received", v)
	}
	fmt.Println("done")
}

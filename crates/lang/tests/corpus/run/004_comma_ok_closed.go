// Receiving from a closed channel returns buffered values first, then the zero value with ok false.
package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	ch <- 10
	ch <- 20
	close(ch)
	for i := 0; i < 4; i++ {
		v, ok := <-ch
		fmt.Println(v, ok)
	}

	names := make(chan string, 1)
	names <- "gopher"
	close(names)
	s, ok := <-names
	fmt.Printf("%q %t\n", s, ok)
	s, ok = <-names
	fmt.Printf("%q %t\n", s, ok)

	done := make(chan struct{})
	close(done)
	_, ok = <-done
	fmt.Println("done open:", ok)
}

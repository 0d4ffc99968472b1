// Two goroutines taking turns through unbuffered channels print in a strictly alternating order.
package main

import "fmt"

func player(name string, in <-chan int, out chan<- int, done chan<- bool) {
	for {
		ball, ok := <-in
		if !ok {
			done <- true
			return
		}
		fmt.Println(name, "hits", ball)
		if ball >= 6 {
			close(out)
			done <- true
			return
		}
		out <- ball + 1
	}
}

func main() {
	ping := make(chan int)
	pong := make(chan int)
	done := make(chan bool)
	go player("ping", ping, pong, done)
	go player("pong", pong, ping, done)
	ping <- 1
	<-done
	<-done
	fmt.Println("rally over")
}

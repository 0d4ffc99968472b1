// A panic in another goroutine ends the whole program without running main's deferred calls.
package main

import "fmt"

func main() {
	defer fmt.Println("main deferred: never printed")
	started := make(chan bool)
	finished := make(chan bool)
	go func() {
		defer fmt.Println("the goroutine's own defer runs")
		<-started
		fmt.Println("goroutine working")
		panic("worker failed")
	}()
	fmt.Println("main starts the worker")
	started <- true
	<-finished
	fmt.Println("never printed")
}

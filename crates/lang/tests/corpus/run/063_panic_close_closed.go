// Closing a channel that is already closed panics.
package main

import "fmt"

func shutdown(ch chan bool, who string) {
	fmt.Println(who, "closes the channel")
	close(ch)
}

func main() {
	quit := make(chan bool)
	shutdown(quit, "first caller")
	_, ok := <-quit
	fmt.Println("open:", ok)
	shutdown(quit, "second caller")
	fmt.Println("never printed")
}

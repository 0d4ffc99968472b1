// time.After in a select bounds how long a receive waits; a ready channel wins over a long timer.
package main

import (
	"fmt"
	"time"
)

func main() {
	never := make(chan string)
	select {
	case msg := <-never:
		fmt.Println("unexpected:", msg)
	case <-time.After(15 * time.Millisecond):
		fmt.Println("timed out waiting for a reply")
	}

	reply := make(chan string, 1)
	go func() {
		reply <- "pong"
	}()
	select {
	case msg := <-reply:
		fmt.Println("got", msg)
	case <-time.After(time.Second):
		fmt.Println("unexpected timeout")
	}
}

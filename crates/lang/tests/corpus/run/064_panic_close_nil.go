// Closing a nil channel panics.
package main

import "fmt"

type Server struct {
	stop chan struct{}
}

func main() {
	s := &Server{}
	fmt.Println("stop channel is nil:", s.stop == nil)
	close(s.stop)
	fmt.Println("never printed")
}

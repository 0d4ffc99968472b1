// Receiving from a nil channel blocks forever.
package main

import "fmt"

func main() {
	var ch chan int
	fmt.Println("channel is nil:", ch == nil)
	v := <-ch
	fmt.Println("never printed", v)
}

// Two goroutines that each wait to receive before sending to the other are stuck forever.
package main

import "fmt"

func main() {
	toMain := make(chan string)
	toWorker := make(chan string)
	go func() {
		msg := <-toWorker
		toMain <- "reply to " + msg
	}()
	fmt.Println("main waits for the worker, the worker waits for main")
	reply := <-toMain
	toWorker <- "hello"
	fmt.Println("never printed", reply)
}

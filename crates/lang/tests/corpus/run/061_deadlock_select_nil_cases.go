// A select whose only cases use nil channels can never proceed.
package main

import "fmt"

func main() {
	results := make(chan int, 1)
	results <- 5
	fmt.Println("first result:", <-results)
	results = nil
	var quit chan bool
	select {
	case v := <-results:
		fmt.Println("never printed", v)
	case <-quit:
		fmt.Println("never printed either")
	}
}

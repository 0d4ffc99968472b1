// A ring of goroutines linked by a slice of channels passes a token around in a fixed order.
package main

import "fmt"

func main() {
	n := 5
	links := make([]chan int, n+1)
	for i := range links {
		links[i] = make(chan int)
	}
	for i := 0; i < n; i++ {
		go func(id int, in <-chan int, out chan<- int) {
			token := <-in
			out <- token*10 + id
		}(i, links[i], links[i+1])
	}
	links[0] <- 9
	result := <-links[n]
	fmt.Println("token after the ring:", result)

	trail := make([]chan string, 3)
	for i := range trail {
		trail[i] = make(chan string, 1)
		trail[i] <- fmt.Sprintf("slot-%d", i)
	}
	for i := len(trail) - 1; i >= 0; i-- {
		fmt.Println(<-trail[i])
	}
}

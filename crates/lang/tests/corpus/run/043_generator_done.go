// Closing a done channel lets a consumer stop an endless generator early.
package main

import "fmt"

func naturals(done <-chan struct{}, stopped chan<- string) <-chan int {
	out := make(chan int)
	go func() {
		defer func() { stopped <- "generator stopped" }()
		for i := 1; ; i++ {
			select {
			case out <- i:
			case <-done:
				return
			}
		}
	}()
	return out
}

func main() {
	done := make(chan struct{})
	stopped := make(chan string)
	nums := naturals(done, stopped)
	for i := 0; i < 4; i++ {
		fmt.Println("took", <-nums)
	}
	close(done)
	fmt.Println(<-stopped)
}

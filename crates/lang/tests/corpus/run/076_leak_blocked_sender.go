// When main returns the program exits, even though a goroutine is still blocked sending.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	results := make(chan int)
	go func() {
		for i := 1; i <= 3; i++ {
			results <- i * 11
		}
		fmt.Println("never printed: the third send never completes")
	}()
	fmt.Println("first:", <-results)
	fmt.Println("second:", <-results)
	fmt.Println("goroutines, the blocked sender included:", runtime.NumGoroutine())
	fmt.Println("main returns now")
}

// A three-stage pipeline of single goroutines preserves the order of the values flowing through it.
package main

import "fmt"

func numbers(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 1; i <= n; i++ {
			out <- i
		}
	}()
	return out
}

func square(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			out <- v * v
		}
	}()
	return out
}

func keepOdd(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			if v%2 == 1 {
				out <- v
			}
		}
	}()
	return out
}

func main() {
	total := 0
	for v := range keepOdd(square(numbers(9))) {
		fmt.Println("stage out:", v)
		total += v
	}
	fmt.Println("total:", total)
}

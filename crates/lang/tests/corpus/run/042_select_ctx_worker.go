// A worker selecting on jobs and ctx.Done handles every job it receives and stops when the context is cancelled.
package main

import (
	"context"
	"fmt"
)

type summary struct {
	handled int
	sum     int
	err     error
}

func worker(ctx context.Context, jobs <-chan int, out chan<- summary) {
	s := summary{}
	for {
		select {
		case j := <-jobs:
			s.handled++
			s.sum += j
		case <-ctx.Done():
			s.err = ctx.Err()
			out <- s
			return
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	jobs := make(chan int)
	out := make(chan summary)
	go worker(ctx, jobs, out)
	for i := 1; i <= 4; i++ {
		jobs <- i * 5
	}
	cancel()
	s := <-out
	fmt.Println("handled:", s.handled)
	fmt.Println("sum:", s.sum)
	fmt.Println("stopped because:", s.err)
}

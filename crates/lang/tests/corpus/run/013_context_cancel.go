// Cancelling a context closes its Done channel and makes Err report "context canceled".
package main

import (
	"context"
	"fmt"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	fmt.Println("before cancel:", ctx.Err())

	report := make(chan error)
	go func() {
		<-ctx.Done()
		report <- ctx.Err()
	}()

	cancel()
	err := <-report
	fmt.Println("worker saw:", err)
	fmt.Println("after cancel:", ctx.Err())

	cancel()
	fmt.Println("second cancel is harmless:", ctx.Err())

	child, stop := context.WithCancel(ctx)
	defer stop()
	<-child.Done()
	fmt.Println("child of cancelled parent:", child.Err())
}

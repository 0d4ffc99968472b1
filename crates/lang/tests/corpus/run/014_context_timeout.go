// A context with a short timeout expires on its own and reports "context deadline exceeded".
package main

import (
	"context"
	"fmt"
	"time"
)

func slowWork(ctx context.Context) error {
	select {
	case <-time.After(2 * time.Second):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	fmt.Println("err before deadline:", ctx.Err())
	err := slowWork(ctx)
	fmt.Println("slowWork returned:", err)
	fmt.Println("ctx.Err():", ctx.Err())
	fmt.Println("is the deadline error:", err == context.DeadlineExceeded)
	fmt.Println("is the cancel error:", err == context.Canceled)
}

// Vet: a cancel function from context.WithCancel that some path never calls is reported.
package main

import (
	"context"
	"fmt"
)

func start(quick bool) {
	ctx, cancel := context.WithCancel(context.Background())
	if quick {
		fmt.Println("quick path")
		return
	}
	defer cancel()
	<-ctx.Done()
}

func main() {
	start(true)
}

// Vet: assigning the result of atomic.AddInt64 back to its own target is reported.
package main

import (
	"fmt"
	"sync/atomic"
)

func main() {
	var spins int64
	spins = atomic.AddInt64(&spins, 1)
	fmt.Println(spins)
}

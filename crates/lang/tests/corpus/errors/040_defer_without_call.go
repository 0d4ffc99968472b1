// The defer statement needs a function call, not a method value.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock
	fmt.Println("locked")
}

// Vet: ranging by value over a slice of WaitGroups copies their locks and is reported.
package main

import (
	"fmt"
	"sync"
)

func main() {
	groups := make([]sync.WaitGroup, 2)
	for i, g := range groups {
		fmt.Println(i, &g)
	}
}

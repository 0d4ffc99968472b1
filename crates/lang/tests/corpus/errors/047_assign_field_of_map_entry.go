// A field of a struct stored in a map cannot be assigned in place.
package main

import "fmt"

type Slot struct {
	busy bool
}

func main() {
	slots := map[string]Slot{"p0": {}}
	slots["p0"].busy = true
	fmt.Println(slots)
}

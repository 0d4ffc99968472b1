// Reading a nil map is fine but writing to it panics.
package main

import "fmt"

type Registry struct {
	names map[string]int
}

func main() {
	r := Registry{}
	fmt.Println("lookup on nil map:", r.names["x"], len(r.names))
	r.names["x"] = 1
	fmt.Println("never printed")
}

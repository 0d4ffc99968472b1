// Assigning one function result to two variables is a count mismatch.
package main

import "fmt"

func load() int {
	return 42
}

func main() {
	v, err := load()
	fmt.Println(v, err)
}

// Returning a bool from a function whose result is a string is a type mismatch.
package main

import "fmt"

func state(running bool) string {
	if running {
		return "running"
	}
	return false
}

func main() {
	fmt.Println(state(true))
}

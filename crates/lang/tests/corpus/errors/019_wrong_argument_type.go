// Passing a string where a function takes an int is a type mismatch.
package main

import "fmt"

func spawn(n int) {
	for i := 0; i < n; i++ {
		fmt.Println("spawned", i)
	}
}

func main() {
	spawn("two")
}

// An assignment cannot be used where an if statement expects a condition.
package main

import "fmt"

func main() {
	ready := false
	if ready = true {
		fmt.Println("go")
	}
}

// Declaring the same name twice in one block is refused.
package main

import "fmt"

func main() {
	var quantum int = 10
	var quantum string = "10ms"
	fmt.Println(quantum)
}

// Dereferencing a value that is not a pointer is refused.
package main

import "fmt"

func main() {
	hits := 5
	fmt.Println(*hits)
}

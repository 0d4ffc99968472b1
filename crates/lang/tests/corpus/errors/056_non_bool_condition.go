// An if condition must be a bool, not an int.
package main

import "fmt"

func main() {
	pending := 2
	if pending {
		fmt.Println("still waiting")
	}
}

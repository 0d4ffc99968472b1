// Mistakes found at different times by the checker are still reported in source order.
package main

import "fmt"

func main() {
	idle := 0
	var name string = 5
	busy := true
	fmt.Println(name)
}

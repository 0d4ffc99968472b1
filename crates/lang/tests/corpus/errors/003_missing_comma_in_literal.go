// A multi-line composite literal needs a comma after its last element.
package main

import "fmt"

func main() {
	delays := []int{
		10,
		20,
		30
	}
	fmt.Println(delays)
}

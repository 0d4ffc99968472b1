// The first argument of append must be a slice.
package main

import "fmt"

func main() {
	owners := map[string]int{"g1": 0}
	owners = append(owners, 1)
	fmt.Println(owners)
}

// A slice type cannot be used as the key type of a map.
package main

import "fmt"

func main() {
	seen := make(map[[]int]bool)
	fmt.Println(len(seen))
}

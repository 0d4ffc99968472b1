// Strings are immutable, so assigning to one of their bytes is refused.
package main

import "fmt"

func main() {
	word := "gopher"
	word[0] = 'G'
	fmt.Println(word)
}

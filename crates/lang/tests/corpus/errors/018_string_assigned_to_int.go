// Assigning a string constant to an int variable is a type mismatch.
package main

import "fmt"

func main() {
	score := 10
	score = "eleven"
	fmt.Println(score)
}

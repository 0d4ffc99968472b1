// A constant too large for int cannot be stored in an int variable.
package main

import "fmt"

func main() {
	var big int = 1 << 70
	fmt.Println(big)
}

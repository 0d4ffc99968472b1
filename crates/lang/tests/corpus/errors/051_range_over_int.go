// Ranging over an integer is not allowed in Go 1.19.
package main

import "fmt"

func main() {
	for i := range 10 {
		fmt.Println(i)
	}
}

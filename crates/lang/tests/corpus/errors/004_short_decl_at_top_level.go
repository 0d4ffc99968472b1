// A short variable declaration is only allowed inside a function.
package main

import "fmt"

limit := 8

func main() {
	fmt.Println(limit)
}

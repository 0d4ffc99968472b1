// A short variable declaration must introduce at least one new name.
package main

import "fmt"

func main() {
	count := 1
	count := 2
	fmt.Println(count)
}

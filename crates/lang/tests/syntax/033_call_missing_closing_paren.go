// A call's `)` is missing at the end of its line.
package main

import "fmt"

func main() {
	fmt.Println("a"
}

// An interpreted string runs into the end of its line.
package main

import "fmt"

func main() {
	fmt.Println("hello)
}

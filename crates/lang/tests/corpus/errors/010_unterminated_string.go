// A string literal that is not closed before the end of the line is refused.
package main

import "fmt"

func main() {
	greeting := "hello, gopher
	fmt.Println(greeting)
}

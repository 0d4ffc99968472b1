// Calling a function with more arguments than it declares is refused.
package main

import "fmt"

func greet(name string) string {
	return fmt.Sprintf("hello %s", name)
}

func main() {
	fmt.Println(greet("ana", "bo"))
}

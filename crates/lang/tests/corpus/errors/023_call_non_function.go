// Calling a variable that holds an int, as if it were a function, is refused.
package main

import "fmt"

func main() {
	delay := 5
	fmt.Println(delay())
}

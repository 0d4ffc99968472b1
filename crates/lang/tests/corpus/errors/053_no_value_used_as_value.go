// The result of a function with no results cannot be used as a value.
package main

import "fmt"

func logLine(s string) {
	fmt.Println(s)
}

func main() {
	out := logLine("start")
	fmt.Println(out)
}

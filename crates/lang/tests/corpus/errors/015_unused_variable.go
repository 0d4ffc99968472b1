// A variable declared and never used is refused.
package main

import "fmt"

func main() {
	workers := 4
	jobs := 10
	fmt.Println("jobs:", jobs)
}

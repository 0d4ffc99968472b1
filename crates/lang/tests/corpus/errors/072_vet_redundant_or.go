// Vet: the same comparison on both sides of || is reported as redundant.
package main

import "fmt"

func main() {
	state := "idle"
	if state == "idle" || state == "idle" {
		fmt.Println("nothing to do")
	}
}

// A function body whose closing brace is missing runs into the end of the file.
package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		fmt.Println("tick", i)
	}

// Vet: Println given a string that looks like a format is reported.
package main

import "fmt"

func main() {
	queued := 3
	fmt.Println("queued: %d", queued)
}

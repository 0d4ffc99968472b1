// Vet: calling fmt.Sprintf and dropping its result is reported.
package main

import "fmt"

func main() {
	steals := 4
	fmt.Sprintf("steals: %d", steals)
	fmt.Println("done")
}

// A plain statement such as a call cannot stand at package level.
package main

import "fmt"

fmt.Println("starting")

func main() {
	fmt.Println("running")
}

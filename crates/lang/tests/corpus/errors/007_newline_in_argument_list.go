// A call whose argument list is cut by a newline without a comma is refused.
package main

import "fmt"

func main() {
	name := "worker"
	id := 7
	fmt.Println(name, id
	)
}

// nil cannot be used as a value of type int.
package main

import "fmt"

func main() {
	var steals int = nil
	fmt.Println(steals)
}

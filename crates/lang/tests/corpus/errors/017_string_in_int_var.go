// A string constant cannot initialise a variable declared as int.
package main

import "fmt"

func main() {
	var retries int = "three"
	fmt.Println(retries)
}

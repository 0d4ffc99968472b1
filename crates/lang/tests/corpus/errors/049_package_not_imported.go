// Referring to a package that was not imported leaves its name undefined.
package main

import "fmt"

func main() {
	timeout := 3 * time.Second
	fmt.Println(timeout)
}

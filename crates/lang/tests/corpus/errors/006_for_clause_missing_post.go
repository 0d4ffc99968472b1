// A three-clause for loop written with only one semicolon is malformed.
package main

import "fmt"

func main() {
	for i := 0; i < 5 {
		fmt.Println(i)
	}
}

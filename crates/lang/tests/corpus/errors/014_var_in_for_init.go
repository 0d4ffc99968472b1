// A var declaration cannot be used as the init statement of a for loop.
package main

import "fmt"

func main() {
	for var i = 0; i < 3; i++ {
		fmt.Println(i)
	}
}

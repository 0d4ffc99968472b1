// A label that no break, continue or goto refers to is refused.
package main

import "fmt"

func main() {
outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j == i {
				break
			}
			fmt.Println(i, j)
		}
	}
}

// Using a name that was never declared is refused.
package main

import "fmt"

func main() {
	sum := 0
	for i := 0; i < 4; i++ {
		sum += i
	}
	fmt.Println(total)
}

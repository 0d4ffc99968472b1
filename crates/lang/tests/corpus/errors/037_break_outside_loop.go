// A break that is not inside a loop, switch or select is refused.
package main

import "fmt"

func check(n int) {
	if n > 10 {
		break
	}
	fmt.Println(n)
}

func main() {
	check(3)
}

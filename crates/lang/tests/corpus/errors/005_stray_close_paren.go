// A closing parenthesis with no matching opening one ends a statement badly.
package main

import "fmt"

func main() {
	total := 3 + 4
	fmt.Println("total:", total))
}

// Two cases with the same constant in one switch are refused.
package main

import "fmt"

func main() {
	level := 2
	switch level {
	case 1:
		fmt.Println("low")
	case 2:
		fmt.Println("mid")
	case 2:
		fmt.Println("mid again")
	}
}

// `=` is written for `==` in an `if` condition.
package main

func main() {
	x := 1
	if x = 1 {
	}
}

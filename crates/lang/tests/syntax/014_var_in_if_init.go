// An `if` header declares with `var`.
package main

func main() {
	if var x = 1; x > 0 {
	}
}

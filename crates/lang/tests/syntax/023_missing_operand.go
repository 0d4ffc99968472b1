// A binary operator has no right operand.
package main

func main() {
	x := (1 + )
	_ = x
}

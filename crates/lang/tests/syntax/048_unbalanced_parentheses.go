// A closing parenthesis has no opening one.
package main

func main() {
	x := 1)
	_ = x
}

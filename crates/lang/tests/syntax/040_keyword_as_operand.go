// `if` stands where an expression should be.
package main

func main() {
	x := if
}

// A named function is declared inside another.
package main

func main() {
	func inner() {}
}

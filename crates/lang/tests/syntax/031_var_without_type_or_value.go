// A `var` declaration has neither type nor value.
package main

func main() {
	var x
}

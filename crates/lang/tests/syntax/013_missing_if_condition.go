// An `if` has no condition.
package main

func main() {
	if {
	}
}

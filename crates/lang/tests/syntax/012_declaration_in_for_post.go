// The post statement of a for loop declares a variable.
package main

func main() {
	for i := 0; i < 3; j := 1 {
		_ = i
	}
}

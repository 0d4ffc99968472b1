// A switch body holds a label-like word instead of `case`.
package main

func main() {
	x := 1
	switch x {
	one:
	}
}

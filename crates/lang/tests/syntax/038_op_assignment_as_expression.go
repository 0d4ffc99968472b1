// `+=` is used inside a short variable declaration.
package main

func main() {
	a := 1
	x := a += 1
}

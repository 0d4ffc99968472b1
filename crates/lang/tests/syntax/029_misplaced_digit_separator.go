// `1__000` has two separators in a row; the rest is fine.
package main

func main() {
	x := 1__000
	_ = x
}

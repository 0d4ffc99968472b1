// A rune literal is empty.
package main

func main() {
	r := ''
	_ = r
}

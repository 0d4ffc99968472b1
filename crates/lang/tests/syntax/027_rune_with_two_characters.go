// A rune literal holds two characters; the rest is fine.
package main

func main() {
	r := 'ab'
	_ = r
}

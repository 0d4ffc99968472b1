// `0x` has no digits; the rest is fine.
package main

func main() {
	x := 0x
	_ = x
}

// `09` is an octal literal with a 9 in it; the rest is fine.
package main

func main() {
	x := 09
	_ = x
}

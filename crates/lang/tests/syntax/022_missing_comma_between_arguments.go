// Two arguments are separated by a space only.
package main

func f(a, b int) {}

func main() {
	a, b := 1, 2
	f(a b)
}

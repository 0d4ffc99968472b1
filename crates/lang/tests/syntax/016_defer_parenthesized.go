// The call after `defer` is in parentheses.
package main

func f() {}

func main() {
	defer (f())
}

// `go` is given a function value, not a call.
package main

func f() {}

func main() {
	go f
}

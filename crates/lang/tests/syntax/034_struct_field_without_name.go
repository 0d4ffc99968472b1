// A struct field starts with a number.
package main

type T struct {
	1 int
}

func main() {}
